"""Who corrects or voids a record: the office that recorded it, within its scope."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_correct_call, can_correct_prevention
from pokpong.accounts.tests.factories import UserFactory
from pokpong.places.tests.factories import province
from pokpong.prevention.tests.factories import AwarenessActivityFactory, HotlineCallFactory

pytestmark = pytest.mark.django_db


def test_only_the_recording_office_in_scope_corrects_an_activity():
    activity = AwarenessActivityFactory()
    colleague = UserFactory(organisation=activity.organisation, roles=[Role.PREVENTION_OFFICER])
    same_province = UserFactory(
        organisation__province=activity.province, roles=[Role.PREVENTION_OFFICER]
    )
    elsewhere = UserFactory(
        organisation__province=province("LA-SL"), roles=[Role.PREVENTION_OFFICER]
    )
    no_role = UserFactory(organisation=activity.organisation)
    assert can_correct_prevention(colleague, activity)
    assert not can_correct_prevention(same_province, activity)
    assert not can_correct_prevention(elsewhere, activity)
    assert not can_correct_prevention(no_role, activity)


def test_only_the_hotline_that_took_a_call_corrects_it():
    call = HotlineCallFactory()
    other_hotline = HotlineCallFactory().taken_by
    assert can_correct_call(call.taken_by, call)
    assert not can_correct_call(other_hotline, call)
