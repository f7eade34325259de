"""Persons, cases and a person's records through the API: scoped as the pages, paginated by
cursor, filtered by updated_since, written through the pages' forms with versions, audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.api.tests.factories import bearer, personal_token
from pokpong.cases.models import Case
from pokpong.cases.tests.factories import (
    CaseFactory,
    ConsentFactory,
    IdentificationFactory,
    ScreeningFactory,
)
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.models import Person
from pokpong.people.selectors import person_list_for_user
from pokpong.people.tests.factories import AccessGrantFactory, PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return UserFactory(username="noy", roles=[Role.CASE_WORKER])


@pytest.fixture
def token(worker):
    return personal_token(worker)


def _json(client, name, token, *, method="get", data=None, pk=None, **extra):
    url = reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)
    send = getattr(client, method)
    if method == "get":
        return send(url, data or {}, **bearer(token), **extra)
    return send(url, data or {}, content_type="application/json", **bearer(token), **extra)


def test_the_person_list_holds_exactly_what_the_person_pages_show(client, worker, token):
    mine = PersonFactory.create_batch(3, registered_by=worker)
    champasak_office = OrganisationFactory(province=province(CHAMPASAK))
    elsewhere = UserFactory(organisation=champasak_office, roles=[Role.CASE_WORKER])
    PersonFactory(registered_by=elsewhere)
    response = _json(client, "persons_list", token)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {p.pk for p in mine}
    assert ids == set(person_list_for_user(user=worker).values_list("pk", flat=True))


def test_a_person_of_another_office_answers_the_404_of_a_missing_one(client, worker, token):
    champasak_office = OrganisationFactory(province=province(CHAMPASAK))
    elsewhere = UserFactory(organisation=champasak_office, roles=[Role.CASE_WORKER])
    theirs = PersonFactory(registered_by=elsewhere)
    hidden = _json(client, "persons_detail", token, pk=theirs.pk)
    missing = _json(client, "persons_detail", token, pk=2_147_483_647)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_a_role_without_persons_gets_the_404_of_the_pages(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    response = _json(client, "persons_list", personal_token(trainer))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_every_person_shown_is_audited_with_the_tokens_name(client, worker, token):
    people = PersonFactory.create_batch(2, registered_by=worker)
    _json(client, "persons_list", token)
    views = AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="people.person")
    assert {e.object_id for e in views} == {str(p.pk) for p in people}
    for entry in views:
        assert entry.actor == worker
        assert entry.extra["via"] == f"api-token:tablet ({token.token.prefix})"
        assert "phone" in entry.extra["fields"]


def test_the_cursor_walks_every_person_once(client, worker, token):
    people = PersonFactory.create_batch(5, registered_by=worker)
    seen, url = [], reverse("api:persons_list") + "?page_size=2"
    while url:
        page = client.get(url, **bearer(token)).json()
        assert len(page["results"]) <= 2
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(p.pk for p in people)
    assert len(seen) == len(set(seen))


def test_a_bad_cursor_is_a_field_error(client, token):
    response = _json(client, "persons_list", token, data={"cursor": "nonsense"})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_updated_since_lists_only_what_changed(client, worker, token):
    old, new = PersonFactory.create_batch(2, registered_by=worker)
    long_ago = timezone.now() - dt.timedelta(days=3)
    Person.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    response = _json(client, "persons_list", token, data={"updated_since": since})
    assert [row["id"] for row in response.json()["results"]] == [new.pk]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00Z", "0001-01-01T00:00:00"])
def test_a_bad_updated_since_is_a_field_error(client, token, value):
    response = _json(client, "persons_list", token, data={"updated_since": value})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["updated_since"]


def test_registering_a_person_goes_through_the_person_form(client, worker, token):
    response = _json(
        client,
        "persons_list",
        token,
        method="post",
        data={"given_name_lo": "ນ້ອຍ", "sex": "female", "birth_year": 2004, "languages": ["lo"]},
    )
    assert response.status_code == 201, response.json()
    person = Person.objects.get(pk=response.json()["id"])
    assert person.registered_by == worker
    assert person.given_name_lo == "ນ້ອຍ"
    assert response.json()["version"] == 1


def test_field_errors_come_in_lao_from_the_pages_form(client, token):
    response = _json(client, "persons_list", token, method="post", data={"birth_year": 1800})
    assert response.status_code == 400
    error = response.json()["error"]
    with translation.override("lo"):
        assert error["fields"]["sex"] == [gettext("Choose the person's sex.")]
        assert (
            gettext("Give at least one name, in Lao or Latin script.")
            in (error["fields"]["non_field_errors"])
        )
    assert "birth_year" in error["fields"]
    assert error["code"] == "invalid"


def test_field_errors_come_in_english_when_asked(client, token):
    response = _json(
        client, "persons_list", token, method="post", data={}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["error"]["fields"]["sex"] == ["Choose the person's sex."]


@pytest.mark.parametrize(
    "body",
    [
        [1, 2],
        '"text"',
        {"given_name_lo": {"a": 1}},
        {"languages": 3},
        '{"sex": "male", "given_name_lo": "\\ud800"}',  # a lone surrogate: no UTF-8 for it
    ],
)
def test_a_body_of_the_wrong_shape_is_refused_before_the_form(client, token, body):
    response = _json(client, "persons_list", token, method="post", data=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_a_change_with_the_current_version_is_saved_and_bumps_it(client, worker, token):
    person = PersonFactory(registered_by=worker)
    response = _json(
        client,
        "persons_detail",
        token,
        method="patch",
        pk=person.pk,
        data={"version": person.version, "phone": "020 5555 1234"},
    )
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert person.phone == "020 5555 1234"
    assert person.given_name_lo == "ສຸກສະຫວັນ"  # a PATCH keeps what was not sent
    assert response.json()["version"] == person.version == 2


def test_a_change_with_a_stale_version_gets_409_and_writes_nothing(client, worker, token):
    person = PersonFactory(registered_by=worker)
    Person.objects.filter(pk=person.pk).update(version=3)
    response = _json(
        client,
        "persons_detail",
        token,
        method="patch",
        pk=person.pk,
        data={"version": 2, "phone": "020 1111 2222"},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    person.refresh_from_db()
    assert person.phone == ""


def test_a_change_without_a_version_is_a_field_error(client, worker, token):
    person = PersonFactory(registered_by=worker)
    response = _json(
        client, "persons_detail", token, method="patch", pk=person.pk, data={"phone": "1"}
    )
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]


def test_a_read_token_cannot_register_a_person(client, worker):
    read = personal_token(worker, access="read")
    response = _json(client, "persons_list", read, method="post", data={"sex": "male"})
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_a_referral_receiver_sees_the_consented_part_of_a_person_only(client, worker):
    person = PersonFactory(registered_by=worker, phone="020 5555 0000")
    shelter = OrganisationFactory(province=province(CHAMPASAK))
    provider = UserFactory(organisation=shelter, roles=[Role.SERVICE_PROVIDER])
    AccessGrantFactory(record=person, grantee_organisation=shelter, granted_by=worker)
    response = _json(client, "persons_detail", personal_token(provider), pk=person.pk)
    assert response.status_code == 200
    data = response.json()
    assert data["given_name_lo"] == "ສຸກສະຫວັນ"
    assert "phone" not in data
    assert "documents" not in data
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.extra["fields"] == ["birth_date", "names"]


def test_a_case_is_opened_and_changed_through_the_case_forms(client, worker, token):
    person = PersonFactory(registered_by=worker)
    opened = _json(
        client,
        "cases_list",
        token,
        method="post",
        data={"person": person.pk, "came_to_light": "hotline", "risk_level": "low"},
    )
    assert opened.status_code == 201, opened.json()
    case = Case.objects.get(pk=opened.json()["id"])
    assert case.person == person and case.caseworker == worker
    stale = _json(
        client,
        "cases_detail",
        token,
        method="patch",
        pk=case.pk,
        data={"version": case.version + 1, "risk_level": "medium"},
    )
    assert stale.status_code == 409
    changed = _json(
        client,
        "cases_detail",
        token,
        method="patch",
        pk=case.pk,
        data={"version": case.version, "risk_level": "high"},
    )
    assert changed.status_code == 400
    with translation.override("lo"):
        assert changed.json()["error"]["fields"]["risk_reason"] == [
            gettext("Say why the risk is high.")
        ]
    changed = _json(
        client,
        "cases_detail",
        token,
        method="patch",
        pk=case.pk,
        data={"version": case.version, "risk_level": "high", "risk_reason": "threats"},
    )
    assert changed.status_code == 200, changed.json()
    case.refresh_from_db()
    assert case.risk_level == "high" and case.version == 2


def test_a_case_cannot_be_opened_for_a_person_out_of_reach(client, token):
    champasak_office = OrganisationFactory(province=province(CHAMPASAK))
    elsewhere = UserFactory(organisation=champasak_office, roles=[Role.CASE_WORKER])
    theirs = PersonFactory(registered_by=elsewhere)
    response = _json(
        client,
        "cases_list",
        token,
        method="post",
        data={"person": theirs.pk, "came_to_light": "hotline", "risk_level": "low"},
    )
    assert response.status_code == 400
    assert "person" in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def test_a_persons_records_are_listed_for_the_office(client, worker, token):
    person = PersonFactory(registered_by=worker)
    screening = ScreeningFactory(person=person)
    consent = ConsentFactory(person=person)
    identification = IdentificationFactory(person=person)
    CaseFactory(person=person)
    for name, record in [
        ("screenings", screening),
        ("consents", consent),
        ("identifications", identification),
    ]:
        listed = _json(client, f"{name}_list", token).json()["results"]
        assert [row["id"] for row in listed] == [record.pk], name
        one = _json(client, f"{name}_detail", token, pk=record.pk)
        assert one.json()["person"] == person.pk
    entry = AuditEntry.objects.filter(object_type="cases.screening").first()
    assert entry is not None and entry.parent_id == str(person.pk)
