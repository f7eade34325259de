"""Registering persons, one by one and as arrival groups; who may see them."""

from dataclasses import replace

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.models import ArrivalGroup, Person
from pokpong.people.services import PersonDetails
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Country, Province

pytestmark = pytest.mark.django_db


def _champasak_worker():
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    return UserFactory(username="worker.ch", organisation=org, roles=[Role.CASE_WORKER])


def test_a_case_worker_registers_a_person_with_lao_and_latin_names(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:register"),
        {
            "given_name_lo": "ວັນນາ",
            "family_name_lo": "ສີຫາລາດ",
            "given_name_latin": "Vanna",
            "family_name_latin": "Sihalath",
            "other_names": "Wanna Sihalat\nວັນນາ",
            "sex": "female",
            "birth_year": "໒໐໐໔",
            "phone": "໐໒໐ ໕໕໕໕ ໑໒໓໔",
            "document_type": "id_card",
            "document_number": "01-234567",
            "languages": ["lo", "th"],
        },
    )
    person = Person.objects.get()
    assert response.url == reverse("people:detail", args=[person.pk])
    assert person.given_name_lo == "ວັນນາ"
    assert person.birth_year == 2004
    assert person.birth_date_precision == "year"
    assert person.phone == "020 5555 1234"
    assert person.languages == ["lo", "th"]
    assert [a.full_name for a in person.aliases.order_by("pk")] == ["Wanna Sihalat", "ວັນນາ"]
    assert person.documents.get().number == "01-234567"
    assert person.province.iso_code == "LA-SV"  # the registering office's province
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="people.person"
    ).exists()


def test_an_estimated_age_becomes_an_estimated_birth_year(client, caseworker):
    client.force_login(caseworker)
    client.post(
        reverse("people:register"), {"given_name_latin": "Keo", "sex": "male", "age_estimate": "16"}
    )
    person = Person.objects.get()
    assert person.birth_date_precision == "estimated"
    assert person.birth_year is not None
    assert person.birth_date == ""


def test_registration_without_any_name_is_refused_and_keeps_what_was_typed(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("people:register"), {"sex": "female", "phone": "020 1"})
    assert response.status_code == 200
    assert not Person.objects.exists()
    html = response.content.decode()
    assert 'value="020 1"' in html
    assert 'role="alert"' in html


def test_a_future_birth_date_is_refused(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:register"),
        {"given_name_latin": "Noy", "sex": "female", "birth_date": "01/01/2099"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"]
    assert not Person.objects.exists()


def test_a_person_of_another_province_is_not_found(client, caseworker):
    person = PersonFactory(registered_by=caseworker)
    client.force_login(_champasak_worker())
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("cases:screening_new", args=[person.pk])).status_code == 404
    assert person.code not in client.get(reverse("people:list")).content.decode()


def test_a_service_provider_sees_only_persons_of_its_own_organisation(client, caseworker):
    person = PersonFactory(registered_by=caseworker)
    shelter = UserFactory(roles=[Role.SERVICE_PROVIDER])  # same province, other organisation
    client.force_login(shelter)
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    own = PersonFactory(registered_by=shelter)
    assert client.get(reverse("people:detail", args=[own.pk])).status_code == 200


def test_opening_a_person_is_audited_and_listed_as_an_access(client, caseworker):
    person = PersonFactory(registered_by=caseworker)
    client.force_login(caseworker)
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="people.person")
    assert entry.actor == caseworker
    assert "caseworker" in response.content.decode()  # who opened it


def test_administrators_and_trainers_cannot_reach_persons(client, caseworker, administrator):
    person = PersonFactory(registered_by=caseworker)
    for user in [
        administrator,
        UserFactory(roles=[Role.TRAINER]),
        UserFactory(roles=[Role.ME_OFFICER]),
    ]:
        client.force_login(user)
        assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
        assert client.get(reverse("people:list")).status_code == 404


def test_group_registration_records_the_arrival_once_then_each_person(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:group_create"),
        {
            "arrived_on": "20/11/2026",
            "border_point": "ດ່ານຂົວມິດຕະພາບ 2",
            "expected_count": "3",
            "returned_from": Country.objects.get(alpha2="TH").pk,
            "escorting_agency": "IOM",
        },
    )
    group = ArrivalGroup.objects.get()
    assert response.url == reverse("people:group_detail", args=[group.pk])
    for given, sex, age in [("ນ້ອຍ", "female", "17"), ("ແກ້ວ", "male", "24")]:
        client.post(
            reverse("people:group_detail", args=[group.pk]),
            {"given_name_lo": given, "sex": sex, "age_estimate": age},
        )
    persons = list(group.persons.order_by("pk"))
    assert [p.given_name_lo for p in persons] == ["ນ້ອຍ", "ແກ້ວ"]
    assert all(p.province == group.province for p in persons)
    page = client.get(reverse("people:group_detail", args=[group.pk])).content.decode()
    assert "ນ້ອຍ" in page
    assert "ແກ້ວ" in page


