"""The referral factories make valid records whose links respect the referral's rules; the
`referred_case()` world is the one the services build."""

import pytest

from pokpong.accounts.policy import can_view_case, can_view_person, sees_case_through_referral_only
from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.cases.services import consent_allows
from pokpong.cases.tests.factories import CaseFactory, ConsentFactory
from pokpong.core.models import AccessGrant
from pokpong.referrals.models import ReferralStatus
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ReferralFactory,
    ReturnPlanFactory,
    ServiceDeliveryFactory,
    ServiceOfferFactory,
    ServiceTypeFactory,
    consented_case,
    referred_case,
)

pytestmark = pytest.mark.django_db


def _grants(referral):
    return AccessGrant.objects.filter(
        grantee_organisation=referral.to_organisation, revoked_at__isnull=True
    )


def test_a_referral_goes_from_the_case_office_to_another_organisation_with_consent_and_grants():
    referral = ReferralFactory()
    referral.full_clean()
    assert referral.from_organisation == referral.case.organisation
    assert referral.to_organisation != referral.from_organisation
    assert referral.requested_by.organisation == referral.case.organisation
    assert consent_allows(
        referral.case.person, purpose="share", organisation=referral.to_organisation
    )
    grants = _grants(referral)
    assert {g.record for g in grants} == {referral.case, referral.case.person}
    assert {g.expires_at for g in grants} == {referral.respond_by}  # until it is answered


def test_an_accepted_referral_is_answered_by_the_receiver_and_shares_without_expiry():
    referral = ReferralFactory(accepted=True)
    referral.full_clean()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.responded_by.organisation == referral.to_organisation
    assert {g.expires_at for g in _grants(referral)} == {None}


def test_a_referral_keeps_an_existing_consent_and_can_leave_consent_and_grants_out():
    case = CaseFactory()
    consent = ConsentFactory(person=case.person)
    bare = ReferralFactory(case=case, consent=False, grants=False)
    assert list(case.person.consents.all()) == [consent]
    assert not _grants(bare).exists()
    ended = ReferralFactory(status=ReferralStatus.DECLINED)
    assert not _grants(ended).exists()


def test_services_a_return_plan_and_follow_ups_are_valid_and_consistent():
    referral = ReferralFactory(accepted=True)
    referred = ServiceDeliveryFactory(referral=referral)
    in_house = ServiceDeliveryFactory()
    plan = ReturnPlanFactory()
    visit = FollowUpVisitFactory()
    for record in (referred, in_house, plan, visit, ServiceTypeFactory()):
        record.full_clean()
    assert (referred.case, referred.provider) == (referral.case, referral.to_organisation)
    assert referred.recorded_by.organisation == referral.to_organisation
    assert in_house.provider == in_house.case.organisation
    assert plan.province == plan.case.province


def test_an_offer_of_the_directory_serves_its_organisation_province():
    offer = ServiceOfferFactory()
    offer.full_clean()
    assert list(offer.provinces.all()) == [offer.organisation.province]


def test_a_consented_case_shares_with_the_organisations_named_only():
    shelter, hospital = OrganisationFactory(), OrganisationFactory()
    case = consented_case(share_with=[shelter])
    case.full_clean()
    assert case.person.consents.get().for_services
    assert consent_allows(case.person, purpose="share", organisation=shelter)
    assert not consent_allows(case.person, purpose="share", organisation=hospital)


@pytest.mark.parametrize("accepted", [False, True])
def test_referred_case_builds_the_world_through_the_services(accepted):
    referral = referred_case(accepted=accepted)
    case = referral.case
    expected = ReferralStatus.ACCEPTED if accepted else ReferralStatus.REQUESTED
    assert referral.status == expected
    assert referral.from_organisation == case.organisation
    assert consent_allows(case.person, purpose="share", organisation=referral.to_organisation)
    assert _grants(referral).count() == 2
    receiver = referral.responded_by if accepted else None
    if receiver is not None:
        assert receiver.organisation == referral.to_organisation
        assert can_view_case(receiver, case) and can_view_person(receiver, case.person)
        assert sees_case_through_referral_only(receiver, case)
