"""Writes of the prevention app: awareness activities and hotline calls, audited."""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    Capability,
    can_answer_call_referral,
    can_correct_call,
    can_correct_prevention,
    can_refer_call,
    has_capability,
    in_scope,
)
from pokpong.cases.models import CameToLight, Case, FormOfTrafficking
from pokpong.cases.services import CaseDetails, case_open
from pokpong.core.audit import audit_record, creation_changes
from pokpong.core.corrections import record_update, record_void
from pokpong.core.models import AuditAction
from pokpong.people.models import Person
from pokpong.people.services import PersonDetails, person_register, person_transfer
from pokpong.places.models import District, Province
from pokpong.prevention.models import (
    AwarenessActivity,
    CallOutcome,
    CallReferral,
    CallReferralStatus,
    HotlineCall,
    RiskAssessment,
)
from pokpong.prevention.risk import QUESTIONS, risk_level
from pokpong.referrals.services import answer_due, referral_grant, referral_grants_end

# Potential cases go to the social welfare office of the province of origin, which opens cases.
RECEIVING_TYPE = "social_welfare"

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


@dataclass(frozen=True, kw_only=True)
class ActivityDetails:
    """An awareness activity: what, when, where, and how many people it reached."""

    type: str
    held_on: dt.date
    province: Province
    district: District | None = None
    village: str = ""
    topics: str = ""
    materials: str = ""
    girls: int = 0
    boys: int = 0
    women: int = 0
    men: int = 0


def _in_area(user: User, province: Province, district: District | None) -> bool:
    return in_scope(
        user,
        Capability.MANAGE_PREVENTION,
        province_id=province.pk,
        district_id=district.pk if district else None,
    )


@transaction.atomic
def activity_record(*, user: User, details: ActivityDetails) -> AwarenessActivity:
    if not _in_area(user, details.province, details.district):
        raise PermissionDenied
    activity = AwarenessActivity(organisation=user.organisation, recorded_by=user, **vars(details))
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


@dataclass(frozen=True, kw_only=True)
class CallDetails:
    """A hotline call: when and how it came, who called, about what, and what came of it."""

    received_at: dt.datetime
    channel: str
    caller_type: str
    topic: str
    outcome: str
    province: Province | None = None
    summary: str = ""


@transaction.atomic
def call_record(
    *, user: User, details: CallDetails, person: PersonDetails | None = None
) -> HotlineCall:
    """Log a call; a call about a suspected case can register the person concerned at once
    (a potential case that the office of the province of origin takes on)."""
    if not has_capability(user, Capability.LOG_HOTLINE_CALLS):
        raise PermissionDenied
    call = HotlineCall(organisation=user.organisation, taken_by=user, **vars(details))
    if call.outcome == CallOutcome.POTENTIAL_CASE:
        if not person:
            raise ValidationError(_("A potential case needs the name of the person concerned."))
        call.person = person_register(user=user, details=person)
    call.full_clean()
    call.save()
    fields = ("received_at", "channel", "caller_type", "topic", "province", "outcome", "summary")
    audit_record(
        actor=user, action=AuditAction.CREATE, obj=call, changes=creation_changes(call, fields)
    )
    return call


@transaction.atomic
def assessment_record(
    *,
    user: User,
    province: Province,
    village: str,
    assessed_on: dt.date,
    answers: dict[str, int],
    district: District | None = None,
) -> RiskAssessment:
    """Score the questionnaire; the level follows from the score, never typed in."""
    if not _in_area(user, province, district):
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
        province=province,
        district=district,
        village=village,
        assessed_on=assessed_on,
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


@transaction.atomic
def activity_update(*, user: User, activity: AwarenessActivity, details: ActivityDetails) -> None:
    """Correct an activity (its office, within its area); the counts follow."""
    if not can_correct_prevention(user, activity) or not _in_area(
        user, details.province, details.district
    ):
        raise PermissionDenied
    if not (details.girls + details.boys + details.women + details.men):
        raise ValidationError(_("Count the participants: at least one person was reached."))
    record_update(user=user, record=activity, values=vars(details))


@transaction.atomic
def activity_void(*, user: User, activity: AwarenessActivity, reason: str) -> None:
    if not can_correct_prevention(user, activity):
        raise PermissionDenied
    record_void(user=user, record=activity, reason=reason)


@transaction.atomic
def call_update(*, user: User, call: HotlineCall, details: CallDetails) -> None:
    """Correct a call; a potential case stays one (its person and referral depend on it)."""
    if not can_correct_call(user, call):
        raise PermissionDenied
    was_potential = call.outcome == CallOutcome.POTENTIAL_CASE
    if was_potential != (details.outcome == CallOutcome.POTENTIAL_CASE):
        raise ValidationError(
            _("A potential case stays one; log a new call to register a potential case.")
        )
    record_update(user=user, record=call, values=vars(details))


@transaction.atomic
def call_void(*, user: User, call: HotlineCall, reason: str) -> None:
    if not can_correct_call(user, call):
        raise PermissionDenied
    if call.referrals.exclude(status=CallReferralStatus.DECLINED).exists():
        raise ValidationError(_("This call was referred: it can no longer be voided."))
    record_void(user=user, record=call, reason=reason)


@transaction.atomic
def assessment_update(
    *,
    user: User,
    assessment: RiskAssessment,
    province: Province,
    village: str,
    assessed_on: dt.date,
    answers: dict[str, int],
    district: District | None = None,
) -> None:
    """Correct an assessment; the score and level are computed again from the answers."""
    if not can_correct_prevention(user, assessment) or not _in_area(user, province, district):
        raise PermissionDenied
    codes = {code for code, _label in QUESTIONS}
    if set(answers) != codes or any(value not in (0, 1, 2) for value in answers.values()):
        raise ValidationError(_("Answer every question."))
    score = sum(answers.values())
    values = {
        "province": province,
        "district": district,
        "village": village,
        "assessed_on": assessed_on,
        "answers": answers,
        "score": score,
        "risk_level": risk_level(score),
    }
    record_update(user=user, record=assessment, values=values)


