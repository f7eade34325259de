"""Writes to a case plan: goals, submission, a manager's approval or return with a comment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_approve_for, can_manage_case
from pokpong.cases.models import Case, CasePlan, PlanStatus
from pokpong.core.audit import audit_record, diff, snapshot
from pokpong.core.models import AuditAction


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def plan_for(case: Case) -> CasePlan:
    plan, _created = CasePlan.objects.get_or_create(case=case)
    return plan


def plan_is_by(*, plan: CasePlan, user: User) -> bool:
    """Whether the user wrote or submitted the plan since its last approval (four eyes)."""
    return plan.submitted_by_id == user.pk or plan.written_by.filter(pk=user.pk).exists()


@transaction.atomic
def case_plan_save(*, user: User, case: Case, goals: str) -> CasePlan:
    """Editing an approved plan sends it back for approval."""
    _require(can_manage_case(user, case))
    plan = CasePlan.objects.select_for_update().get(pk=plan_for(case).pk)
    before = snapshot(plan, ("goals", "status"))
    plan.goals = goals
    if plan.goals != before["goals"]:
        plan.written_by.add(user)
    if plan.status == PlanStatus.APPROVED and plan.goals != before["goals"]:
        plan.status, plan.approved_by, plan.approved_at = PlanStatus.DRAFT, None, None
        plan.submitted_by = None
    plan.save()
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=plan, parent=case, changes=diff(before, plan)
    )
    return plan


@transaction.atomic
def case_plan_submit(*, user: User, case: Case) -> CasePlan:
    _require(can_manage_case(user, case))
    plan = plan_for(case)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be submitted for approval."))
    if not plan.goals or not plan.actions.exists():
        raise ValidationError(_("A plan needs goals and at least one action before approval."))
    plan.status, plan.submitted_by = PlanStatus.SUBMITTED, user
    plan.return_comment, plan.returned_by, plan.returned_at = "", None, None
    plan.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=plan,
        parent=case,
        changes={"status": [PlanStatus.DRAFT, PlanStatus.SUBMITTED]},
    )
    return plan


def _waiting_plan(*, user: User, case: Case, refusal: str) -> CasePlan:
    """The submitted plan a manager other than its authors may decide on."""
    _require(can_approve_for(user, case))
    plan = CasePlan.objects.select_for_update().get(pk=plan_for(case).pk)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(refusal)
    if plan_is_by(plan=plan, user=user):
        raise ValidationError(_("Another manager must approve a plan you wrote or submitted."))
    return plan


@transaction.atomic
def case_plan_approve(*, user: User, case: Case) -> CasePlan:
    plan = _waiting_plan(
        user=user, case=case, refusal=_("Only a plan waiting for approval can be approved.")
    )
    plan.status, plan.approved_by, plan.approved_at = PlanStatus.APPROVED, user, timezone.now()
    plan.save()
    plan.written_by.clear()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=plan,
        parent=case,
        changes={"status": [PlanStatus.SUBMITTED, PlanStatus.APPROVED]},
    )
    return plan


@transaction.atomic
def case_plan_return(*, user: User, case: Case, comment: str) -> CasePlan:
    """Send a submitted plan back to draft with the manager's comment for the case worker."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what should change in the plan."))
    refusal = _("Only a plan waiting for approval can be returned.")
    plan = _waiting_plan(user=user, case=case, refusal=refusal)
    before = snapshot(plan, ("status", "return_comment"))
    plan.status, plan.submitted_by = PlanStatus.DRAFT, None
    plan.return_comment, plan.returned_by, plan.returned_at = comment, user, timezone.now()
    plan.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=plan,
        parent=case,
        changes=diff(before, plan),
    )
    return plan
