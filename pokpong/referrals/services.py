"""The referral mechanism's writes: referrals and the access they grant, services delivered,
return plans and follow-up visits. Atomic and audited; consent checked before anything is shared.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    can_answer_referral,
    can_complete_referral,
    can_correct_service,
    can_edit_service_offer,
    can_manage_case,
    can_record_follow_up_for,
    can_record_service_as,
    can_schedule_follow_up_for,
)
from pokpong.cases.models import Case
from pokpong.cases.selectors import follow_up_assignees
from pokpong.cases.services import case_risk_reopen, consent_allows
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.corrections import record_update, record_void
from pokpong.core.grants import (
    grant_create,
    grants_on,
    grants_revoke_for,
    grants_set_expiry,
)
from pokpong.core.models import AuditAction, GrantPurpose
from pokpong.people.models import Person
from pokpong.places.models import District, Province
from pokpong.referrals.capacity import offer_places_follow
from pokpong.referrals.events import referral_changed
from pokpong.referrals.models import (
    FollowUpVisit,
    Referral,
    ReferralStatus,
    ReturnPlan,
    ServiceDelivery,
    ServiceOffer,
    ServiceOutcome,
    ServiceType,
    Urgency,
)
from pokpong.referrals.tasks import send_emergency_referral_alert

DEFAULT_FOLLOW_UP_MONTHS = (1, 3, 6, 12)
OPEN = (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def answer_due(urgency: str) -> dt.datetime:
    """When the receiver of a referral made now must answer, by its urgency."""
    return timezone.now() + dt.timedelta(hours=settings.POKPONG_REFERRAL_RESPONSE_HOURS[urgency])


def referral_reason(referral: Any) -> str:
    """The reason written on the grants a referral gives: ties each grant to its referral."""
    return f"referral {referral.pk}"


def referral_grant(
    *,
    user: User,
    obj: Any,
    organisation: Organisation,
    reason: str,
    expires_at: dt.datetime | None,
) -> None:
    """Let the receiver of a referral see one record (the case, the person) until it answers:
    an unanswered referral loses its access at the answer deadline (None: until it ends)."""
    grant_create(
        user=user,
        obj=obj,
        organisation=organisation,
        purpose=GrantPurpose.REFERRAL,
        reason=reason,
        expires_at=expires_at,
    )


def referral_grants_keep(*, user: User, obj: Any, organisation: Organisation, reason: str) -> None:
    """The receiver accepted: its access lasts until the referral ends (no expiry). Access
    already lapsed at the deadline is granted anew (audited)."""
    grants = grants_on(
        obj=obj, organisation=organisation, purpose=GrantPurpose.REFERRAL, reason=reason
    )
    kept = grants_set_expiry(user=user, grants=grants, expires_at=None, why="referral accepted")
    if not kept:
        referral_grant(
            user=user, obj=obj, organisation=organisation, reason=reason, expires_at=None
        )


def referral_grants_end(
    *, user: User, obj: Any, organisation: Organisation, reason: str, why: str
) -> int:
    """End the grants one referral gave on one record."""
    return grants_revoke_for(
        user=user,
        obj=obj,
        organisation=organisation,
        purpose=GrantPurpose.REFERRAL,
        reason=reason,
        why=why,
    )


def _revoke_referral_access(*, user: User, referral: Referral, why: str) -> int:
    """Take back the access this referral gave to the case and the person (another open
    referral of the same case to the same organisation keeps its own grants)."""
    return sum(
        referral_grants_end(
            user=user,
            obj=obj,
            organisation=referral.to_organisation,
            reason=referral_reason(referral),
            why=why,
        )
        for obj in (referral.case, referral.case.person)
    )


@transaction.atomic
def service_offer_save(*, user: User, offer: ServiceOffer, provinces: list[Any]) -> ServiceOffer:
    _require(can_edit_service_offer(user, offer))
    is_new = offer.pk is None
    fields = ("service_type", "contact", "capacity", "available", "notes", "is_active")
    before = {} if is_new else snapshot(ServiceOffer.objects.get(pk=offer.pk), fields)
    offer.full_clean()
    offer.save()
    offer.provinces.set(provinces)
    changes = creation_changes(offer, fields) if is_new else diff(before, offer)
    audit_record(
        actor=user,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=offer,
        changes=changes,
    )
    return offer


@transaction.atomic
def referral_create(
    *,
    user: User,
    case: Case,
    to_organisation: Organisation,
    service_type: Any,
    urgency: str,
    message: str = "",
) -> Referral:
    """Refer the case; the receiver then sees the consented part of it, until the referral ends."""
    _require(can_manage_case(user, case))
    if to_organisation.pk == case.organisation_id:
        raise ValidationError(_("A referral goes to another organisation."))
    if not consent_allows(case.person, purpose="share", organisation=to_organisation):
        raise ValidationError(
            _(
                "The person has not consented to sharing their case with %(organisation)s. Record "
                "their consent (naming this organisation) first, or choose another organisation."
            )
            % {"organisation": to_organisation}
        )
    referral = Referral(
        case=case,
        from_organisation=case.organisation,
        to_organisation=to_organisation,
        service_type=service_type,
        urgency=urgency,
        message=message,
        requested_by=user,
        respond_by=answer_due(urgency),
    )
    referral.full_clean()
    referral.save()
    for obj in (case, case.person):
        referral_grant(
            user=user,
            obj=obj,
            organisation=to_organisation,
            reason=referral_reason(referral),
            expires_at=referral.respond_by,
        )
    fields = ("to_organisation", "service_type", "urgency", "message", "respond_by")
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=referral,
        parent=case,
        changes=creation_changes(referral, fields),
    )
    if referral.urgency == Urgency.EMERGENCY:
        transaction.on_commit(lambda: send_emergency_referral_alert.enqueue(referral.pk))
    referral_changed.announce(referral=referral, change="sent")
    return referral


def _locked(referral: Referral, *allowed: str, refusal: str) -> Referral:
    """The referral, row-locked, its status re-read: a change made meanwhile by someone else
    (a decline racing an accept, a double submit) is refused instead of overwritten."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.status not in allowed:
        raise ValidationError(refusal)
    return current


