"""Batch duplicate review: pairs found in the manager's scope, "not the same" remembered, merge
moves every related record and undo restores them exactly."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people import duplicates as review
from pokpong.people.models import (
    DuplicatePair,
    IdentityDocument,
    NotSamePerson,
    PairStatus,
    Person,
    PersonAlias,
)
from pokpong.people.search import person_search
from pokpong.people.services import PersonDetails
from pokpong.people.tests.factories import PersonFactory, twins_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start a review and run its task (queued when the transaction commits)."""

    def run(user):
        with django_capture_on_commit_callbacks(execute=True):
            return review.review_start(user=user)

    return run


@pytest.fixture
def manager():
    return with_totp(UserFactory(username="manager", roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def twins(caseworker):
    return twins_register(caseworker)


def test_the_review_finds_the_pair_with_its_evidence(manager, twins, start):
    lao, latin, _other = twins
    started = start(manager)
    pair = DuplicatePair.objects.get(review=started)
    assert {pair.person_a, pair.person_b} == {lao, latin}
    assert pair.evidence["phone"] == "same"
    assert pair.evidence["birth_year"] == "close"
    started.refresh_from_db()
    assert started.status == "done"
    assert started.persons_scanned == 3


def test_not_the_same_person_is_remembered(manager, twins, start):
    pair = DuplicatePair.objects.get(review=start(manager))
    review.pair_not_same(user=manager, pair=pair)
    assert NotSamePerson.objects.count() == 1
    again = start(manager)
    assert not DuplicatePair.objects.filter(review=again).exists()


def test_only_managers_run_reviews_and_merge(caseworker, twins):
    with pytest.raises(PermissionDenied):
        review.review_start(user=caseworker)
    with pytest.raises(PermissionDenied):
        review.persons_merge(user=caseworker, kept=twins[0], merged=twins[1], take_from_merged=[])


def test_merge_moves_the_persons_records_and_undo_restores_them(manager, caseworker, twins):
    """People's own records here; cases, screenings, consents: cases/tests/test_person_merge.py,
    hotline calls: prevention/tests/test_call_referral.py."""
    lao, latin, _other = twins
    document = IdentityDocument.objects.create(person=latin, type="id_card", number="01-234567")
    earlier = PersonFactory(registered_by=caseworker)
    earlier.merged_into = latin  # merged into `latin` before: now leads to the kept person
    earlier.save(update_fields=["merged_into"])
    merge = review.persons_merge(
        user=manager,
        kept=lao,
        merged=latin,
        take_from_merged=["given_name_latin", "family_name_latin"],
    )
    lao.refresh_from_db()
    latin.refresh_from_db()
    assert latin.merged_into == lao
    assert IdentityDocument.objects.get(pk=document.pk).person == lao
    assert Person.objects.get(pk=earlier.pk).merged_into == lao
    assert lao.given_name_latin == "Souksavan"
    assert PersonAlias.objects.filter(person=lao).exists()
    assert latin not in [m.person for m in person_search(user=caseworker, query="Souksavan")]
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_id=str(lao.pk), extra__merged=latin.code
    ).exists()
    # The merge record keeps the kept person's old values only in encrypted form.
    assert "Souksavan" not in str(merge.kept_before) and "ສຸກ" not in str(merge.kept_before)

    review.merge_undo(user=manager, merge=merge)
    lao.refresh_from_db()
    latin.refresh_from_db()
    assert latin.merged_into is None
    assert IdentityDocument.objects.get(pk=document.pk).person == latin
    assert Person.objects.get(pk=earlier.pk).merged_into == latin
    assert lao.given_name_latin == ""
    assert not PersonAlias.objects.filter(person=lao).exists()
    found = [m.person for m in person_search(user=caseworker, query="Souksavan Phommachan")]
    assert latin in found


def test_merge_and_undo_through_the_pages(client, manager, twins, start):
    lao, latin, _other = twins
    pair = DuplicatePair.objects.get(review=start(manager))
    client.force_login(manager)
    page = client.get(reverse("people:duplicate_review"))
    assert pair in page.context["pairs"]
    assert client.get(reverse("people:duplicate_pair", args=[pair.pk])).status_code == 200
    client.post(reverse("people:duplicate_pair_merge", args=[pair.pk]), {"keep": "a"})
    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGED
    merged = Person.objects.exclude(merged_into=None).get()
    merge_pk = client.get(reverse("people:duplicate_review")).context["merges"][0].pk
    client.post(reverse("people:merge_undo", args=[merge_pk]))
    merged.refresh_from_db()
    assert merged.merged_into is None
    assert {lao.pk, latin.pk} == {pair.person_a_id, pair.person_b_id}


def test_a_case_worker_cannot_open_the_review(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("people:duplicate_review")).status_code == 404


def test_an_old_link_to_a_merged_record_leads_to_the_kept_one(client, manager, caseworker, twins):
    lao, latin, _other = twins
    review.persons_merge(user=manager, kept=lao, merged=latin, take_from_merged=[])
    client.force_login(caseworker)
    response = client.get(reverse("people:detail", args=[latin.pk]))
    assert response.status_code == 302
    assert response.url == reverse("people:detail", args=[lao.pk])


def test_an_undo_is_refused_when_the_records_changed_after_the_merge(manager, caseworker, twins):
    from django.core.exceptions import ValidationError

    from pokpong.people.services import person_update

    lao, latin, _other = twins
    merge = review.persons_merge(
        user=manager, kept=lao, merged=latin, take_from_merged=["given_name_latin"]
    )
    lao.refresh_from_db()
    person_update(
        user=caseworker,
        person=lao,
        details=replace(PersonDetails.of(lao), phone="020 7777 0000"),
        expected_version=lao.version,
    )
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="changed after the merge"),
    ):
        review.merge_undo(user=manager, merge=merge)
    lao.refresh_from_db()
    assert lao.given_name_latin == "Souksavan" and lao.phone == "020 7777 0000"
    assert Person.objects.get(pk=latin.pk).merged_into == lao


def test_an_edit_opened_before_a_merge_cannot_overwrite_it(manager, caseworker, twins):
    from pokpong.people.services import ConcurrentEdit, person_update

    lao, latin, _other = twins
    opened_at = lao.version
    review.persons_merge(user=manager, kept=lao, merged=latin, take_from_merged=["phone"])
    with pytest.raises(ConcurrentEdit):
        person_update(
            user=caseworker,
            person=lao,
            details=replace(PersonDetails.of(lao), phone=""),
            expected_version=opened_at,
        )
