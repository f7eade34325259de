"""The prevention factories make valid records held by the office that made them."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.models import AccessGrant
from pokpong.core.policy import can_view_person
from pokpong.prevention.models import CallOutcome
from pokpong.prevention.risk import risk_level
from pokpong.prevention.services import receiving_offices
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    CallReferralFactory,
    HotlineCallFactory,
    RiskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def test_an_activity_and_an_assessment_are_valid_and_held_by_the_office_in_its_province():
    activity = AwarenessActivityFactory()
    assessment = RiskAssessmentFactory()
    for record, user in ((activity, activity.recorded_by), (assessment, assessment.assessed_by)):
        record.full_clean()
        assert record.organisation == user.organisation
        assert record.province == record.organisation.province
    assert activity.reached == 64
    assert assessment.risk_level == risk_level(assessment.score)


def test_a_call_is_valid_and_a_potential_case_registers_the_person_at_the_hotline():
    call = HotlineCallFactory()
    call.full_clean()
    assert call.organisation == call.taken_by.organisation
    assert call.person is None
    potential = HotlineCallFactory(potential_case=True)
    potential.full_clean()
    assert potential.outcome == CallOutcome.POTENTIAL_CASE
    assert potential.person.organisation == potential.organisation
    assert potential.person.registered_by == potential.taken_by


def test_a_call_referral_goes_to_a_welfare_office_of_the_person_province_which_sees_the_person():
    referral = CallReferralFactory()
    referral.full_clean()
    person = referral.call.person
    assert referral.requested_by == referral.call.taken_by
    assert referral.to_organisation in receiving_offices()
    assert referral.to_organisation.province == person.province
    grant = AccessGrant.objects.get(grantee_organisation=referral.to_organisation)
    assert (grant.record, grant.expires_at) == (person, referral.respond_by)
    office = UserFactory(organisation=referral.to_organisation, roles=[Role.CASE_WORKER])
    assert can_view_person(office, person)