def _set_status(
    user: User, referral: Referral, status: str, *, why: str = "", **fields: Any
) -> Referral:
    old = referral.status
    referral.status = status
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save()
    offer_places_follow(user=user, referral=referral, old_status=old)
    changes: dict[str, Any] = {"status": [old, status]}
    if "decline_reason" in fields:
        changes["decline_reason"] = "set"
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=referral,
        parent=referral.case,
        changes=changes,
        extra={"why": why} if why else None,
    )
    referral_changed.announce(referral=referral, change=status)
    return referral


@transaction.atomic
def referral_accept(*, user: User, referral: Referral) -> Referral:
    _require(can_answer_referral(user, referral))
    referral = _locked(
        referral,
        ReferralStatus.REQUESTED,
        refusal=_("Only a requested referral can be accepted."),
    )
    _set_status(
        user, referral, ReferralStatus.ACCEPTED, responded_by=user, responded_at=timezone.now()
    )
    for obj in (referral.case, referral.case.person):
        referral_grants_keep(
            user=user,
            obj=obj,
            organisation=referral.to_organisation,
            reason=referral_reason(referral),
        )
    return referral


@transaction.atomic
def referral_decline(*, user: User, referral: Referral, reason: str) -> Referral:
    _require(can_answer_referral(user, referral))
    if not reason.strip():
        raise ValidationError(_("Say why the referral is declined."))
    referral = _locked(
        referral,
        ReferralStatus.REQUESTED,
        refusal=_("Only a requested referral can be declined."),
    )
    _set_status(
        user,
        referral,
        ReferralStatus.DECLINED,
        responded_by=user,
        responded_at=timezone.now(),
        decline_reason=reason,
        closed_at=timezone.now(),
    )
    _revoke_referral_access(user=user, referral=referral, why="referral declined")
    return referral


@transaction.atomic
def referral_complete(*, user: User, referral: Referral) -> Referral:
    _require(can_complete_referral(user, referral))
    referral = _locked(
        referral,
        ReferralStatus.ACCEPTED,
        refusal=_("Only an accepted referral can be completed."),
    )
    _set_status(user, referral, ReferralStatus.COMPLETED, closed_at=timezone.now())
    _revoke_referral_access(user=user, referral=referral, why="referral completed")
    return referral


