from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "pokpong.referrals"
    verbose_name = _("Referrals and services")

    def ready(self) -> None:
        from pokpong.referrals import reference  # noqa: F401  (registers the editable lists)
        from pokpong.referrals.inbox import register_sections

        register_sections()
