from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "pokpong.exchange"
    verbose_name = _("Data exchange")

    def ready(self) -> None:
        from pokpong.cases.events import case_changed
        from pokpong.exchange.webhooks.events import on_case_changed, on_referral_changed
        from pokpong.referrals.events import referral_changed

        case_changed.subscribe(on_case_changed)
        referral_changed.subscribe(on_referral_changed)