@transaction.atomic
def referral_cancel(*, user: User, referral: Referral) -> Referral:
    _require(can_manage_case(user, referral.case))
    referral = _locked(referral, *OPEN, refusal=_("This referral is already closed."))
    _set_status(user, referral, ReferralStatus.CANCELLED, closed_at=timezone.now())
    _revoke_referral_access(user=user, referral=referral, why="referral cancelled")
    return referral


def _end_open_referrals(*, user: User, case: Case, why: str) -> None:
    """Each open referral of the case ends, locked and audited: a waiting one is cancelled,
    an accepted one completed; and every referral grant on the case and its person ends."""
    for referral in Referral.objects.select_for_update().filter(case=case, status__in=OPEN):
        status = (
            ReferralStatus.COMPLETED
            if referral.status == ReferralStatus.ACCEPTED
            else ReferralStatus.CANCELLED
        )
        _set_status(user, referral, status, why=why, closed_at=timezone.now())
    grants_revoke_for(user=user, obj=case, purpose=GrantPurpose.REFERRAL, why=why)
    for referral in Referral.objects.filter(case=case).select_related("to_organisation"):
        referral_grants_end(
            user=user,
            obj=case.person,
            organisation=referral.to_organisation,
            reason=referral_reason(referral),
            why=why,
        )


@transaction.atomic
def referrals_end_for_case(*, user: User, case: Case) -> None:
    """The case is closed: its referrals end and nobody keeps access through them."""
    _end_open_referrals(user=user, case=case, why="case closed")


@transaction.atomic
def revoke_all_referral_access(*, user: User, person: Person) -> int:
    """Consent withdrawn: every organisation loses the access its referrals gave, at once
    (the open referrals are cancelled, each grant on the person's cases revoked)."""
    revoked = 0
    for case in person.cases.all():
        for referral in Referral.objects.select_for_update().filter(case=case, status__in=OPEN):
            _set_status(
                user,
                referral,
                ReferralStatus.CANCELLED,
                why="consent withdrawn",
                closed_at=timezone.now(),
            )
        revoked += grants_revoke_for(user=user, obj=case, why="consent withdrawn")
    return revoked


@dataclass(frozen=True, kw_only=True)
class ServiceDeliveryDetails:
    """What a recorded service was: its type, who gave it, when, and how it went."""

    service_type: ServiceType
    provider: Organisation
    started_on: dt.date
    outcome: str = ServiceOutcome.ONGOING
    referral: Referral | None = None
    ended_on: dt.date | None = None
    cost_lak: int | None = None
    notes: str = ""


@transaction.atomic
def service_delivery_record(
    *, user: User, case: Case, details: ServiceDeliveryDetails
) -> ServiceDelivery:
    """A service given, by the case's office or by an organisation that accepted a referral
    (which records only its own services, under its own referrals)."""
    referral = details.referral
    _require(can_record_service_as(user, case, provider=details.provider, referral=referral))
    if referral is not None and referral.case_id != case.pk:
        raise ValidationError(_("That referral belongs to another case."))
    delivery = ServiceDelivery(case=case, recorded_by=user, **vars(details))
    if delivery.ended_on and delivery.ended_on < delivery.started_on:
        raise ValidationError(_("The end is before the beginning."))
    delivery.full_clean()
    delivery.save()
    fields = ("service_type", "provider", "started_on", "ended_on", "outcome", "cost_lak")
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=delivery,
        parent=case,
        changes=creation_changes(delivery, fields),
    )
    return delivery


@transaction.atomic
def service_delivery_update(
    *, user: User, delivery: ServiceDelivery, details: ServiceDeliveryDetails
) -> dict[str, Any]:
    """Correct a service given: who may record it corrects it, and only into a service they
    could record (a receiver keeps its own organisation and its own referrals)."""
    case = delivery.case
    _require(can_correct_service(user, delivery))
    referral = details.referral
    _require(can_record_service_as(user, case, provider=details.provider, referral=referral))
    if referral is not None and referral.case_id != case.pk:
        raise ValidationError(_("That referral belongs to another case."))
    if details.ended_on and details.ended_on < details.started_on:
        raise ValidationError(_("The end is before the beginning."))
    return record_update(user=user, record=delivery, values=vars(details), parent=case)


