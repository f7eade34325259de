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
    can_correct_service,
    can_record_follow_up_for,
    cases_fully_visible_to,
    cases_referable_by,
    cases_visible_to,
    follow_ups_assigned_to,
    has_capability,
    report_scope_q,
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


def referral_list_for_user(*, user: User) -> QuerySet[Referral]:
    """The referring office (through the case) and the receiving organisation see a referral;
    a receiver sees its own referrals of a case, never the case's other referrals."""
    visible = Q(case__in=cases_fully_visible_to(user, Case.objects.all()))
    if user.organisation_id is not None and has_capability(user, Capability.VIEW_REFERRALS):
        visible |= Q(to_organisation_id=user.organisation_id)
    return Referral.objects.filter(visible).select_related(
        "case", "case__person", "from_organisation", "to_organisation", "service_type"
    )


def referral_get_for_user(*, user: User, pk: int) -> Referral:
    return get_object_or_404(referral_list_for_user(user=user), pk=pk)


def follow_up_list_for_user(*, user: User) -> QuerySet[FollowUpVisit]:
    """The visits the user sees (and records): every visit of the office's cases, a receiver's
    assigned visits while it receives the case."""
    visits = FollowUpVisit.objects.select_related("case", "assigned_organisation")
    office = Q(case__in=cases_fully_visible_to(user, Case.objects.all()))
    assigned = Q(pk__in=follow_ups_assigned_to(user, FollowUpVisit.objects.all()).values("pk"))
    return visits.filter(office | assigned)


def service_list_for_user(*, user: User) -> QuerySet[ServiceDelivery]:
    """Services given on the cases the user sees (a receiver: the cases it receives), as the
    case page lists them: voided ones too (marked, never counted)."""
    cases = cases_visible_to(user, Case.objects.all())
    related = ("case", "provider", "referral", "service_type")
    return ServiceDelivery.all_objects.filter(case__in=cases).select_related(*related)


def follow_up_get_for_user(*, user: User, pk: int) -> FollowUpVisit:
    """A visit the user may record: any visit of the office's cases, a receiver's assigned
    visits while it receives the case (the same 404 for missing and not yours)."""
    visit = follow_up_list_for_user(user=user).filter(pk=pk).first()
    if visit is None or not can_record_follow_up_for(user, visit):
        raise Http404
    return visit


def service_delivery_to_correct(*, user: User, pk: int) -> ServiceDelivery:
    """A service (not voided) the user may correct or void; anything else is the same 404."""
    related = ("case", "provider", "referral", "service_type")
    delivery = get_object_or_404(ServiceDelivery.objects.select_related(*related), pk=pk)
    if not can_correct_service(user, delivery):
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
    # Two indexed questions, merged here: an OR over a join with the team and a DISTINCT made
    # every page's menu count scan every visit due (1.2 s at a million persons).
    parts = [follow_ups_assigned_to(user, due)]  # a partner's visits
    if has_capability(user, Capability.MANAGE_CASES):
        # The user's open cases first (a few dozen, through the case worker and team indexes),
        # then their visits through the case index: as a subquery the planner walked every
        # visit due in the country (40,000 at a million persons, 100 ms on every page's menu).
        # A closed case's visit left undone is no one's work any more.
        open_cases = Case.objects.exclude(status=CaseStatus.CLOSED).order_by()
        own = {
            *open_cases.filter(caseworker=user).values_list("pk", flat=True),
            *open_cases.filter(team=user).values_list("pk", flat=True),
        }
        parts.append(due.filter(case_id__in=sorted(own)))
    found = {
        visit.pk: visit
        for part in parts
        for visit in part.select_related("case").order_by("due_on")[:limit]
    }
    return sorted(found.values(), key=lambda visit: (visit.due_on, visit.pk))[:limit]


def referral_report(*, user: User, since: dt.date) -> dict[str, Any]:
    """The report of a case worker's office: the cases in scope, since a date. (Cases only
    referred to the user's organisation are not "in scope": their other referrals are not the
    receiver's to count.) Reporting roles read it over their reporting scope in the monitoring
    dashboard (`referral_report_for_cases` with `cases_in_report_scope`)."""
    cases = cases_fully_visible_to(user, Case.objects.all())
    return referral_report_for_cases(cases=cases, start=since, end=None)


def cases_in_report_scope(*, user: User, province_id: int | None, area: str) -> QuerySet[Case]:
    """The cases counted in a reporting role's aggregates (never listed): the reporting scope
    (policy), cut to one province and to the programme's target area ("target"), or the rest."""
    condition = report_scope_q(user)
    if condition is None:
        return Case.objects.none()
    cases = Case.objects.filter(condition)
    if province_id is not None:
        cases = cases.filter(province_id=province_id)
    if area in ("target", "rest"):
        cases = cases.filter(province__in_programme_area=area == "target")
    return cases


def referral_report_for_cases(
    *, cases: QuerySet[Case], start: dt.date, end: dt.date | None
) -> dict[str, Any]:
    """Counts by status, average response time and answers late or overdue, for the referrals
    of these cases made between the dates; follow-ups due then, done and overdue. Each figure
    is one aggregate query (GROUP BY in the database)."""
    referrals = Referral.objects.filter(case__in=cases.values("pk"), created_at__date__gte=start)
    visits = FollowUpVisit.objects.filter(case__in=cases.values("pk"), due_on__gte=start)
    if end is not None:
        referrals = referrals.filter(created_at__date__lte=end)
        visits = visits.filter(due_on__lte=end)
    by_status = dict(referrals.values_list("status").annotate(n=Count("pk")).order_by())
    answered = referrals.filter(responded_at__isnull=False).annotate(
        wait=ExpressionWrapper(F("responded_at") - F("created_at"), output_field=DurationField())
    )
    answers = answered.aggregate(
        avg=Avg("wait"), n=Count("pk"), late=Count("pk", filter=Q(responded_at__gt=F("respond_by")))
    )
    average = answers["avg"]
    overdue = referrals.filter(status=ReferralStatus.REQUESTED, respond_by__lt=timezone.now())
    today = timezone.localdate()
    follow_ups = visits.aggregate(
        done=Count("pk", filter=Q(done_on__isnull=False)),
        overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    return {
        "since": start,
        "until": end,
        "by_status": [(label, by_status.get(value, 0)) for value, label in ReferralStatus.choices],
        "statuses": [(value, label) for value, label in ReferralStatus.choices],
        "total": sum(by_status.values()),
        "answered": answers["n"],
        "average_response_hours": round(average.total_seconds() / 3600, 1) if average else None,
        "overdue_now": overdue.count(),
        "answered_late": answers["late"],
        "follow_ups_done": follow_ups["done"],
        "follow_ups_overdue": follow_ups["overdue"],
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
