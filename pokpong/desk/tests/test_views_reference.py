"""Administrators edit the reference lists; nobody else reaches them; entries in use survive."""

from typing import Any

import pytest
from django.forms import Form, ModelChoiceField
from django.urls import reverse

from pokpong.accounts.models import OrganisationType
from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.core.forms import typed_field
from pokpong.places.models import District, Province, Village

pytestmark = pytest.mark.django_db

LIST_URL = reverse("desk:reference_list", args=["districts"])


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["outsider", "caseworker"])
def test_users_without_the_administrator_role_get_not_found(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("desk:reference_index")).status_code == 404
    assert client.get(LIST_URL).status_code == 404
    district = District.objects.first()
    url = reverse("desk:reference_toggle", args=["districts", district.pk])
    assert client.post(url).status_code == 404
    district.refresh_from_db()
    assert district.is_active


def test_an_unknown_list_is_not_found_even_for_administrators(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("desk:reference_list", args=["secrets"])).status_code == 404


def test_administrators_see_every_list(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("desk:reference_index")).content.decode()
    for slug in [
        "districts",
        "villages",
        "countries",
        "forms-of-trafficking",
        "service-types",
        "organisation-types",
    ]:
        assert reverse("desk:reference_list", args=[slug]) in html


def test_search_finds_districts_by_lao_or_english_name(client, administrator):
    client.force_login(administrator)
    html = client.get(LIST_URL, {"q": "Xaythany"}).content.decode()
    assert "ໄຊທານີ" in html
    assert "Chanthabuly" not in html
    html = client.get(LIST_URL, {"q": "ຈັນທະບູລີ"}).content.decode()
    assert "Chanthabuly" in html


def test_the_htmx_search_returns_only_the_rows_fragment(client, administrator):
    client.force_login(administrator)
    response = client.get(LIST_URL, {"q": "Xaythany"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="rows">')
    assert "<html" not in html


def test_an_administrator_adds_a_village(client, administrator):
    client.force_login(administrator)
    district = District.objects.get(code="1301")
    response = client.post(
        reverse("desk:reference_create", args=["villages"]),
        {"district": district.pk, "name_lo": "ບ້ານນາໂພ", "name_en": "Naphor"},
    )
    assert response.status_code == 302
    village = Village.objects.get(name_lo="ບ້ານນາໂພ")
    assert village.district == district
    assert village.is_active


def test_a_rejected_entry_keeps_what_was_typed_and_says_what_is_wrong(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("desk:reference_create", args=["districts"]),
        {
            "code": "0101",
            "province": Province.objects.get(iso_code="LA-VT").pk,
            "name_lo": "ເມືອງໃໝ່",
            "name_en": "Muang Mai",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Muang Mai"' in html
    assert 'class="error"' in html
    assert not District.objects.filter(name_en="Muang Mai").exists()


def test_an_unused_entry_is_deleted(client, administrator):
    client.force_login(administrator)
    village = Village.objects.create(district=District.objects.first(), name_lo="ບ້ານທົດລອງ")
    client.post(reverse("desk:reference_delete", args=["villages", village.pk]))
    assert not Village.objects.filter(pk=village.pk).exists()


def test_an_entry_in_use_is_deactivated_instead_of_deleted(client, administrator):
    client.force_login(administrator)
    ngo = OrganisationType.objects.get(code="ngo")
    OrganisationFactory(type=ngo)
    response = client.post(
        reverse("desk:reference_delete", args=["organisation-types", ngo.pk]), follow=True
    )
    ngo.refresh_from_db()
    assert not ngo.is_active
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_deactivating_and_reactivating_an_entry(client, administrator):
    client.force_login(administrator)
    district = District.objects.get(code="1301")
    url = reverse("desk:reference_toggle", args=["districts", district.pk])
    client.post(url)
    district.refresh_from_db()
    assert not district.is_active
    client.post(url)
    district.refresh_from_db()
    assert district.is_active


def test_the_list_page_costs_the_same_queries_for_one_row_or_fifty(client, administrator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(administrator)
    client.get(LIST_URL)  # the first request of a session records the session once
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(LIST_URL, {"q": "Xaythany"}).status_code == 200
    with CaptureQueriesContext(connection) as fifty_rows:
        assert client.get(LIST_URL).status_code == 200
    assert len(fifty_rows) == len(one_row)


def test_districts_are_listed_by_province_then_in_lao_alphabetical_order(client, administrator):
    """ໄຊທານີ sorts with ຊ (before ນ and ຫ), although ໄ comes after every consonant in
    Unicode; ສີໂຄດ before ສີສັດ (ໂຄ sorts with ຄ)."""
    client.force_login(administrator)
    rows = client.get(LIST_URL).context["page"].object_list
    capital = [d.name_lo for d in rows if d.province.national_code == "01"]
    assert capital == [  # the alphabet: ກ ຂ ຄ ງ ຈ ສ ຊ ຍ ດ ຕ ຖ ທ ນ ບ ປ … ຫ ອ ຮ
        "ຈັນທະບູລີ",
        "ສັງທອງ",
        "ສີໂຄດຕະບອງ",
        "ສີສັດຕະນາກ",
        "ໄຊເສດຖາ",
        "ໄຊທານີ",
        "ນາຊາຍທອງ",
        "ປາກງື່ມ",
        "ຫາດຊາຍຟອງ",
    ]
    assert rows[len(capital)].province.national_code == "02"


def _district_choices(form: Form) -> list[Any]:
    field = typed_field(form, "district", ModelChoiceField)
    return list(field.choices)  # type: ignore[arg-type]  # grouped choices: iterable at run time


def test_district_choices_are_grouped_by_province_in_lao_order():
    from django.utils import translation

    from pokpong.prevention.forms import ActivityForm

    with translation.override("lo"):
        choices = _district_choices(ActivityForm())
    assert choices[0][0] == ""  # no district
    groups = [label for label, _options in choices[1:]]
    assert groups[0] == str(Province.objects.get(national_code="01").name_lo)
    capital = [label for _pk, label in choices[1][1]]
    assert capital.index("ໄຊເສດຖາ") < capital.index("ຫາດຊາຍຟອງ")
    assert capital[0] == "ຈັນທະບູລີ"
    with translation.override("en"):
        english = [label for _pk, label in _district_choices(ActivityForm())[1][1]]
    assert english == sorted(english, key=str.casefold)