@transaction.atomic
def assessment_void(*, user: User, assessment: RiskAssessment, reason: str) -> None:
    if not can_correct_prevention(user, assessment):
        raise PermissionDenied
    record_void(user=user, record=assessment, reason=reason)


def receiving_offices() -> Any:
    """The offices a potential case can be referred to: provincial and district social welfare."""
    return Organisation.objects.filter(
        is_active=True, province__isnull=False, type__code=RECEIVING_TYPE
    ).select_related("province", "district")


def _end_person_grants(*, user: User, referral: CallReferral, why: str) -> int:
    """The receiving office's access through this call's referral ends (audited)."""
    return referral_grants_end(
        user=user,
        obj=referral.call.person,
        organisation=referral.to_organisation,
        reason=_reason(referral.call),
        why=why,
    )


def _reason(call: HotlineCall) -> str:
    return f"hotline call {call.pk}"


@transaction.atomic
def call_refer(
    *,
    user: User,
    call: HotlineCall,
    to_organisation: Organisation,
    urgency: str,
    caller_agreed: bool,
    message: str = "",
) -> CallReferral:
    """Refer a potential case to the office of the province of origin. That office then sees
    the person and the call until it answers; no case exists yet, so no consent to sharing a
    case can have been recorded: the caller's agreement to pass the report on is required."""
    if not can_refer_call(user, call):
        raise PermissionDenied
    call = HotlineCall.objects.select_for_update().get(pk=call.pk)  # one referral at a time
    if call.person_id is None:
        raise ValidationError(_("Only a potential case, with the person registered, is referred."))
    if call.referrals.filter(
        status__in=[CallReferralStatus.REQUESTED, CallReferralStatus.ACCEPTED]
    ).exists():
        raise ValidationError(_("This call has already been referred."))
    if not caller_agreed:
        raise ValidationError(
            _("Ask the caller first: the report is passed on only if they agree.")
        )
    offices = receiving_offices().exclude(pk=call.organisation_id)
    if not offices.filter(pk=to_organisation.pk).exists():
        raise ValidationError(
            _("Refer the potential case to a social welfare office of a province or district.")
        )
    referral = CallReferral(
        call=call,
        to_organisation=to_organisation,
        urgency=urgency,
        caller_agreed=True,
        message=message,
        requested_by=user,
        respond_by=answer_due(urgency),
    )
    referral.full_clean()
    referral.save()
    referral_grant(
        user=user,
        obj=call.person,
        organisation=to_organisation,
        reason=_reason(call),
        expires_at=referral.respond_by,
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=referral,
        changes=creation_changes(referral, ("to_organisation", "urgency", "respond_by")),
        parent=call.person,
    )
    return referral


def _answerable(user: User, referral: CallReferral) -> CallReferral:
    """The referral, locked, if the user's office received it and it waits for an answer."""
    if not can_answer_call_referral(user, referral):
        raise PermissionDenied
    locked = CallReferral.objects.select_for_update().select_related("call").get(pk=referral.pk)
    if locked.status != CallReferralStatus.REQUESTED:
        raise ValidationError(_("This referral has already been answered."))
    return locked


@transaction.atomic
def call_referral_accept(
    *,
    user: User,
    referral: CallReferral,
    details: CaseDetails,
    forms_of_trafficking: list[FormOfTrafficking],
) -> Case:
    """The receiving office takes the person on and opens a case in one step."""
    if not has_capability(user, Capability.MANAGE_CASES):
        raise PermissionDenied
    referral = _answerable(user, referral)
    if referral.call.person_id is None:  # a referred call has its person
        raise Person.DoesNotExist  # as get(pk=None) would
    person = Person.objects.get(pk=referral.call.person_id)
    person_transfer(user=user, person=person)
    _end_person_grants(user=user, referral=referral, why="person taken on")  # the office holds it
    case = case_open(
        user=user,
        person=person,
        details=replace(details, came_to_light=CameToLight.HOTLINE),
        forms_of_trafficking=forms_of_trafficking,
    )
    referral.status = CallReferralStatus.ACCEPTED
    referral.responded_by, referral.responded_at = user, timezone.now()
    referral.case = case
    referral.save(update_fields=["status", "responded_by", "responded_at", "case", "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=referral,
        changes={"status": [CallReferralStatus.REQUESTED, CallReferralStatus.ACCEPTED]},
        extra={"case": case.number},
    )
    return case


@transaction.atomic
def call_referral_decline(*, user: User, referral: CallReferral, reason: str) -> CallReferral:
    """Decline (not from this province, already known, …): the office's access ends and the
    hotline may refer the call elsewhere."""
    if not (
        has_capability(user, Capability.MANAGE_CASES)
        or has_capability(user, Capability.VIEW_REFERRALS)
    ):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for declining."))
    referral = _answerable(user, referral)
    referral.status = CallReferralStatus.DECLINED
    referral.responded_by, referral.responded_at = user, timezone.now()
    referral.decline_reason = reason.strip()
    referral.save(
        update_fields=["status", "responded_by", "responded_at", "decline_reason", "updated_at"]
    )
    _end_person_grants(user=user, referral=referral, why="referral declined")
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=referral,
        changes={
            "status": [CallReferralStatus.REQUESTED, CallReferralStatus.DECLINED],
            "decline_reason": "set",
        },
    )
    return referral
