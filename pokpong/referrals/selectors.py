"""Reads of the referral mechanism: directory, referrals, what waits in the inbox, the report."""

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    Capability,
    can_record_follow_up_for,
    can_record_service_as,
    cases_fully_visible_to,
    cases_referable_by,
    follow_ups_assigned_to,
    has_capability,
)
from pokpong.cases.models import Case, CaseStatus
from pokpong.referrals.models import (
    FollowUpVisit,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    ServiceOffer,
)


def service_offers(*, province: Any = None, service_type: Any = None) -> QuerySet[ServiceOffer]:
    offers = ServiceOffer.objects.filter(is_active=True, organisation__is_active=True)
    if province is not None:
        offers = offers.filter(provinces=province)
    if service_type is not None:
        offers = offers.filter(service_type=service_type)
    return offers.select_related("organisation", "service_type").prefetch_related("provinces")


def service_offer_get(*, pk: int) -> ServiceOffer:
    """An active entry of the directory (the directory is open to every referral worker)."""
    return get_object_or_404(service_offers(), pk=pk)


def cases_to_refer(*, user: User, number: str = "") -> QuerySet[Case]:
    """The open cases of the user's office, to choose one to refer (newest first)."""
    cases = cases_referable_by(user, Case.objects.exclude(status=CaseStatus.CLOSED))
    if number:
        cases = cases.filter(number__icontains=number)
    return cases.select_related("person").order_by("-created_at", "-pk")


def referral_receivers(
    *, province: Any, service_type: Any, everywhere: bool = False
) -> QuerySet[Organisation]:
    """Who can receive a referral: the organisations whose directory entries offer the service
    in the province (any service when none is chosen); all active ones `everywhere`."""
    organisations = Organisation.objects.filter(is_active=True).select_related("province")
    if everywhere:
        return organisations
    offering = service_offers(province=province, service_type=service_type)
    return organisations.filter(pk__in=offering.values("organisation"))


def referral_get_for_user(*, user: User, pk: int) -> Referral:
    """The referring office (through the case) and the receiving organisation see a referral;
    a receiver sees its own referrals of a case, never the case's other referrals."""
    visible = Q(case__in=cases_fully_visible_to(user, Case.objects.all()))
    if user.organisation_id is not None and has_capability(user, Capability.VIEW_REFERRALS):
        visible |= Q(to_organisation_id=user.organisation_id)
    return get_object_or_404(
        Referral.objects.filter(visible).select_related(
            "case", "case__person", "from_organisation", "to_organisation", "service_type"
        ),
        pk=pk,
    )


def follow_up_get_for_user(*, user: User, pk: int) -> FollowUpVisit:
    """A visit the user may record: any visit of the office's cases, a receiver's assigned
    visits while it receives the case (the same 404 for missing and not yours)."""
    visits = FollowUpVisit.objects.select_related("case", "assigned_organisation")
    visible = visits.filter(case__in=cases_fully_visible_to(user, Case.objects.all()))
    visit = (visible | follow_ups_assigned_to(user, visits)).filter(pk=pk).first()
    if visit is None or not can_record_follow_up_for(user, visit):
        raise Http404
    return visit


def service_delivery_to_void(*, user: User, pk: int) -> ServiceDelivery:
    """A service (not voided) the user may record on its case; anything else is the same 404."""
    related = ("case", "provider", "referral", "service_type")
    delivery = get_object_or_404(ServiceDelivery.objects.select_related(*related), pk=pk)
    allowed = can_record_service_as(
        user, delivery.case, provider=delivery.provider, referral=delivery.referral
    )
    if not allowed:
        raise Http404
    return delivery


def referrals_to_answer(*, user: User, limit: int = 20) -> list[Referral]:
    """Referrals sent to the user's organisation and not answered yet, oldest deadline first."""
    if not user.organisation_id or not has_capability(user, Capability.VIEW_REFERRALS):
        return []
    waiting = Referral.objects.filter(
        to_organisation_id=user.organisation_id, status=ReferralStatus.REQUESTED
    )
    return list(
        waiting.select_related("case", "service_type", "from_organisation").order_by("respond_by")[
            :limit
        ]
    )


def referrals_sent_overdue(*, user: User, limit: int = 20) -> list[Referral]:
    """Referrals the user's organisation sent that are still unanswered after their deadline."""
    if not user.organisation_id or not has_capability(user, Capability.VIEW_REFERRALS):
        return []
    overdue = Referral.objects.filter(
        from_organisation_id=user.organisation_id,
        status=ReferralStatus.REQUESTED,
        respond_by__lt=timezone.now(),
    )
    return list(
        overdue.select_related("case", "service_type", "to_organisation").order_by("respond_by")[
            :limit
        ]
    )


def follow_ups_due(*, user: User, limit: int = 20) -> list[FollowUpVisit]:
    """Visits due within a week: the user's own cases (as case worker or team member) and the
    visits assigned to the user's organisation as a partner."""
    soon = timezone.localdate() + dt.timedelta(days=7)
    due = FollowUpVisit.objects.filter(done_on__isnull=True, due_on__lte=soon)
    mine = Q(pk__in=follow_ups_assigned_to(user, due).values("pk"))  # a partner's visits
    if has_capability(user, Capability.MANAGE_CASES):
        mine |= Q(case__caseworker=user) | Q(case__team=user)
    return list(due.filter(mine).select_related("case").distinct().order_by("due_on")[:limit])


def referral_report(*, user: User, since: dt.date) -> dict[str, Any]:
    """Counts by status, average response time and overdue answers, for the cases in scope;
    follow-ups done and overdue. Feeds the M&E indicators. (Cases only referred to the user's
    organisation are not "in scope": their other referrals are not the receiver's to count.)"""
    cases = cases_fully_visible_to(user, Case.objects.all())
    referrals = Referral.objects.filter(case__in=cases, created_at__date__gte=since)
    by_status = dict(referrals.values_list("status").annotate(n=Count("pk")))
    answered = referrals.filter(responded_at__isnull=False).annotate(
        wait=ExpressionWrapper(F("responded_at") - F("created_at"), output_field=DurationField())
    )
    average = answered.aggregate(avg=Avg("wait"))["avg"]
    now = timezone.now()
    overdue = referrals.filter(status=ReferralStatus.REQUESTED, respond_by__lt=now).count()
    late = answered.filter(responded_at__gt=F("respond_by")).count()
    visits = FollowUpVisit.objects.filter(case__in=cases, due_on__gte=since)
    return {
        "since": since,
        "by_status": [(label, by_status.get(value, 0)) for value, label in ReferralStatus.choices],
        "total": sum(by_status.values()),
        "average_response_hours": round(average.total_seconds() / 3600, 1) if average else None,
        "overdue_now": overdue,
        "answered_late": late,
        "follow_ups_done": visits.filter(done_on__isnull=False).count(),
        "follow_ups_overdue": visits.filter(
            done_on__isnull=True, due_on__lt=timezone.localdate()
        ).count(),
    }


# --- statistics: reads of the indicator engine (monitoring), counts only, never shown as rows ---


def statistics_referrals() -> QuerySet[Referral]:
    return Referral.objects.all()


def statistics_services() -> QuerySet[ServiceDelivery]:
    """Services delivered (voided entries left out by the default manager)."""
    return ServiceDelivery.objects.all()


def statistics_follow_ups() -> QuerySet[FollowUpVisit]:
    """Follow-up visits that were done."""
    return FollowUpVisit.objects.filter(done_on__isnull=False)
