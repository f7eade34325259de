"""The person list's filters (people), case status included, read through Person.cases."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pokpong.cases.models import CaseStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import ArrivalGroupFactory, PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


def _listed(client, **params) -> list[str]:
    page = client.get(reverse("people:list"), params).context["page"]
    return [p.given_name_latin for p in page]


@pytest.fixture
def persons(caseworker):
    year = timezone.localdate().year
    group = ArrivalGroupFactory(created_by=caseworker)
    attapeu = Province.objects.get(iso_code="LA-AT")
    made = {
        "Noy": PersonFactory(
            registered_by=caseworker,
            given_name_latin="Noy",
            given_name_lo="ນ້ອຍ",
            birth_year=year - 15,
            arrival_group=group,
        ),
        "Keo": PersonFactory(
            registered_by=caseworker,
            given_name_latin="Keo",
            given_name_lo="ແກ້ວ",
            sex="male",
            birth_year=year - 30,
            origin_province=attapeu,
        ),
        "Bua": PersonFactory(
            registered_by=caseworker,
            given_name_latin="Bua",
            given_name_lo="ບົວ",
            birth_year=None,
            arrival_group=group,
        ),
    }
    CaseFactory(person=made["Keo"], status=CaseStatus.ACTIVE)
    return {"group": group, "attapeu": attapeu, **made}


def test_each_filter_keeps_only_the_matching_persons(client, caseworker, persons):
    client.force_login(caseworker)
    assert _listed(client, sex="male") == ["Keo"]
    assert _listed(client, age="child") == ["Noy"]
    assert _listed(client, age="adult") == ["Keo"]
    assert _listed(client, age="unknown") == ["Bua"]
    assert _listed(client, origin=persons["attapeu"].pk) == ["Keo"]
    assert _listed(client, case_status="active") == ["Keo"]
    assert _listed(client, case_status="closed") == []
    assert sorted(_listed(client, case_status="none")) == ["Bua", "Noy"]


def test_a_filtered_list_is_in_lao_alphabetical_order(client, caseworker, persons):
    client.force_login(caseworker)
    assert _listed(client, group=persons["group"].pk) == ["Noy", "Bua"]  # ນ before ບ
    assert _listed(client) == ["Bua", "Keo", "Noy"]  # unfiltered: newest first


def test_a_filter_value_that_does_not_parse_is_left_out(client, caseworker, persons):
    client.force_login(caseworker)
    response = client.get(reverse("people:list"), {"group": "x\x00", "age": "old", "sex": "f"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 3


def test_another_offices_group_cannot_be_chosen(client, caseworker, persons):
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory

    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    other = UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    client.force_login(other)
    assert _listed(client, group=persons["group"].pk) == []
    assert str(persons["group"]) not in client.get(reverse("people:list")).content.decode()


def test_filters_are_kept_on_the_next_page(client, caseworker):
    client.force_login(caseworker)
    PersonFactory.create_batch(26, registered_by=caseworker, sex="male", birth_year=1990)
    page = client.get(reverse("people:list"), {"sex": "male", "age": "adult"}).content.decode()
    assert "page=2&amp;sex=male&amp;age=adult" in page
