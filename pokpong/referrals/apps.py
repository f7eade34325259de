from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "pokpong.referrals"
    verbose_name = _("Referrals and services")

    def ready(self) -> None:
        from pokpong.cases.events import case_closed, consent_withdrawn
        from pokpong.referrals import reference  # noqa: F401  (registers the editable lists)
        from pokpong.referrals.inbox import register_sections
        from pokpong.referrals.services import referrals_end_for_case, revoke_all_referral_access

        register_sections()
        case_closed.subscribe(referrals_end_for_case)
        consent_withdrawn.subscribe(revoke_all_referral_access)
