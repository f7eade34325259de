"""Writes of the prevention app: awareness activities and hotline calls, audited."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.core.audit import audit_record, creation_changes
from pokpong.core.models import AuditAction
from pokpong.core.policy import Capability, has_capability, in_scope
from pokpong.people.services import person_register
from pokpong.prevention.models import AwarenessActivity, CallOutcome, HotlineCall, RiskAssessment
from pokpong.prevention.risk import QUESTIONS, risk_level

ACTIVITY_FIELDS = (
    "type",
    "held_on",
    "province",
    "district",
    "village",
    "topics",
    "materials",
    "girls",
    "boys",
    "women",
    "men",
)


@transaction.atomic
def activity_record(*, user: User, data: dict[str, Any]) -> AwarenessActivity:
    if not in_scope(
        user,
        Capability.MANAGE_PREVENTION,
        province_id=data["province"].pk,
        district_id=data["district"].pk if data.get("district") else None,
    ):
        raise PermissionDenied
    activity = AwarenessActivity(organisation=user.organisation, recorded_by=user, **data)
    if not activity.reached:
        raise ValidationError(_("Count the participants: at least one person was reached."))
    activity.full_clean()
    activity.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=activity,
        changes=creation_changes(activity, ACTIVITY_FIELDS),
    )
    return activity


@transaction.atomic
def call_record(
    *, user: User, data: dict[str, Any], person: dict[str, Any] | None = None
) -> HotlineCall:
    """Log a call; a call about a suspected case can register the person concerned at once
    (a potential case that the office of the province of origin takes on)."""
    if not has_capability(user, Capability.LOG_HOTLINE_CALLS):
        raise PermissionDenied
    call = HotlineCall(organisation=user.organisation, taken_by=user, **data)
    if call.outcome == CallOutcome.POTENTIAL_CASE:
        if not person:
            raise ValidationError(_("A potential case needs the name of the person concerned."))
        call.person = person_register(user=user, data=person)
    call.full_clean()
    call.save()
    fields = ("received_at", "channel", "caller_type", "topic", "province", "outcome", "summary")
    audit_record(
        actor=user, action=AuditAction.CREATE, obj=call, changes=creation_changes(call, fields)
    )
    return call


@transaction.atomic
def assessment_record(
    *, user: User, data: dict[str, Any], answers: dict[str, int]
) -> RiskAssessment:
    """Score the questionnaire; the level follows from the score, never typed in."""
    if not in_scope(
        user,
        Capability.MANAGE_PREVENTION,
        province_id=data["province"].pk,
        district_id=data["district"].pk if data.get("district") else None,
    ):
        raise PermissionDenied
    codes = {code for code, _label in QUESTIONS}
    if set(answers) != codes or any(value not in (0, 1, 2) for value in answers.values()):
        raise ValidationError(_("Answer every question."))
    score = sum(answers.values())
    assessment = RiskAssessment(
        organisation=user.organisation,
        assessed_by=user,
        answers=answers,
        score=score,
        risk_level=risk_level(score),
        **data,
    )
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=assessment,
        changes=creation_changes(assessment, ("village", "assessed_on", "score", "risk_level")),
    )
    return assessment
