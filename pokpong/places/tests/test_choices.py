"""Country and district choices: common countries first, a filter box, districts of a province."""

from typing import Any

import pytest
from django import forms
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