@transaction.atomic
def service_delivery_void(*, user: User, delivery: ServiceDelivery, reason: str) -> None:
    """A service recorded by mistake: whoever may record it voids it (kept, no longer counted)."""
    _require(can_correct_service(user, delivery))
    record_void(user=user, record=delivery, reason=reason, parent=delivery.case)


@transaction.atomic
def return_plan_save(
    *,
    user: User,
    case: Case,
    return_type: str,
    returned_on: dt.date,
    province: Province,
    district: District | None = None,
    village: str = "",
    notes: str = "",
    months: tuple[int, ...] = DEFAULT_FOLLOW_UP_MONTHS,
) -> ReturnPlan:
    """Record the return; the first save also schedules the follow-ups (editable afterwards)."""
    _require(can_manage_case(user, case))
    plan = ReturnPlan.objects.filter(case=case).first() or ReturnPlan(case=case)
    is_new = plan.pk is None
    fields = ("return_type", "returned_on", "province", "district", "village", "notes")
    before = {} if is_new else snapshot(plan, fields)
    plan.return_type, plan.returned_on = return_type, returned_on
    plan.province, plan.district, plan.village, plan.notes = province, district, village, notes
    plan.full_clean()
    plan.save()
    if is_new:
        for month in months:
            FollowUpVisit.objects.create(case=case, due_on=_add_months(plan.returned_on, month))
    changes = creation_changes(plan, fields) if is_new else diff(before, plan)
    audit_record(
        actor=user,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=plan,
        parent=case,
        changes=changes,
    )
    return plan


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def follow_up_schedule(
    *,
    user: User,
    case: Case,
    due_on: dt.date,
    assigned_organisation: Organisation | None = None,
) -> FollowUpVisit:
    """Add one more visit to the schedule, made by the office (no organisation) or by a
    partner that holds an accepted referral of the case (it then records this visit)."""
    _require(can_schedule_follow_up_for(user, case))
    _check_assignee(case=case, organisation=assigned_organisation)
    visit = FollowUpVisit.objects.create(
        case=case, due_on=due_on, assigned_organisation=assigned_organisation
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=visit,
        parent=case,
        changes=creation_changes(visit, ("due_on", "assigned_organisation")),
    )
    return visit


def _check_assignee(*, case: Case, organisation: Organisation | None) -> None:
    if organisation and not follow_up_assignees(case=case).filter(pk=organisation.pk).exists():
        raise ValidationError(_("This organisation holds no accepted referral of the case."))


@transaction.atomic
def follow_up_assign(
    *, user: User, visit: FollowUpVisit, assigned_organisation: Organisation | None
) -> FollowUpVisit:
    """Give a visit not yet made to a partner (or back to the office)."""
    case = visit.case
    _require(can_schedule_follow_up_for(user, case))
    if visit.done_on is not None:
        raise ValidationError(_("This visit was already made."))
    _check_assignee(case=case, organisation=assigned_organisation)
    before = snapshot(visit, ("assigned_organisation",))
    visit.assigned_organisation = assigned_organisation
    visit.save(update_fields=["assigned_organisation", "updated_at"])
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=visit, parent=case, changes=diff(before, visit)
    )
    return visit


@dataclass(frozen=True, kw_only=True)
class VisitDetails:
    """What a follow-up visit found."""

    done_on: dt.date
    wellbeing: str = ""
    income: str = ""
    income_lak: int | None = None
    education: str = ""
    safety: str = ""
    retrafficking_risk: bool = False
    notes: str = ""


@transaction.atomic
def follow_up_record(*, user: User, visit: FollowUpVisit, details: VisitDetails) -> FollowUpVisit:
    """Record a visit. A risk of re-trafficking reopens the risk assessment at once."""
    case = visit.case
    _require(can_record_follow_up_for(user, visit))
    fields = (
        "done_on",
        "wellbeing",
        "income",
        "income_lak",
        "education",
        "safety",
        "retrafficking_risk",
        "notes",
    )
    before = snapshot(visit, fields)
    for name, value in vars(details).items():
        setattr(visit, name, value)
    visit.visited_by = user
    visit.full_clean()
    visit.save()
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=visit, parent=case, changes=diff(before, visit)
    )
    if visit.retrafficking_risk and not before["retrafficking_risk"]:
        case_risk_reopen(user=user, case=case, found_on=visit.done_on)
    return visit
