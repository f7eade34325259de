import datetime as dt

import pytest

from pokpong.programme.selectors import committees_with_meetings
from pokpong.programme.tests.factories import CommitteeFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 10, 1), dt.date(2026, 12, 31)


def test_meetings_on_both_boundary_days_count():
    first = CommitteeMeetingFactory(held_on=START).committee
    last = CommitteeMeetingFactory(held_on=END).committee
    assert set(committees_with_meetings(START, END)) == {first, last}


def test_meetings_just_outside_the_period_do_not_count():
    CommitteeMeetingFactory(held_on=START - dt.timedelta(days=1))
    CommitteeMeetingFactory(held_on=END + dt.timedelta(days=1))
    assert list(committees_with_meetings(START, END)) == []


def test_a_committee_that_met_twice_is_listed_once():
    committee = CommitteeFactory()
    CommitteeMeetingFactory(committee=committee, held_on=dt.date(2026, 10, 5))
    CommitteeMeetingFactory(committee=committee, held_on=dt.date(2026, 11, 5))
    assert list(committees_with_meetings(START, END)) == [committee]
    assert committees_with_meetings(START, END).count() == 1


def test_inactive_committees_are_left_out():
    CommitteeMeetingFactory(committee=CommitteeFactory(is_active=False), held_on=START)
    assert committees_with_meetings(START, END).count() == 0


def test_a_committee_without_meetings_is_left_out():
    CommitteeFactory()
    assert committees_with_meetings(START, END).count() == 0
