"""The duplicate check must not tell anybody what lies beyond their scope (security #13)."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditEntry
from pokpong.people import matching_seam
from pokpong.people.services import PersonDetails, person_register
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db

URL = "people:duplicate_check"


@pytest.fixture
def hidden_person(caseworker):
    """Registered in Savannakhet: beyond the scope of a Champasak case worker."""
    return person_register(
        user=caseworker,
        details=PersonDetails(
            given_name_latin="Souksavanh",
            family_name_latin="Phommachanh",
            sex="female",
            birth_year=1998,
        ),
    )


@pytest.fixture
def far(db):
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    return UserFactory(organisation=org, roles=[Role.CASE_WORKER], preferred_language="en")


def _check(client, **data):
    return client.get(reverse(URL), data, headers={"HX-Request": "true"})


@pytest.mark.parametrize(
    "probe",
    [
        {"given_name_latin": "Souksavanh", "family_name_latin": "Phommachanh"},
        {
            "given_name_latin": "Souksavanh",
            "family_name_latin": "Phommachanh",
            "birth_year": "1998",
            "sex": "female",
        },
        {
            "given_name_latin": "Souksavanh",
            "family_name_latin": "Phommachanh",
            "birth_year": "1960",
            "sex": "male",
        },
        {"given_name_latin": "Suksavan", "family_name_latin": "Phommachan"},
    ],
)
def test_probing_an_out_of_scope_person_answers_as_for_nobody(client, far, hidden_person, probe):
    client.force_login(far)
    nobody = _check(client, given_name_latin="Xaiyaphone", family_name_latin="Keomany")
    answer = _check(client, **probe)
    assert answer.status_code == nobody.status_code == 200
    assert answer.content == nobody.content


def test_the_answer_always_points_to_the_national_secretariat_and_shows_in_scope_matches(
    client, caseworker, hidden_person
):
    caseworker.preferred_language = "en"
    caseworker.save(update_fields=["preferred_language"])
    client.force_login(caseworker)
    html = _check(client, given_name_latin="Suksavan", family_name_latin="Phommachan").content
    assert hidden_person.code in html.decode()
    nobody = _check(client, given_name_latin="Xaiyaphone").content.decode()
    assert hidden_person.code not in nobody
    hint = "ask the national secretariat"  # there whatever the names (English: see `far`)
    assert hint in html.decode() and hint in nobody


def test_each_check_is_audited_without_the_names_typed(client, far, hidden_person):
    client.force_login(far)
    _check(client, given_name_latin="Souksavanh", family_name_latin="Phommachanh")
    entry = AuditEntry.objects.get(object_type=matching_seam.AUDIT_TYPE)
    assert entry.actor == far
    assert entry.extra["shown"] == []
    assert "Souksavanh" not in str(entry.extra) + str(entry.changes)


def test_beyond_the_limit_the_check_is_refused_politely(client, far, monkeypatch):
    monkeypatch.setattr(matching_seam, "CHECKS_PER_MINUTE", 3)
    client.force_login(far)
    for _ in range(3):
        assert _check(client, given_name_latin="Noy").status_code == 200
    refused = _check(client, given_name_latin="Noy")
    assert refused.status_code == 429
    assert "wait a minute" in refused.content.decode()
    assert AuditEntry.objects.filter(object_type=matching_seam.AUDIT_TYPE).count() == 3


def test_the_limit_counts_only_the_last_minute(client, far, monkeypatch, time_machine):
    monkeypatch.setattr(matching_seam, "CHECKS_PER_MINUTE", 1)
    client.force_login(far)
    time_machine.move_to("2026-11-20 10:00:00+07:00", tick=False)
    assert _check(client, given_name_latin="Noy").status_code == 200
    assert _check(client, given_name_latin="Noy").status_code == 429
    time_machine.move_to("2026-11-20 10:01:05+07:00", tick=False)
    assert _check(client, given_name_latin="Noy").status_code == 200


def test_an_empty_check_says_nothing_and_is_not_counted(client, far):
    client.force_login(far)
    answer = _check(client, given_name_latin="  ")
    assert answer.status_code == 200
    assert answer.content.strip() == b""
    assert not AuditEntry.objects.filter(object_type=matching_seam.AUDIT_TYPE).exists()


def test_a_hostile_birth_year_does_not_break_the_check(client, far):
    client.force_login(far)
    assert (
        _check(client, given_name_latin="Noy", birth_year="99999999999999999999").status_code == 200
    )
