"""An access grant factory shares one record with another organisation, as the referral does."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.policy import can_view_case, has_grant
from pokpong.core.tests.factories import AccessGrantFactory
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_grant_shares_a_case_by_its_holder_with_another_organisation():
    grant = AccessGrantFactory()
    grant.full_clean()
    case = grant.record
    assert grant.granted_by == case.opened_by
    assert grant.grantee_organisation != case.organisation
    receiver = UserFactory(organisation=grant.grantee_organisation, roles=[Role.SERVICE_PROVIDER])
    assert can_view_case(receiver, case)


def test_a_grant_can_share_any_record():
    person = PersonFactory()
    grant = AccessGrantFactory(record=person)
    assert grant.granted_by == person.registered_by
    receiver = UserFactory(organisation=grant.grantee_organisation, roles=[Role.CASE_WORKER])
    assert has_grant(receiver, person)
