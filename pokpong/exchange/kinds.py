"""The kinds of export Pokpong offers, registered when the app is ready (apps.py)."""

from pokpong.exchange.registry import export_kind_register


def register_kinds() -> None:
    from pokpong.exchange.ctdc.kind import CTDC
    from pokpong.exchange.dhis2.kind import DHIS2

    for kind in (CTDC, DHIS2):
        export_kind_register(kind)
