"""The training factories make valid records; an enrolment meets its course's rule."""

from decimal import Decimal

import pytest

from pokpong.training.tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    FollowUpSurveyFactory,
    ParticipantFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_session_is_valid_and_held_by_the_organiser_office_in_its_province():
    session = TrainingSessionFactory()
    session.full_clean()
    CourseFactory().full_clean()
    assert session.organisation == session.created_by.organisation
    assert session.province == session.organisation.province
    assert session.starts_on <= session.ends_on


def test_an_enrolment_completes_the_course_with_a_participant_of_the_session_province():
    enrolment = EnrolmentFactory()
    enrolment.full_clean()
    enrolment.participant.full_clean()
    assert enrolment.completed
    assert enrolment.participant.province == enrolment.session.province
    assert enrolment.participant.organisation.province == enrolment.session.province
    ParticipantFactory().full_clean()


def test_a_certificate_attendance_and_follow_up_are_valid_and_consistent():
    certificate = CertificateFactory()
    attendance = AttendanceFactory()
    survey = FollowUpSurveyFactory()
    for record in (certificate, attendance, survey):
        record.full_clean()
    assert certificate.issued_by == certificate.enrolment.session.created_by
    assert not certificate.is_revoked
    assert attendance.day in attendance.enrolment.session.days
    assert survey.surveyed_on == survey.enrolment.session.follow_up_due_on


def test_hours_and_scores_given_as_numbers_are_decimals_as_saved():
    enrolment = EnrolmentFactory(session__hours=8, pre_score=40, hours_attended=7.5)
    assert enrolment.session.hours == Decimal(8) and isinstance(enrolment.session.hours, Decimal)
    assert isinstance(enrolment.pre_score, Decimal)
    assert enrolment.hours_attended == Decimal("7.5")
