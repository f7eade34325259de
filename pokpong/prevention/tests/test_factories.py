"""The prevention factories make valid records held by the office that made them."""

import pytest

from pokpong.accounts.models import Role, ScopeLevel
from pokpong.accounts.policy import can_view_person
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.models import AccessGrant
from pokpong.prevention.models import CallOutcome
from pokpong.prevention.risk import risk_level
from pokpong.prevention.services import receiving_offices
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    CallReferralFactory,
    HotlineCallFactory,
    RiskAssessmentFactory,
    national_counsellor,
    potential_case_call,
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


def test_the_national_hotline_registers_a_potential_case_in_no_province():
    counsellor = national_counsellor()
    assignment = counsellor.role_assignments.get()
    assert (assignment.role, assignment.scope) == (Role.HOTLINE_COUNSELLOR, ScopeLevel.NATIONAL)
    call = potential_case_call(counsellor, birth_year=2008)
    call.full_clean()
    assert (call.organisation, call.outcome) == (
        counsellor.organisation,
        CallOutcome.POTENTIAL_CASE,
    )
    assert call.person.organisation == counsellor.organisation
    assert call.person.province is None  # the hotline's alone until a province takes it on
    assert call.person.birth_year == 2008
