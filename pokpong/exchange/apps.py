"""Data exchange with partner systems: HTCDS, CTDC, DHIS2 exports, outbound webhooks (#18)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "pokpong.exchange"
    verbose_name = _("Data exchange")

    def ready(self) -> None:
        from pokpong.core.rotation import rotator_register
        from pokpong.exchange.kinds import register_kinds
        from pokpong.exchange.storage import export_files_rotate

        rotator_register(
            name="exchange.exports",
            rotate=export_files_rotate,
            modules=("pokpong.exchange.storage",),
        )
        register_kinds()
        from pokpong.cases.events import case_changed, cases_opened
        from pokpong.exchange.webhooks.events import (
            on_case_changed,
            on_cases_opened,
            on_referral_changed,
        )
        from pokpong.referrals.events import referral_changed

        case_changed.subscribe(on_case_changed)
        cases_opened.subscribe(on_cases_opened)
        referral_changed.subscribe(on_referral_changed)
