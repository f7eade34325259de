"""The three-month follow-up of trained officials ("applied the skills")."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.training import selectors, services
from pokpong.training.models import FollowUpSurvey
from pokpong.training.tests.helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(trainer, session):
    return services.enrol(
        user=trainer,
        session=session,
        participant=person(name="ແສງ ວົງສາ"),
    )


def _answers(day=dt.date(2027, 2, 12), applied="yes", cases=2):
    return {
        "surveyed_on": day,
        "applied_skills": applied,
        "cases_identified": cases,
        "comments": "",
    }


def test_the_survey_is_recorded_once_and_can_be_corrected(trainer, enrolment):
    services.follow_up_record(user=trainer, enrolment=enrolment, **_answers())
    services.follow_up_record(user=trainer, enrolment=enrolment, **_answers(applied="partly"))
    survey = FollowUpSurvey.objects.get()
    assert (survey.applied_skills, survey.cases_identified) == ("partly", 2)


def test_a_follow_up_before_the_training_ended_is_refused(trainer, enrolment):
    with pytest.raises(ValidationError):
        services.follow_up_record(
            user=trainer, enrolment=enrolment, **_answers(day=dt.date(2026, 11, 1))
        )
    assert not FollowUpSurvey.objects.exists()


def test_only_trainers_record_follow_ups(caseworker, enrolment):
    with pytest.raises(PermissionDenied):
        services.follow_up_record(user=caseworker, enrolment=enrolment, **_answers())


def test_the_session_page_asks_for_the_follow_up_after_three_months(client, trainer, enrolment):
    session_url = reverse("training:session_detail", args=[enrolment.session_id])
    follow_up_url = reverse("training:follow_up", args=[enrolment.pk])
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)):
        client.force_login(trainer)  # sessions expire: sign in at the travelled time
        assert follow_up_url not in client.get(session_url).content.decode()
    with time_machine.travel(dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)):  # 91 days after
        client.force_login(trainer)
        assert follow_up_url in client.get(session_url).content.decode()
        response = client.post(
            follow_up_url,
            {"surveyed_on": "10/02/2027", "applied_skills": "yes", "cases_identified": "3"},
        )
    assert response.status_code == 302
    assert FollowUpSurvey.objects.get().cases_identified == 3
    assert selectors.follow_up_summary(enrolment.session) == {"surveyed": 1, "applied": 1}
