"""The case worker's and the manager's work lists: open cases, overdue plan actions, caseload."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability, has_capability, scope_q
from pokpong.cases.models import ActionStatus, Case, CaseStatus, PlanAction

OPEN_ACTION = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]


def _own_cases(user: User) -> QuerySet[Case]:
    """Open cases the user works on (as case worker or team member)."""
    if not has_capability(user, Capability.MANAGE_CASES):
        return Case.objects.none()
    return Case.objects.filter(held_by(user)).exclude(status=CaseStatus.CLOSED)


def held_by(user: User) -> Q:
    """Cases the user works on, as case worker or team member: two indexed lookups (no join on
    the team and no DISTINCT over every case, which every page's menu count paid for)."""
    on_team = Case.team.through.objects.filter(user=user).values("case_id")
    return Q(caseworker=user) | Q(pk__in=on_team)


def my_open_cases(*, user: User, limit: int = 20) -> list[Case]:
    """The user's open cases, the most recently changed first."""
    return list(_own_cases(user).order_by("-updated_at")[:limit])


def _overdue_actions() -> QuerySet[PlanAction]:
    return PlanAction.objects.filter(status__in=OPEN_ACTION, due_on__lt=timezone.localdate())


def plan_actions_overdue(*, user: User, limit: int = 20) -> list[PlanAction]:
    """Actions of the plans of the user's own open cases past their date, oldest first."""
    actions = _overdue_actions().filter(plan__case__in=_own_cases(user))
    return list(actions.select_related("plan__case").order_by("due_on", "pk")[:limit])


def caseload_cases(user: User) -> QuerySet[Case]:
    """Open cases in the manager's approval scope (policy); none without that capability."""
    scope = scope_q(user, Capability.APPROVE_DECISIONS)
    if scope is None:
        return Case.objects.none()
    return Case.objects.filter(scope).exclude(status=CaseStatus.CLOSED)


def caseload_by_worker(*, user: User) -> list[dict[str, Any]]:
    """Per case worker in scope: open cases and overdue plan actions (one query each)."""
    cases = caseload_cases(user).filter(caseworker__isnull=False)
    open_counts = dict(cases.values_list("caseworker").annotate(n=Count("pk")))
    overdue = _overdue_actions().filter(plan__case__in=cases)
    action_counts = dict(overdue.values_list("plan__case__caseworker").annotate(n=Count("pk")))
    workers = User.objects.filter(pk__in=open_counts).order_by("username")
    return [
        {
            "worker": worker,
            "open_cases": open_counts[worker.pk],
            "overdue_actions": action_counts.get(worker.pk, 0),
        }
        for worker in workers
    ]
