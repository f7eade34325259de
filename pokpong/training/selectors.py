"""Reads of the training app, with the session statistics the pages show."""

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import User
from pokpong.core.policy import Capability, scope_q
from pokpong.training.models import Course, FollowUpSurvey, Participant, TrainingSession


def course_list() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True)


def session_list_for_user(*, user: User) -> QuerySet[TrainingSession]:
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        return TrainingSession.objects.none()
    return (
        TrainingSession.objects.filter(condition)
        .select_related("course", "province")
        .annotate(participants=Count("enrolments"))
    )


def session_get_for_user(*, user: User, pk: int) -> TrainingSession:
    return get_object_or_404(session_list_for_user(user=user), pk=pk)


def session_stats(session: TrainingSession) -> dict[str, Any]:
    """Participants by sex, average pre- and post-test, average improvement."""
    enrolments = session.enrolments.all()
    stats = enrolments.aggregate(
        women=Count("pk", filter=Q(participant__sex="female")),
        men=Count("pk", filter=Q(participant__sex="male")),
        pre=Avg("pre_score"),
        post=Avg("post_score"),
    )
    both = [e.improvement for e in enrolments if e.improvement is not None]
    stats["improvement"] = (
        (sum(both, Decimal(0)) / len(both)).quantize(Decimal("0.1")) if both else None
    )
    return stats


def participant_get(*, pk: int) -> Participant:
    return get_object_or_404(Participant.objects.select_related("organisation", "province"), pk=pk)


def follow_up_summary(session: TrainingSession) -> dict[str, int]:
    """How many of the session's officials were followed up, and how many apply the skills."""
    return FollowUpSurvey.objects.filter(enrolment__session=session).aggregate(
        surveyed=Count("pk"),
        applied=Count("pk", filter=Q(applied_skills__in=["yes", "partly"])),
    )
