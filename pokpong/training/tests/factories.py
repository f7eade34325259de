"""Factories for the training of officials: courses, sessions, participants and their results."""

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

import factory
from django.db import models

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.places.tests.factories import province
from pokpong.training.models import (
    AgeGroup,
    AppliedSkills,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    FollowUpSurvey,
    Participant,
    Topic,
    TrainingSession,
)
from pokpong.training.services import new_certificate_code

_M = TypeVar("_M", bound=models.Model)

DECIMALS: dict[type[models.Model], tuple[str, ...]] = {
    Course: ("hours", "pass_mark"),
    TrainingSession: ("hours",),
    Enrolment: ("pre_score", "post_score", "hours_attended"),
}


class _Decimals(ModelFactory[_M]):
    """Hours and scores given as numbers become Decimals, as the saved row holds them (the
    services compute with them)."""

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs: Any) -> dict[str, Any]:
        for name in DECIMALS.get(cls._meta.model, ()):
            if isinstance(kwargs.get(name), int | float):
                kwargs[name] = Decimal(str(kwargs[name]))
        return kwargs


class CourseFactory(_Decimals[Course]):
    class Meta:
        model = Course

    name_lo = "ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ"
    name_en = "Victim identification"
    topic = Topic.IDENTIFICATION
    audience = "Police and social workers"
    hours = Decimal(16)


class TrainingSessionFactory(_Decimals[TrainingSession]):
    """A two-day session of the course organised by `created_by`'s office in its province."""

    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    starts_on = dt.date(2026, 11, 10)
    ends_on = dt.date(2026, 11, 11)
    hours = factory.LazyAttribute(lambda o: o.course.hours)
    venue = "ຫ້ອງປະຊຸມແຂວງ / Provincial hall"
    trainers = "Bounmy Phommachanh"
    created_by = factory.SubFactory(UserFactory, roles=[Role.TRAINER])
    organisation = factory.LazyAttribute(lambda o: o.created_by.organisation)
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())
    funding_source = "Government"


class ParticipantFactory(ModelFactory[Participant]):
    """An official of an office of Savannakhet (in the office's province)."""

    class Meta:
        model = Participant

    full_name = factory.Sequence(lambda n: f"Vilay Inthavong {n}")
    sex = "female"
    age_group = AgeGroup.FROM_25
    organisation = factory.SubFactory(OrganisationFactory)
    position = "Police officer"
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())


class EnrolmentFactory(_Decimals[Enrolment]):
    """A participant who attended every hour and passed: the course's rule is met."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(TrainingSessionFactory)
    participant = factory.SubFactory(
        ParticipantFactory,
        organisation=factory.SubFactory(
            OrganisationFactory, province=factory.SelfAttribute("...session.province")
        ),
    )
    pre_score = Decimal(40)
    post_score = Decimal(85)
    hours_attended = factory.LazyAttribute(lambda o: o.session.hours)


class AttendanceFactory(ModelFactory[Attendance]):
    """Present on the first day of the session."""

    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    day = factory.LazyAttribute(lambda o: o.enrolment.session.starts_on)
    present = True


class CertificateFactory(ModelFactory[Certificate]):
    """Issued by the session's organiser to an enrolment that meets the completion rule."""

    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory)
    code = factory.LazyFunction(new_certificate_code)
    issued_by = factory.LazyAttribute(lambda o: o.enrolment.session.created_by)


class FollowUpSurveyFactory(ModelFactory[FollowUpSurvey]):
    """Three months after the session: the official applies the skills."""

    class Meta:
        model = FollowUpSurvey

    enrolment = factory.SubFactory(EnrolmentFactory)
    surveyed_on = factory.LazyAttribute(lambda o: o.enrolment.session.follow_up_due_on)
    applied_skills = AppliedSkills.YES
    cases_identified = 2
    recorded_by = factory.LazyAttribute(lambda o: o.enrolment.session.created_by)
