"""The access policy: the one place that says who may do what. Deny by default.

Every view, API endpoint, export and background job asks these functions; none decides on its own.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Role, RoleAssignment, ScopeLevel, User


class Capability(models.TextChoices):
    """What a role can reach. Record-level checks (which case, which province) come on top."""

    VIEW_CASES = "view_cases", _("Cases and persons")
    VIEW_REFERRALS = "view_referrals", _("Referrals and services")
    LOG_HOTLINE_CALLS = "log_hotline_calls", _("Hotline calls")
    MANAGE_PREVENTION = "manage_prevention", _("Prevention activities")
    MANAGE_TRAINING = "manage_training", _("Training of officials")
    APPROVE_DECISIONS = "approve_decisions", _("Approvals (identification, case closure)")
    VIEW_REPORTS = "view_reports", _("Indicators and reports")
    EXPORT_ANONYMISED = "export_anonymised", _("Anonymised data sharing")
    VIEW_AUDIT = "view_audit", _("Audit trail")
    MANAGE_USERS = "manage_users", _("Users and organisations")
    MANAGE_REFERENCE_LISTS = "manage_reference_lists", _("Reference lists")


_C = Capability
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CASE_WORKER: frozenset({_C.VIEW_CASES, _C.VIEW_REFERRALS}),
    Role.SERVICE_PROVIDER: frozenset({_C.VIEW_REFERRALS}),
    Role.POLICE_OFFICER: frozenset({_C.VIEW_CASES, _C.VIEW_REFERRALS}),
    Role.HOTLINE_COUNSELLOR: frozenset({_C.LOG_HOTLINE_CALLS, _C.VIEW_REFERRALS}),
    Role.PREVENTION_OFFICER: frozenset({_C.MANAGE_PREVENTION}),
    Role.TRAINER: frozenset({_C.MANAGE_TRAINING}),
    Role.PROVINCIAL_MANAGER: frozenset(
        {_C.VIEW_CASES, _C.VIEW_REFERRALS, _C.APPROVE_DECISIONS, _C.VIEW_REPORTS}
    ),
    Role.NATIONAL_SECRETARIAT: frozenset(
        {_C.VIEW_REPORTS, _C.EXPORT_ANONYMISED, _C.VIEW_AUDIT, _C.MANAGE_TRAINING}
    ),
    Role.ME_OFFICER: frozenset({_C.VIEW_REPORTS}),
    Role.ADMINISTRATOR: frozenset({_C.MANAGE_USERS, _C.MANAGE_REFERENCE_LISTS}),
}


@dataclass(frozen=True)
class Reach:
    """One line of "what my roles can reach": a capability and the scopes it applies in."""

    capability: Capability
    scopes: tuple[str, ...]


def _assignments(user: User) -> list[RoleAssignment]:
    cached: list[RoleAssignment] | None = getattr(user, "_pokpong_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("province", "district"))
        user._pokpong_assignments = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: User) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return {a.role for a in _assignments(user)}


def has_capability(user: User, capability: str) -> bool:
    return any(capability in ROLE_CAPABILITIES.get(role, ()) for role in roles_of(user))


def capabilities_of(user: User) -> set[str]:
    return {cap for role in roles_of(user) for cap in ROLE_CAPABILITIES.get(role, ())}


def reach_of(user: User) -> list[Reach]:
    """What the user's roles can reach, each with the scopes (national, a province, a district)."""
    if not user.is_authenticated or not user.is_active:
        return []
    scopes: dict[str, list[str]] = {}
    for assignment in _assignments(user):
        for cap in ROLE_CAPABILITIES.get(assignment.role, ()):
            labels = scopes.setdefault(cap, [])
            if assignment.scope_label not in labels:
                labels.append(assignment.scope_label)
    return [Reach(Capability(cap), tuple(scopes[cap])) for cap in Capability if cap in scopes]


def can_manage_reference_lists(user: User) -> bool:
    return has_capability(user, Capability.MANAGE_REFERENCE_LISTS)


def provinces_in_scope(user: User) -> set[int] | None:
    """Province ids the user's assignments cover; None means national scope."""
    ids: set[int] = set()
    for assignment in _assignments(user):
        if assignment.scope == ScopeLevel.NATIONAL:
            return None
        if assignment.province_id is not None:
            ids.add(assignment.province_id)
    return ids


def roles_with(capability: str) -> Iterable[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]
