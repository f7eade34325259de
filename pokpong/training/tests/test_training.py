"""Courses, sessions, participants reused across sessions, scores and improvement."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.places.models import Province
from pokpong.training import selectors, services
from pokpong.training.models import Participant
from pokpong.training.tests.helpers import person

pytestmark = pytest.mark.django_db


def _person(org, name="Vilay Inthavong", sex="female"):
    return person(org, name, sex, position="Officer")


def test_scores_give_each_participants_improvement_and_the_session_average(trainer, session):
    org = OrganisationFactory()
    a = services.enrol(
        user=trainer,
        session=session,
        participant=_person(org),
        pre_score=Decimal(40),
        post_score=Decimal(75),
    )
    services.enrol(
        user=trainer,
        session=session,
        participant=_person(org, "Keo", "male"),
        pre_score=Decimal(60),
        post_score=Decimal(70),
    )
    services.enrol(user=trainer, session=session, participant=_person(org, "Noy"), pre_score=None)
    assert a.improvement == Decimal(35)
    stats = selectors.session_stats(session)
    assert stats["women"] == 2
    assert stats["men"] == 1
    assert stats["improvement"] == Decimal("22.5")  # only those with both tests
    assert stats["pre"] == Decimal(50)


def test_an_official_is_reused_across_sessions(trainer, session):
    org = OrganisationFactory()
    services.enrol(user=trainer, session=session, participant=_person(org))
    later = services.session_create(
        user=trainer,
        details=services.SessionDetails(
            course=session.course,
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2026, 12, 1),
            hours=Decimal(8),
            venue="Savannakhet",
            province=Province.objects.get(iso_code="LA-SV"),
        ),
    )
    services.enrol(user=trainer, session=later, participant=_person(org, "vilay inthavong"))
    assert Participant.objects.count() == 1
    assert Participant.objects.get().enrolments.count() == 2
    with pytest.raises(ValidationError):
        services.enrol(user=trainer, session=later, participant=_person(org))


def test_scores_stay_between_0_and_100(trainer, session):
    with pytest.raises(ValidationError):
        services.enrol(
            user=trainer,
            session=session,
            participant=_person(OrganisationFactory()),
            post_score=Decimal(120),
        )


def test_only_trainers_and_the_secretariat_manage_training(caseworker, session):
    with pytest.raises(PermissionDenied):
        services.enrol(user=caseworker, session=session, participant=_person(OrganisationFactory()))


def test_a_session_cannot_end_before_it_starts(trainer, session):
    with pytest.raises(ValidationError):
        services.session_create(
            user=trainer,
            details=services.SessionDetails(
                course=session.course,
                starts_on=dt.date(2026, 12, 2),
                ends_on=dt.date(2026, 12, 1),
                hours=Decimal(8),
                venue="x",
                province=Province.objects.get(iso_code="LA-SV"),
            ),
        )


def test_adding_participants_from_the_attendance_sheet(client, trainer, session):
    org = OrganisationFactory()
    client.force_login(trainer)
    response = client.post(
        reverse("training:session_detail", args=[session.pk]),
        {
            "full_name": "ວິໄລ ອິນທະວົງ",
            "sex": "female",
            "age_group": "25_39",
            "organisation": org.pk,
            "province": session.province.pk,
            "pre_score": "45",
            "post_score": "80",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("training:session_detail", args=[session.pk]))
    assert page.context["stats"]["improvement"] == Decimal("35.0")
    participant = Participant.objects.get()
    history = client.get(reverse("training:participant_detail", args=[participant.pk]))
    assert session.course.name_lo in history.content.decode()


def test_a_participants_scores_and_hours_can_be_corrected(client, trainer, session):
    enrolment = services.enrol(
        user=trainer,
        session=session,
        participant=_person(OrganisationFactory()),
        pre_score=Decimal(40),
    )
    client.force_login(trainer)
    url = reverse("training:scores", args=[enrolment.pk])
    too_many = client.post(url, {"pre_score": "40", "post_score": "75", "hours_attended": "20"})
    assert too_many.status_code == 200 and "hours_attended" in too_many.context["form"].errors
    done = client.post(url, {"pre_score": "45", "post_score": "75", "hours_attended": "12"})
    assert done.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.improvement, enrolment.hours_attended) == (30, 12)
    assert not enrolment.completed  # 12 of 16 hours is under the 80 % rule


def test_a_course_carries_its_completion_rule(client, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("training:course_new"),
        {
            "name_lo": "ການສືບສວນ",
            "name_en": "Investigation",
            "topic": "investigation",
            "hours": "24",
            "min_attendance": "90",
            "pass_mark": "70",
        },
    )
    assert response.status_code == 302
    course = selectors.course_list().get(name_en="Investigation")
    assert (course.min_attendance, course.pass_mark) == (90, Decimal(70))


def test_a_provincial_trainer_sees_only_participants_of_sessions_in_their_province(
    client, trainer, session
):
    from pokpong.accounts.models import Role
    from pokpong.accounts.services import role_assign
    from pokpong.accounts.tests.factories import UserFactory

    enrolment = services.enrol(
        user=trainer, session=session, participant=_person(OrganisationFactory())
    )
    elsewhere = UserFactory(username="trainer-sv")
    role_assign(user=elsewhere, role=Role.TRAINER, province=Province.objects.get(iso_code="LA-SV"))
    url = reverse("training:participant_detail", args=[enrolment.participant_id])
    client.force_login(elsewhere)
    assert client.get(url).status_code == 404
    assert client.get(url + "0").status_code == 404
    client.force_login(trainer)
    assert client.get(url).status_code == 200
