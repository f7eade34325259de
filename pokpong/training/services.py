"""Writes of the training app: courses, sessions, enrolments with test scores. Audited."""

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    Capability,
    can_correct_training,
    can_edit_course,
    has_capability,
    in_scope,
)
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.corrections import record_update, record_void
from pokpong.core.models import AuditAction
from pokpong.places.models import District, Province
from pokpong.training.models import (
    Attendance,
    Certificate,
    Course,
    Enrolment,
    FollowUpSurvey,
    Participant,
    TrainingSession,
)


def _require_trainer(user: User) -> None:
    if not has_capability(user, Capability.MANAGE_TRAINING):
        raise PermissionDenied


@dataclass(frozen=True, kw_only=True)
class CourseDetails:
    """A course: its title in both languages, topic, length and completion rule."""

    name_lo: str
    name_en: str
    topic: str
    hours: Decimal
    audience: str = ""
    min_attendance: int = 80
    pass_mark: Decimal | None = None


@transaction.atomic
def course_create(*, user: User, details: CourseDetails) -> Course:
    _require_trainer(user)
    course = Course(**vars(details), created_by=user)
    course.full_clean()
    course.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=course,
        changes=creation_changes(course, ("name_lo", "name_en", "topic", "hours")),
    )
    return course


@dataclass(frozen=True, kw_only=True)
class SessionDetails:
    """A session of a course: when, where, by whom, and what it counts for."""

    course: Course
    starts_on: dt.date
    ends_on: dt.date
    hours: Decimal
    venue: str
    province: Province
    district: District | None = None
    trainers: str = ""
    funding_source: str = ""
    gender_content: bool = False
    first_responders: bool = False
    prevention_actors: bool = False


@transaction.atomic
def session_create(*, user: User, details: SessionDetails) -> TrainingSession:
    _require_trainer(user)
    if not in_scope(
        user,
        Capability.MANAGE_TRAINING,
        province_id=details.province.pk,
        district_id=details.district.pk if details.district else None,
    ):
        raise PermissionDenied
    if details.ends_on < details.starts_on:
        raise ValidationError(_("The last day is before the first day."))
    session = TrainingSession(organisation=user.organisation, created_by=user, **vars(details))
    session.full_clean()
    session.save()
    fields = (
        "course",
        "starts_on",
        "ends_on",
        "hours",
        "venue",
        "province",
        "gender_content",
        "first_responders",
        "prevention_actors",
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=session,
        changes=creation_changes(session, fields),
    )
    return session


@transaction.atomic
def course_update(*, user: User, course: Course, details: CourseDetails) -> None:
    if not can_edit_course(user, course, TrainingSession.all_objects.all()):
        raise PermissionDenied
    record_update(user=user, record=course, values=vars(details))


@transaction.atomic
def session_update(*, user: User, session: TrainingSession, details: SessionDetails) -> None:
    """Correct a session (its office, within its scope); the persons trained follow."""
    place = {
        "province_id": details.province.pk,
        "district_id": details.district.pk if details.district else None,
    }
    if not can_correct_training(user, session) or not in_scope(
        user, Capability.MANAGE_TRAINING, **place
    ):
        raise PermissionDenied
    if details.ends_on < details.starts_on:
        raise ValidationError(_("The last day is before the first day."))
    record_update(user=user, record=session, values=vars(details))


@transaction.atomic
def session_void(*, user: User, session: TrainingSession, reason: str) -> None:
    """A session entered by mistake: kept with its participants, no longer counted."""
    if not can_correct_training(user, session):
        raise PermissionDenied
    record_void(user=user, record=session, reason=reason)


@transaction.atomic
def course_void(*, user: User, course: Course, reason: str) -> None:
    """A course added by mistake: kept, gone from the catalogue. Refused while a session of it
    counts (void those first, or correct the course), so nobody's training loses its course."""
    if not can_edit_course(user, course, TrainingSession.all_objects.all()):
        raise PermissionDenied
    given = TrainingSession.objects.filter(course=course).count()
    if given:
        raise ValidationError(
            ngettext(
                "This course has %(count)d session that is not voided: void it first, "
                "or correct the course instead.",
                "This course has %(count)d sessions that are not voided: void them first, "
                "or correct the course instead.",
                given,
            )
            % {"count": given}
        )
    record_void(user=user, record=course, reason=reason)


@dataclass(frozen=True, kw_only=True)
class ParticipantDetails:
    """An official trained: name, sex, age group, organisation, position and province."""

    full_name: str
    sex: str
    age_group: str
    organisation: Organisation
    province: Province
    position: str = ""


def _participant(details: ParticipantDetails) -> Participant:
    """The same official (name and organisation) is reused, else a new one is saved."""
    name = details.full_name.strip().casefold()
    for participant in Participant.objects.filter(organisation=details.organisation):
        if participant.full_name.casefold() == name:
            return participant
    participant = Participant(**vars(details))
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def enrol(
    *,
    user: User,
    session: TrainingSession,
    participant: ParticipantDetails,
    pre_score: Decimal | None = None,
    post_score: Decimal | None = None,
) -> Enrolment:
    """Add a participant to a session; the same official (name and organisation) is reused."""
    _require_trainer(user)
    official = _participant(participant)
    if Enrolment.objects.filter(session=session, participant=official).exists():
        raise ValidationError(
            _("%(name)s is already in this session.") % {"name": official.full_name}
        )
    enrolment = Enrolment(
        session=session,
        participant=official,
        pre_score=pre_score,
        post_score=post_score,
        hours_attended=session.hours,
    )
    enrolment.full_clean()
    enrolment.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=enrolment,
        parent=session,
        changes=creation_changes(enrolment, ("participant", "pre_score", "post_score")),
    )
    return enrolment


