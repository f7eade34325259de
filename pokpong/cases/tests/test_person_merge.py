"""A merge of two persons (people/duplicates.py) moves their cases, screenings and consents to
the kept person, and an undo moves them back; consents keep counting for sharing."""

import datetime as dt

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases import services as case_services
from pokpong.cases.models import Case, Consent, Screening
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people import duplicates as review
from pokpong.people.tests.factories import twins_register

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def manager():
    return with_totp(UserFactory(username="manager", roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def twins(caseworker):
    return twins_register(caseworker)


def test_merge_moves_the_case_records_and_undo_restores_them(manager, caseworker, twins):
    lao, latin, _other = twins
    case = CaseFactory(person=latin)
    screening = Screening.objects.create(
        person=latin,
        form_version="short",
        screened_on=TODAY,
        answers={},
        outcome="not_indicated",
        is_child=False,
        screened_by=caseworker,
        organisation=latin.organisation,
    )
    consent = Consent.objects.create(
        person=latin,
        for_services=True,
        for_statistics=True,
        for_photo=False,
        given_by="self",
        given_on=TODAY,
        method="signed_form",
        recorded_by=caseworker,
        organisation=latin.organisation,
    )
    merge = review.persons_merge(user=manager, kept=lao, merged=latin, take_from_merged=[])
    assert Case.objects.get(pk=case.pk).person == lao
    assert Screening.objects.get(pk=screening.pk).person == lao
    assert Consent.objects.get(pk=consent.pk).person == lao
    assert merge.moved["cases.case.person"] == [case.pk]

    review.merge_undo(user=manager, merge=merge)
    assert Case.objects.get(pk=case.pk).person == latin
    assert Screening.objects.get(pk=screening.pk).person == latin
    assert Consent.objects.get(pk=consent.pk).person == latin


def test_consent_links_survive_a_merge_for_sharing(manager, caseworker, twins):
    lao, latin, _other = twins
    case_services.consent_record(
        user=caseworker,
        person=latin,
        share_with=[],
        details=case_services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=TODAY,
            method="signed_form",
        ),
    )
    review.persons_merge(user=manager, kept=lao, merged=latin, take_from_merged=[])
    assert case_services.consent_allows(lao, purpose="services")
