"""The people factories make valid, fictitious records held by the registering office; a grant
shares a person; the duplicate-review factories make records of one manager's office."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.policy import has_grant, persons_fully_visible_to
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.matching.keys import person_tokens
from pokpong.people.models import Person
from pokpong.people.models import index as m
from pokpong.people.tests.factories import (
    AccessGrantFactory,
    ArrivalGroupFactory,
    DuplicatePairFactory,
    DuplicateReviewFactory,
    EthnicGroupFactory,
    IdentityDocumentFactory,
    MergeFactory,
    NotSamePersonFactory,
    PersonAliasFactory,
    PersonFactory,
    PersonTokenFactory,
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


def test_a_grant_shares_a_person_by_its_registering_office_with_another_organisation():
    grant = AccessGrantFactory()
    grant.full_clean()
    person = grant.record
    assert grant.granted_by == person.registered_by
    assert grant.grantee_organisation != person.organisation
    receiver = UserFactory(organisation=grant.grantee_organisation, roles=[Role.CASE_WORKER])
    assert has_grant(receiver, person)


def test_a_token_is_one_of_the_person_own_name_tokens():
    token = PersonTokenFactory()
    token.full_clean()
    assert token.token in person_tokens(token.person)


def test_a_pair_is_two_records_the_manager_who_asked_for_the_review_holds_whole():
    pair = DuplicatePairFactory()
    pair.full_clean()
    pair.review.full_clean()
    assert pair.person_a.pk < pair.person_b.pk
    manager = pair.review.requested_by
    visible = persons_fully_visible_to(manager, Person.objects.all())
    assert {pair.person_a, pair.person_b} <= set(visible)
    assert DuplicateReviewFactory().status == m.ReviewStatus.DONE


def test_a_not_same_decision_keeps_the_lower_id_first():
    decision = NotSamePersonFactory()
    decision.full_clean()
    assert decision.person_low.pk < decision.person_high.pk


def test_a_merge_is_applied_as_the_service_leaves_it():
    merge = MergeFactory()
    merge.full_clean()
    merge.merged.refresh_from_db()
    merge.kept.refresh_from_db()
    assert merge.merged.merged_into == merge.kept
    assert (merge.kept_version, merge.merged_version) == (merge.kept.version, merge.merged.version)
    untouched = MergeFactory(applied=False)
    untouched.merged.refresh_from_db()
    assert untouched.merged.merged_into is None
