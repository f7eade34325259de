"""Corrections of a case's plan: a need or an action changed (audited diff), or voided."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import can_correct_plan, can_void_screening
from pokpong.cases.models import Need, PlanAction, Screening
from pokpong.core.corrections import record_update, record_void


def _require_plan(user: User, need_or_action: Need | PlanAction) -> None:
    case = need_or_action.case if isinstance(need_or_action, Need) else need_or_action.plan.case
    if not can_correct_plan(user, case):
        raise PermissionDenied


@transaction.atomic
def need_update(*, user: User, need: Need, domain: str, priority: str, description: str) -> None:
    _require_plan(user, need)
    values = {"domain": domain, "priority": priority, "description": description}
    record_update(user=user, record=need, values=values, parent=need.case)


@transaction.atomic
def need_void(*, user: User, need: Need, reason: str) -> None:
    """A need entered by mistake; its actions stay (they are voided one by one if wrong)."""
    _require_plan(user, need)
    record_void(user=user, record=need, reason=reason, parent=need.case)


@transaction.atomic
def plan_action_update(
    *,
    user: User,
    action: PlanAction,
    description: str,
    due_on: dt.date,
    responsible_organisation: Organisation,
) -> None:
    """Correct what is to be done, by when and by whom; the writer counts for four eyes."""
    _require_plan(user, action)
    values = {
        "description": description,
        "due_on": due_on,
        "responsible_organisation": responsible_organisation,
    }
    if record_update(user=user, record=action, values=values, parent=action.plan.case):
        action.plan.written_by.add(user)


@transaction.atomic
def plan_action_void(*, user: User, action: PlanAction, reason: str) -> None:
    _require_plan(user, action)
    record_void(user=user, record=action, reason=reason, parent=action.plan.case)


def screening_void(*, user: User, screening: Screening, reason: str) -> None:
    """A screening entered by mistake (the wrong person, a test entry): kept and audited, no
    longer counted nor taken as the person's screening by the case workflow."""
    if not can_void_screening(user, screening):
        raise PermissionDenied
    record_void(user=user, record=screening, reason=reason, parent=screening.person)