def test_a_rejected_quick_add_keeps_the_group_and_adds_nobody(client, caseworker):
    client.force_login(caseworker)
    client.post(
        reverse("people:group_create"),
        {
            "arrived_on": "20/11/2026",
            "border_point": "Vangtao",
            "returned_from": Country.objects.get(alpha2="KH").pk,
        },
    )
    group = ArrivalGroup.objects.get()
    response = client.post(reverse("people:group_detail", args=[group.pk]), {"sex": "female"})
    assert response.status_code == 200
    assert not group.persons.exists()


def test_the_list_costs_the_same_queries_for_one_person_or_twenty(client, caseworker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(caseworker)
    PersonFactory(registered_by=caseworker)
    client.get(reverse("people:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("people:list"))
    for _ in range(19):
        PersonFactory(registered_by=caseworker)
    with CaptureQueriesContext(connection) as twenty:
        client.get(reverse("people:list"))
    assert len(twenty) == len(one)


def test_changing_details_is_audited_without_revealing_the_names(client, caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1999)
    client.force_login(caseworker)
    form = client.get(reverse("people:edit", args=[person.pk])).context["form"]
    assert form.initial["given_name_latin"] == "Souksavanh"
    response = client.post(
        reverse("people:edit", args=[person.pk]),
        {
            "given_name_lo": "ສຸກສະຫວັນ",
            "family_name_lo": "ພົມມະຈັນ",
            "given_name_latin": "Souksavan",
            "family_name_latin": "Phommachanh",
            "sex": "female",
            "birth_year": "1999",
            "other_names": "Suksavan Phommachan",
            "version": form.initial["version"],
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.given_name_latin == "Souksavan"
    assert [a.full_name for a in person.aliases.all()] == ["Suksavan Phommachan"]
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="people.person").get()
    assert entry.changes == {"given_name_latin": "changed", "aliases": "changed"}


def test_a_person_registered_by_a_national_worker_belongs_to_no_province(client):
    national = UserFactory(organisation=OrganisationFactory(province=None))
    from pokpong.accounts.services import role_assign

    role_assign(user=national, role=Role.CASE_WORKER)
    client.force_login(national)
    response = client.post(reverse("people:register"), {"given_name_latin": "Noy", "sex": "female"})
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.organisation, person.province, person.district) == (
        national.organisation,
        None,
        None,
    )


def _edit_post(person: Person, version: int, given_name: str) -> dict[str, object]:
    return {
        "given_name_latin": given_name,
        "family_name_latin": "Phommachanh",
        "sex": "female",
        "birth_year": "1999",
        "version": version,
    }


def test_a_stale_person_edit_shows_the_other_change_and_keeps_it(client, caseworker):
    from pokpong.people.services import person_update

    person = PersonFactory(registered_by=caseworker, birth_year=1999)
    client.force_login(caseworker)
    opened_at = client.get(reverse("people:edit", args=[person.pk])).context["form"]
    opened_at = opened_at.initial["version"]
    person_update(
        user=caseworker,
        person=person,
        details=replace(PersonDetails.of(person), sex="male"),
        expected_version=person.version,
    )
    response = client.post(
        reverse("people:edit", args=[person.pk]), _edit_post(person, opened_at, "Noy")
    )
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert response.context["form"].non_field_errors()
    assert response.context["conflict"].changes["sex"] == ["female", "male"]
    person.refresh_from_db()
    assert (person.given_name_latin, person.sex) == ("Souksavanh", "male")


def test_a_person_edit_without_its_version_is_refused_not_crashed(client, caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1999)
    client.force_login(caseworker)
    for version in ("", "abc", "-1", "99999999999999999999"):
        data = _edit_post(person, 1, "Noy") | {"version": version}
        response = client.post(reverse("people:edit", args=[person.pk]), data)
        assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).given_name_latin == "Souksavanh"


def test_opening_the_edit_form_is_audited_as_a_read(client, caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1999)
    client.force_login(caseworker)
    client.get(reverse("people:edit", args=[person.pk]))
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="people.person", object_id=str(person.pk)
    ).exists()
