"""The duplicate-review factories make valid records of one manager's office."""

import pytest

from pokpong.core.policy import persons_fully_visible_to
from pokpong.matching import models as m
from pokpong.matching.keys import person_tokens
from pokpong.matching.tests.factories import (
    DuplicatePairFactory,
    DuplicateReviewFactory,
    MergeFactory,
    NotSamePersonFactory,
    PersonTokenFactory,
)
from pokpong.people.models import Person

pytestmark = pytest.mark.django_db


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
