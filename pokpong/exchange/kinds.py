"""The kinds of export Pokpong offers, registered when the app is ready (apps.py)."""

from pokpong.exchange.registry import export_kind_register


def register_kinds() -> None:
    from pokpong.exchange.ctdc.kind import CTDC
    from pokpong.exchange.dhis2.kind import DHIS2
    from pokpong.exchange.htcds.kind import HTCDS

    for kind in (CTDC, DHIS2, HTCDS):
        export_kind_register(kind)
