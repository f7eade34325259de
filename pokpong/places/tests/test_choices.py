"""Country and district choices: common countries first, a filter box, districts of a province."""

from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from pokpong.core.forms import (
    PinnedChoiceField,
    PlaceChoiceField,
    places_within_check,
    typed_field,
)
from pokpong.places.forms import country_field
from pokpong.places.models import Country, District, Province

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    country = country_field(label="Country", required=False)
    province = forms.ModelChoiceField(queryset=Province.objects.all(), required=False)
    district = PlaceChoiceField(queryset=District.objects.all(), required=False, within="province")

    def clean(self):
        data = super().clean() or {}
        places_within_check(self)
        return data


def test_the_neighbours_and_destinations_come_first_then_every_country_by_name():
    field = typed_field(_Form(), "country", PinnedChoiceField)
    with translation.override("lo"):
        choices: list[Any] = list(field.iterator(field))
    (_empty, _), (common, pinned), (everything, others) = choices
    assert str(common) == "ປະເທດໃກ້ຄຽງ ແລະ ປາຍທາງຫຼັກ" and str(everything) == "ທຸກປະເທດ"
    assert [label for _value, label in pinned][:5] == ["ລາວ", "ໄທ", "ຈີນ", "ຫວຽດນາມ", "ກຳປູເຈຍ"]
    assert "ໄທ" not in [label for _value, label in others]  # listed once
    assert len(pinned) + len(others) == Country.objects.filter(is_active=True).count()


def test_the_country_select_carries_the_filter_and_the_english_names_to_match():
    with translation.override("lo"):
        html = str(_Form()["country"])
    assert 'data-filter="ພິມເພື່ອຄົ້ນຫາໃນລາຍການ"' in html
    assert 'data-search="Thailand TH"' in html
    assert len(html.encode()) < 40_000  # ~250 options, compact
    assert "<optgroup" in html


def test_a_district_outside_the_chosen_province_is_refused():
    vientiane = Province.objects.get(iso_code="LA-VT")
    savannakhet = Province.objects.get(iso_code="LA-SV")
    district = District.objects.filter(province=savannakhet).first()
    wrong = _Form({"province": vientiane.pk, "district": district.pk})
    assert not wrong.is_valid() and "district" in wrong.errors
    right = _Form({"province": savannakhet.pk, "district": district.pk})
    assert right.is_valid(), right.errors
    assert 'data-within="province"' in str(right["district"])


def _options(html: str) -> list[str]:
    import re

    return re.findall(r'<option value="([^"]*)"', html)


def test_the_select_sends_the_common_countries_and_the_current_one_only():
    common = Country.objects.filter(is_active=True, sort_order__lt=100).count()
    japan, andorra = Country.objects.get(alpha2="JP"), Country.objects.get(alpha2="AD")
    html = str(_Form()["country"])
    assert len(_options(html)) == 1 + common  # the empty choice, then the common ones
    assert str(japan.pk) in _options(html) and str(andorra.pk) not in _options(html)
    assert 'data-more="/places/countries/options/"' in html
    assert 'href="?options=all#id_country"' in html
    chosen = str(_Form(initial={"country": andorra.pk})["country"])
    assert _options(chosen).count(str(andorra.pk)) == 1
    assert f'<option value="{andorra.pk}" selected data-search="Andorra AD">' in chosen


def test_any_active_country_is_accepted_though_not_sent():
    andorra = Country.objects.get(alpha2="AD")
    form = _Form({"country": andorra.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == andorra
    Country.objects.filter(pk=andorra.pk).update(is_active=False)
    assert not _Form({"country": andorra.pk}).is_valid()


def test_asked_for_the_whole_list_the_select_sends_every_active_country(rf):
    from pokpong.core.forms import show_every_option

    form = _Form()
    show_every_option(rf.get("/persons/new/", {"options": "all"}), form)
    html = str(form["country"])
    assert len(_options(html)) == 1 + Country.objects.filter(is_active=True).count()
    assert "data-more" not in html and "show-all-options" not in html
    untouched = _Form()
    show_every_option(rf.get("/persons/new/"), untouched)
    assert "data-more" in str(untouched["country"])


def test_the_other_countries_come_in_lao_order_without_the_one_already_chosen(client, caseworker):
    andorra = Country.objects.get(alpha2="AD")
    client.force_login(caseworker)
    url = reverse("places:country_options")
    with translation.override("lo"):
        page = client.get(url, {"leave_out": andorra.pk})
    others = Country.objects.filter(is_active=True, sort_order__gte=100).count()
    assert page.status_code == 200
    assert len(_options(page.text)) == others - 1
    assert str(andorra.pk) not in _options(page.text)
    assert page.text.startswith('<optgroup label="ທຸກປະເທດ">')
    assert 'data-search="Thailand TH"' not in page.text  # a common one: already on the page


def test_the_country_options_ignore_a_bad_leave_out_and_need_a_signed_in_user(client, caseworker):
    url = reverse("places:country_options")
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(caseworker)
    assert client.get(url, {"leave_out": "x'; --"}).status_code == 200
    assert client.post(url).status_code == 405


def test_the_person_form_sends_few_countries_until_asked(client, caseworker):
    client.force_login(caseworker)
    few = client.get(reverse("people:register")).text
    every = client.get(reverse("people:register"), {"options": "all"}).text
    assert few.count("<option") < every.count("<option") - 400  # two selects of ~250
