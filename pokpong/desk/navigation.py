"""The navigation menu, built from what the user's roles can reach (explicit registry)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pokpong.accounts.models import User
from pokpong.accounts.policy import PERSON_CAPABILITIES, Capability, has_capability


@dataclass(frozen=True)
class NavItem:
    label: StrOrPromise
    url_name: str
    capability: str | None = None  # None: every signed-in user

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "desk:home"),
    NavItem(_("Inbox"), "desk:inbox"),
    NavItem(_("Cases"), "cases:case_list", Capability.VIEW_CASES),
    NavItem(
        _("Services"),
        "referrals:directory",
        "any:" + ",".join([Capability.VIEW_CASES, Capability.VIEW_REFERRALS]),
    ),
    NavItem(_("Persons"), "people:list", "any:" + ",".join(PERSON_CAPABILITIES)),
    NavItem(_("Indicators"), "monitoring:dashboard", Capability.VIEW_REPORTS),
    NavItem(
        _("Referral report"),
        "referrals:report",
        "any:" + ",".join([Capability.APPROVE_DECISIONS, Capability.MANAGE_CASES]),
    ),
    NavItem(_("Employers"), "livelihoods:employer_list", Capability.MANAGE_CASES),
    NavItem(_("Caseload"), "desk:caseload", Capability.APPROVE_DECISIONS),
    NavItem(_("Duplicates"), "people:duplicate_review", Capability.APPROVE_DECISIONS),
    NavItem(_("Awareness"), "prevention:activity_list", Capability.MANAGE_PREVENTION),
    NavItem(_("Hotline"), "prevention:call_list", Capability.LOG_HOTLINE_CALLS),
    NavItem(_("Training"), "training:session_list", Capability.MANAGE_TRAINING),
    NavItem(_("Programme"), "programme:activity_list", Capability.MANAGE_PROGRAMME),
    NavItem(_("Indicator reports"), "monitoring:report_requests", Capability.VIEW_REPORTS),
    NavItem(_("Users"), "accounts:user_list", Capability.MANAGE_USERS),
    NavItem(_("Webhooks"), "exchange:webhook_list", Capability.MANAGE_USERS),
    NavItem(_("Reference lists"), "desk:reference_index", Capability.MANAGE_REFERENCE_LISTS),
    NavItem(_("Audit trail"), "desk:audit_list", Capability.VIEW_AUDIT),
    NavItem(_("My account"), "accounts:security"),
]


def nav_items_for(user: User | AnonymousUser) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [i for i in NAV_ITEMS if i.capability is None or _allowed(user, i.capability)]


def _allowed(user: User, capability: str) -> bool:
    wanted = capability.removeprefix("any:").split(",")
    return any(has_capability(user, c) for c in wanted)
