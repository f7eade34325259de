"""The people factories make valid, fictitious records held by the registering office."""

import pytest

from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.people.tests.factories import (
    ArrivalGroupFactory,
    EthnicGroupFactory,
    IdentityDocumentFactory,
    PersonAliasFactory,
    PersonFactory,
)
from pokpong.places.tests.factories import CHAMPASAK, province

pytestmark = pytest.mark.django_db


def test_a_person_is_valid_and_held_by_the_registering_office_in_its_province():
    person = PersonFactory()
    person.full_clean()
    assert person.given_name_lo and person.given_name_latin  # both scripts
    assert person.organisation == person.registered_by.organisation
    assert person.province == person.organisation.province
    elsewhere = UserFactory(organisation=OrganisationFactory(province=province(CHAMPASAK)))
    assert PersonFactory(registered_by=elsewhere).province.iso_code == CHAMPASAK


def test_an_arrival_group_is_valid_and_held_by_its_creator_office():
    group = ArrivalGroupFactory()
    group.full_clean()
    assert group.organisation == group.created_by.organisation
    assert group.province == group.organisation.province


def test_aliases_documents_and_ethnic_groups_are_valid():
    for record in (PersonAliasFactory(), IdentityDocumentFactory(), EthnicGroupFactory()):
        record.full_clean()