@transaction.atomic
def scores_update(
    *,
    user: User,
    enrolment: Enrolment,
    pre_score: Decimal | None,
    post_score: Decimal | None,
    hours_attended: Decimal,
) -> Enrolment:
    _require_trainer(user)
    fields = ("pre_score", "post_score", "hours_attended")
    before = snapshot(enrolment, fields)
    enrolment.pre_score, enrolment.post_score = pre_score, post_score
    enrolment.hours_attended = hours_attended
    enrolment.full_clean()
    enrolment.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=enrolment,
        parent=enrolment.session,
        changes=diff(before, enrolment),
    )
    return enrolment


CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else raw


@transaction.atomic
def certificate_issue(*, user: User, enrolment: Enrolment) -> Certificate:
    """The participant's certificate, issued once, when the course's completion rule is met."""
    _require_trainer(user)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing and existing.is_revoked:
        raise ValidationError(_("This certificate was revoked: it cannot be issued again."))
    if existing:
        return existing
    if not Attendance.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(
            _("No attendance is recorded for %(name)s yet: fill in the attendance sheet first.")
            % {"name": enrolment.participant.full_name}
        )
    if not enrolment.completed:
        raise ValidationError(
            _("%(name)s has not met the completion rule of this course.")
            % {"name": enrolment.participant.full_name}
        )
    certificate = Certificate(enrolment=enrolment, code=new_certificate_code(), issued_by=user)
    certificate.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=certificate,
        parent=enrolment.session,
        changes=creation_changes(certificate, ("enrolment", "code")),
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, user: User, certificate: Certificate, reason: str) -> Certificate:
    """Withdraw a certificate (issued by mistake, or obtained by fraud): /verify/ then says so."""
    _require_trainer(user)
    session = certificate.enrolment.session
    if not in_scope(
        user,
        Capability.MANAGE_TRAINING,
        province_id=session.province_id,
        district_id=session.district_id,
    ):
        raise PermissionDenied
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate is already revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the revocation."))
    before = snapshot(certificate, ("revoked_at", "revocation_reason"))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revocation_reason = reason.strip()
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=certificate,
        parent=session,
        changes=diff(before, certificate),
    )
    return certificate


@transaction.atomic
def attendance_record(
    *, user: User, session: TrainingSession, day: dt.date, present: set[int]
) -> None:
    """The day's sheet: which enrolments were there; hours attended follow from all sheets.

    Each absent day takes the session's hours ÷ its days. Days without a sheet count as
    attended, so a session whose sheets are not all entered yet does not take
    hours from anyone.
    """
    _require_trainer(user)
    days = session.days
    if day not in days:
        raise ValidationError(_("This day is not part of the session."))
    per_day = session.hours / len(days)
    enrolments = list(session.enrolments.all())
    for enrolment in enrolments:
        Attendance.objects.update_or_create(
            enrolment=enrolment, day=day, defaults={"present": enrolment.pk in present}
        )
    absences = dict(
        Attendance.objects.filter(enrolment__session=session, present=False)
        .values("enrolment")
        .annotate(days=Count("pk"))
        .values_list("enrolment", "days")
    )
    for enrolment in enrolments:
        absent = absences.get(enrolment.pk, 0)
        hours = max(Decimal(0), session.hours - per_day * absent).quantize(Decimal("0.1"))
        if hours != enrolment.hours_attended:
            enrolment.hours_attended = hours
            enrolment.save(update_fields=["hours_attended", "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=session,
        extra={
            "attendance_day": day.isoformat(),
            "present": sum(1 for e in enrolments if e.pk in present),
            "absent": sum(1 for e in enrolments if e.pk not in present),
        },
    )


@transaction.atomic
def follow_up_record(
    *,
    user: User,
    enrolment: Enrolment,
    surveyed_on: dt.date,
    applied_skills: str,
    cases_identified: int = 0,
    comments: str = "",
) -> FollowUpSurvey:
    """The "applied the skills" survey of one trained official; recorded once, then corrected."""
    _require_trainer(user)
    if surveyed_on < enrolment.session.ends_on:
        raise ValidationError(_("The follow-up cannot be before the end of the training."))
    answers = {
        "surveyed_on": surveyed_on,
        "applied_skills": applied_skills,
        "cases_identified": cases_identified,
        "comments": comments,
    }
    survey = FollowUpSurvey.objects.filter(enrolment=enrolment).first()
    if survey is None:
        return _survey_create(user=user, enrolment=enrolment, answers=answers)
    before = snapshot(survey, tuple(answers))
    for key, value in answers.items():
        setattr(survey, key, value)
    survey.full_clean()
    survey.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=survey,
        parent=enrolment.session,
        changes=diff(before, survey),
    )
    return survey


def _survey_create(*, user: User, enrolment: Enrolment, answers: dict[str, Any]) -> FollowUpSurvey:
    survey = FollowUpSurvey(enrolment=enrolment, recorded_by=user, **answers)
    survey.full_clean()
    survey.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=survey,
        parent=enrolment.session,
        changes=creation_changes(survey, tuple(answers)),
    )
    return survey
