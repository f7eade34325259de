"""The place helpers pick seeded records; the village factory makes a valid new one."""

import pytest

from pokpong.places.tests.factories import CHAMPASAK, VillageFactory, country, district, province

pytestmark = pytest.mark.django_db


def test_the_helpers_pick_the_seeded_places():
    assert province().iso_code == "LA-SV"
    assert district(CHAMPASAK).province == province(CHAMPASAK)
    assert country().alpha2 == "TH"


def test_a_village_is_valid_and_lies_in_its_district():
    village = VillageFactory(district=district(CHAMPASAK))
    village.full_clean()
    assert village.district.province.iso_code == CHAMPASAK
    assert village.name_lo and village.name_en
    assert VillageFactory().name_lo != village.name_lo  # two villages never clash
