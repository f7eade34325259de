"""Reads of the prevention app, scoped, with the totals the lists show."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    Capability,
    call_referrals_visible_to,
    can_correct_call,
    can_correct_prevention,
    has_capability,
    receives_call_referrals,
    scope_q,
)
from pokpong.prevention.models import (
    AwarenessActivity,
    CallReferral,
    CallReferralStatus,
    CallTopic,
    HotlineCall,
    RiskAssessment,
)


def activity_list_for_user(
    *, user: User, filters: dict[str, Any], with_voided: bool = False
) -> QuerySet[AwarenessActivity]:
    """Activities in scope; a list shows the voided ones too (struck through, never counted)."""
    condition = scope_q(user, Capability.MANAGE_PREVENTION)
    if condition is None:
        return AwarenessActivity.objects.none()
    manager = AwarenessActivity.all_objects if with_voided else AwarenessActivity.objects
    activities = manager.filter(condition).select_related("province", "organisation")
    if filters.get("type"):
        activities = activities.filter(type=filters["type"])
    if filters.get("province"):
        activities = activities.filter(province=filters["province"])
    if filters.get("since"):
        activities = activities.filter(held_on__gte=filters["since"])
    return activities


def activity_totals(activities: QuerySet[AwarenessActivity]) -> dict[str, int]:
    sums = activities.filter(voided_at__isnull=True).aggregate(
        activities=Count("pk"),
        girls=Sum("girls"),
        boys=Sum("boys"),
        women=Sum("women"),
        men=Sum("men"),
    )
    totals = {key: value or 0 for key, value in sums.items()}
    totals["reached"] = totals["girls"] + totals["boys"] + totals["women"] + totals["men"]
    return totals


def call_list_for_user(
    *, user: User, since: dt.date | None = None, with_voided: bool = False
) -> QuerySet[HotlineCall]:
    """The calls of the user's organisation (hotline counsellors see their own service's log)."""
    if user.organisation_id is None:
        return HotlineCall.objects.none()
    manager = HotlineCall.all_objects if with_voided else HotlineCall.objects
    calls = (
        manager.filter(organisation_id=user.organisation_id)
        .select_related("province", "taken_by", "person")
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=CallReferral.objects.select_related("to_organisation", "case"),
            )
        )
    )
    if since is not None:
        calls = calls.filter(received_at__date__gte=since)
    return calls


def call_totals(calls: QuerySet[HotlineCall]) -> list[tuple[str, int]]:
    """Calls by topic, as (label, count), most frequent first."""
    counts = (
        calls.filter(voided_at__isnull=True)
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [(str(CallTopic(topic).label), n) for topic, n in counts]


def assessment_list_for_user(
    *, user: User, province: Any = None, with_voided: bool = False
) -> QuerySet[RiskAssessment]:
    condition = scope_q(user, Capability.MANAGE_PREVENTION)
    if condition is None:
        return RiskAssessment.objects.none()
    manager = RiskAssessment.all_objects if with_voided else RiskAssessment.objects
    assessments = manager.filter(condition).select_related("province", "district")
    if province is not None:
        assessments = assessments.filter(province=province)
    return assessments.order_by("province__national_code", "-score", "village")


def activity_to_correct(*, user: User, pk: int) -> AwarenessActivity:
    """An activity the user may correct (not voided); anything else is the same 404."""
    activity = get_object_or_404(AwarenessActivity.objects.select_related("province"), pk=pk)
    if not can_correct_prevention(user, activity):
        raise Http404
    return activity


def assessment_to_correct(*, user: User, pk: int) -> RiskAssessment:
    assessment = get_object_or_404(RiskAssessment.objects.all(), pk=pk)
    if not can_correct_prevention(user, assessment):
        raise Http404
    return assessment


def call_get_for_user(*, user: User, pk: int) -> HotlineCall:
    """One call of the user's hotline, voided or not (its page says so)."""
    return get_object_or_404(call_list_for_user(user=user, with_voided=True), pk=pk)


def call_to_correct(*, user: User, pk: int) -> HotlineCall:
    """A call of the user's hotline that is not voided; anything else is the same 404."""
    call = get_object_or_404(call_list_for_user(user=user), pk=pk)
    if not can_correct_call(user, call):
        raise Http404
    return call


def call_referral_get_for_user(*, user: User, pk: int) -> CallReferral:
    """The hotline that referred the call and the office it was referred to see the referral."""
    referrals = call_referrals_visible_to(user, CallReferral.objects.all()).select_related(
        "call", "call__person", "call__organisation", "to_organisation", "case", "requested_by"
    )
    return get_object_or_404(referrals, pk=pk)


def call_referrals_to_answer(*, user: User, limit: int = 20) -> list[CallReferral]:
    """Potential cases the hotline referred to the user's office, oldest deadline first."""
    if not receives_call_referrals(user):
        return []
    waiting = CallReferral.objects.filter(
        to_organisation_id=user.organisation_id, status=CallReferralStatus.REQUESTED
    )
    return list(waiting.select_related("call", "call__organisation").order_by("respond_by")[:limit])


def call_referrals_overdue(*, user: User, limit: int = 20) -> list[CallReferral]:
    """The hotline's referrals still unanswered after their deadline."""
    if user.organisation_id is None or not has_capability(user, Capability.LOG_HOTLINE_CALLS):
        return []
    overdue = CallReferral.objects.filter(
        call__organisation_id=user.organisation_id,
        status=CallReferralStatus.REQUESTED,
        respond_by__lt=timezone.now(),
    )
    return list(overdue.select_related("call", "to_organisation").order_by("respond_by")[:limit])


# --- statistics: reads of the indicator engine (monitoring), counts only, never shown as rows ---


def statistics_awareness_activities() -> QuerySet[AwarenessActivity]:
    """Awareness activities (voided ones left out by the default manager)."""
    return AwarenessActivity.objects.all()


def statistics_call_referrals() -> QuerySet[CallReferral]:
    """Hotline potential-case referrals of calls that were not voided."""
    return CallReferral.objects.filter(call__voided_at__isnull=True)
