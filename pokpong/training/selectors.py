"""Reads of the training app, with the session statistics the pages show."""

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    Capability,
    can_correct_training,
    can_edit_course,
    courses_correctable_by,
    scope_q,
)
from pokpong.training.models import Course, Enrolment, FollowUpSurvey, Participant, TrainingSession


def course_list() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True)


def course_ids_to_correct(*, user: User) -> set[int]:
    """The courses of the catalogue the user may correct (their pages are linked)."""
    courses = courses_correctable_by(user, course_list(), TrainingSession.all_objects.all())
    return set(courses.values_list("pk", flat=True))


def session_list_for_user(*, user: User, with_voided: bool = False) -> QuerySet[TrainingSession]:
    """Sessions in scope; the list shows voided ones too (struck through, never counted)."""
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        return TrainingSession.objects.none()
    manager = TrainingSession.all_objects if with_voided else TrainingSession.objects
    return (
        manager.filter(condition)
        .select_related("course", "province")
        .annotate(participants=Count("enrolments"))
    )


def session_get_for_user(*, user: User, pk: int) -> TrainingSession:
    return get_object_or_404(session_list_for_user(user=user), pk=pk)


def session_to_correct(*, user: User, pk: int) -> TrainingSession:
    """A session (not voided) the user may correct; anything else is the same 404."""
    session = session_get_for_user(user=user, pk=pk)
    if not can_correct_training(user, session):
        raise Http404
    return session


def course_to_correct(*, user: User, pk: int) -> Course:
    """A course whose every session lies in the user's scope; anything else is the same 404."""
    course = get_object_or_404(Course.objects.all(), pk=pk)
    if not can_edit_course(user, course, TrainingSession.all_objects.all()):
        raise Http404
    return course


def enrolment_get_for_user(*, user: User, pk: int) -> Enrolment:
    """One participant's enrolment, in a session the user may manage (404 otherwise)."""
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        raise Http404
    sessions = TrainingSession.objects.filter(condition).values("pk")
    return get_object_or_404(
        Enrolment.objects.select_related("session__course", "participant"),
        pk=pk,
        session__in=sessions,
    )


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


def participant_get_for_user(*, user: User, pk: int) -> Participant:
    """An official enrolled in a session the user may manage (the same 404 otherwise)."""
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        raise Http404
    sessions = TrainingSession.objects.filter(condition).values("pk")
    participants = Participant.objects.filter(
        pk__in=Enrolment.objects.filter(session__in=sessions).values("participant")
    )
    return get_object_or_404(participants.select_related("organisation", "province"), pk=pk)


def follow_up_summary(session: TrainingSession) -> dict[str, int]:
    """How many of the session's officials were followed up, and how many apply the skills."""
    return FollowUpSurvey.objects.filter(enrolment__session=session).aggregate(
        surveyed=Count("pk"),
        applied=Count("pk", filter=Q(applied_skills__in=["yes", "partly"])),
    )


def session_list_filtered(
    *, user: User, filters: dict[str, Any], with_voided: bool = False
) -> QuerySet[TrainingSession]:
    sessions = session_list_for_user(user=user, with_voided=with_voided)
    if filters.get("topic"):
        sessions = sessions.filter(course__topic=filters["topic"])
    if filters.get("province"):
        sessions = sessions.filter(province=filters["province"])
    if filters.get("since"):
        sessions = sessions.filter(ends_on__gte=filters["since"])
    if filters.get("until"):
        sessions = sessions.filter(starts_on__lte=filters["until"])
    return sessions.order_by("-starts_on", "-pk")


def persons_trained(sessions: QuerySet[TrainingSession]) -> dict[str, Any]:
    """Distinct officials trained in these sessions (who attended), for the indicators.

    GNDR-8 counts persons trained at least 3 hours in sessions with substantial gender-equality
    content; PS.5.1-28 persons trained as first responders; PS.5.3-15 as prevention actors.
    Each person counts once per figure however many sessions they attended.
    """
    sessions = sessions.filter(voided_at__isnull=True)  # a voided session trained nobody
    trained = Enrolment.objects.filter(session__in=sessions.values("pk"), hours_attended__gt=0)

    def persons(**condition: Any) -> QuerySet[Participant]:
        return Participant.objects.filter(pk__in=trained.filter(**condition).values("participant"))

    by_sex = {
        "persons": Count("pk"),
        "women": Count("pk", filter=Q(sex="female")),
        "men": Count("pk", filter=Q(sex="male")),
    }
    people = persons()
    totals = people.aggregate(**by_sex)
    totals["sessions"] = sessions.count()
    totals["gndr_8"] = persons(session__gender_content=True, hours_attended__gte=3).count()
    totals["first_responders"] = persons(session__first_responders=True).count()
    totals["prevention_actors"] = persons(session__prevention_actors=True).count()
    for key, group in (
        ("by_agency", ("organisation__type__name_lo", "organisation__type__name_en")),
        ("by_province", ("province__name_lo", "province__name_en")),
    ):
        totals[key] = list(people.values(*group).annotate(**by_sex).order_by("-persons"))
    return totals


# --- statistics: reads of the indicator engine (monitoring), counts only, never shown as rows ---


def statistics_enrolments() -> QuerySet[Enrolment]:
    """Enrolments in sessions that were not voided."""
    return Enrolment.objects.filter(session__voided_at__isnull=True)


def statistics_participants() -> QuerySet[Participant]:
    return Participant.objects.all()


def participant_list_for_user(*, user: User) -> QuerySet[Participant]:
    """The officials enrolled in a session the user may manage (participant_get_for_user's
    rule), each with its enrolments in those sessions only."""
    condition = scope_q(user, Capability.MANAGE_TRAINING)
    if condition is None:
        return Participant.objects.none()
    sessions = TrainingSession.objects.filter(condition).values("pk")
    enrolments = Enrolment.objects.filter(session__in=sessions)
    return Participant.objects.filter(pk__in=enrolments.values("participant")).prefetch_related(
        Prefetch("enrolments", queryset=enrolments, to_attr="enrolments_seen")
    )
