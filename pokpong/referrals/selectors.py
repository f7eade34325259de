"""Reads of the referral mechanism: directory, referrals, the inbox, and the referral report."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    Capability,
    can_record_follow_up_for,
    cases_fully_visible_to,
    follow_ups_assigned_to,
    has_capability,
    scope_q,
)
from pokpong.cases.models import Case, CasePlan, PlanStatus
from pokpong.referrals.models import FollowUpVisit, Referral, ReferralStatus, ServiceOffer


def service_offers(*, province: Any = None, service_type: Any = None) -> QuerySet[ServiceOffer]:
    offers = ServiceOffer.objects.filter(is_active=True, organisation__is_active=True)
    if province is not None:
        offers = offers.filter(provinces=province)
    if service_type is not None:
        offers = offers.filter(service_type=service_type)
    return offers.select_related("organisation", "service_type").prefetch_related("provinces")


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


@dataclass
class Inbox:
    to_answer: list[Referral] = field(default_factory=list)
    overdue_sent: list[Referral] = field(default_factory=list)
    follow_ups_due: list[FollowUpVisit] = field(default_factory=list)
    plans_to_approve: list[CasePlan] = field(default_factory=list)
    closures_to_approve: list[Case] = field(default_factory=list)
    hotline_to_answer: list[Any] = field(default_factory=list)
    hotline_overdue: list[Any] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.to_answer)
            + len(self.hotline_to_answer)
            + len(self.hotline_overdue)
            + len(self.overdue_sent)
            + len(self.follow_ups_due)
            + len(self.plans_to_approve)
            + len(self.closures_to_approve)
        )


def inbox_for(*, user: User, limit: int = 20) -> Inbox:
    """What waits for the user: referrals to answer (potential cases from the hotline too),
    unanswered referrals sent, follow-ups due within a week, and (for managers) plans and
    closures to approve."""
    inbox = Inbox()
    now, soon = timezone.now(), timezone.localdate() + dt.timedelta(days=7)
    if user.organisation_id and has_capability(user, Capability.VIEW_REFERRALS):
        inbox.to_answer = list(
            Referral.objects.filter(
                to_organisation_id=user.organisation_id, status=ReferralStatus.REQUESTED
            )
            .select_related("case", "service_type", "from_organisation")
            .order_by("respond_by")[:limit]
        )
        inbox.overdue_sent = list(
            Referral.objects.filter(
                from_organisation_id=user.organisation_id,
                status=ReferralStatus.REQUESTED,
                respond_by__lt=now,
            )
            .select_related("case", "service_type", "to_organisation")
            .order_by("respond_by")[:limit]
        )
    # Potential cases from the hotline (prevention builds on referrals: imported here).
    from pokpong.prevention.selectors import call_referrals_overdue, call_referrals_to_answer

    inbox.hotline_to_answer = call_referrals_to_answer(user=user, limit=limit)
    inbox.hotline_overdue = call_referrals_overdue(user=user, limit=limit)
    due = FollowUpVisit.objects.filter(done_on__isnull=True, due_on__lte=soon)
    mine = Q(pk__in=follow_ups_assigned_to(user, due).values("pk"))  # a partner's visits
    if has_capability(user, Capability.MANAGE_CASES):
        mine |= Q(case__caseworker=user) | Q(case__team=user)
    inbox.follow_ups_due = list(
        due.filter(mine).select_related("case").distinct().order_by("due_on")[:limit]
    )
    approvals = scope_q(user, Capability.APPROVE_DECISIONS)
    if approvals is not None:
        in_scope = Case.objects.filter(approvals)
        inbox.plans_to_approve = list(
            CasePlan.objects.filter(status=PlanStatus.SUBMITTED, case__in=in_scope).select_related(
                "case"
            )[:limit]
        )
        inbox.closures_to_approve = list(
            in_scope.filter(closure_requested_at__isnull=False)
            .exclude(status="closed")
            .exclude(closure_requested_by=user)[:limit]
        )
    return inbox


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
