"""Attendance per day: the hours attended, and so the completion rule, follow from the sheets."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.training import services
from pokpong.training.models import Attendance
from pokpong.training.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def _enrol(trainer, session, name):
    return EnrolmentFactory(
        session=session,
        participant__full_name=name,
        participant__sex="male",
        participant__age_group="40_54",
        pre_score=None,
        post_score=None,
    )


def test_an_absent_day_takes_that_days_hours(trainer, session):
    # the session: 10–11 November, 16 hours → 8 hours a day; completion needs 80 % = 12.8 h
    there, away = _enrol(trainer, session, "ບຸນມີ"), _enrol(trainer, session, "ຄຳປອນ")
    day1, day2 = dt.date(2026, 11, 10), dt.date(2026, 11, 11)
    services.attendance_record(user=trainer, session=session, day=day1, present={there.pk})
    away.refresh_from_db()
    there.refresh_from_db()
    assert (there.hours_attended, away.hours_attended) == (Decimal(16), Decimal(8))
    assert there.completed and not away.completed
    services.attendance_record(user=trainer, session=session, day=day1, present={there.pk, away.pk})
    away.refresh_from_db()
    assert away.hours_attended == 16  # the sheet corrected: the day counts again
    services.attendance_record(user=trainer, session=session, day=day2, present=set())
    there.refresh_from_db()
    assert there.hours_attended == 8
    assert Attendance.objects.filter(day=day2, present=False).count() == 2


def test_a_day_outside_the_session_is_refused(trainer, session):
    with pytest.raises(ValidationError):
        services.attendance_record(
            user=trainer, session=session, day=dt.date(2026, 11, 12), present=set()
        )


def test_only_trainers_take_attendance(caseworker, session):
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            user=caseworker, session=session, day=session.starts_on, present=set()
        )


def test_the_sheet_page_ticks_and_saves(client, trainer, session):
    there, away = _enrol(trainer, session, "ບຸນມີ"), _enrol(trainer, session, "ຄຳປອນ")
    client.force_login(trainer)
    url = reverse("training:attendance", args=[session.pk])
    page = client.get(url, {"day": "2026-11-11"})
    assert page.context["day"] == dt.date(2026, 11, 11)
    assert not any(present for _e, present in page.context["rows"])  # no sheet yet: none ticked
    saved = client.post(url + "?day=2026-11-11", {"present": [str(there.pk)]})
    assert saved.status_code == 302
    page = client.get(url, {"day": "2026-11-11"})
    assert {e.pk: p for e, p in page.context["rows"]} == {there.pk: True, away.pk: False}
    assert client.get(url, {"day": "not-a-day"}).context["day"] == session.starts_on
