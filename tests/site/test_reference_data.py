"""Reference data is loaded by migration from the files in pokpong/places/data."""

import pytest
from django.utils import translation

from pokpong.accounts.models import OrganisationType
from pokpong.cases.models import CtdcExploitFlag, FormOfTrafficking
from pokpong.places.models import Country, District, Province
from pokpong.referrals.models import ServiceType

pytestmark = pytest.mark.django_db


def test_the_18_provinces_are_loaded_with_iso_codes_and_lao_names():
    assert Province.objects.count() == 18
    savannakhet = Province.objects.get(iso_code="LA-SV")
    assert savannakhet.name_lo == "ສະຫວັນນະເຂດ"
    assert savannakhet.national_code == "13"
    assert savannakhet.short_code == "SV"
    assert set(Province.objects.values_list("iso_code", flat=True)) >= {
        "LA-VT",
        "LA-VI",
        "LA-CH",
        "LA-SL",
        "LA-XS",
    }


def test_vientiane_capital_and_vientiane_province_are_told_apart():
    capital = Province.objects.get(iso_code="LA-VT")
    province = Province.objects.get(iso_code="LA-VI")
    assert capital.name_en == "Vientiane Capital"
    assert province.name_en == "Vientiane Province"
    assert capital.name_lo != province.name_lo


def test_districts_are_an_editable_list_belonging_to_their_province():
    assert District.objects.count() == 148
    chanthabuly = District.objects.get(code="0101")
    assert chanthabuly.province.iso_code == "LA-VT"
    assert chanthabuly.name_lo == "ຈັນທະບູລີ"
    assert not District.objects.filter(is_verified=True).exists()  # source unverified
    assert District.objects.filter(province__iso_code="LA-SV").count() == 15


def test_countries_follow_iso_3166_with_lao_names_for_neighbours_and_destinations():
    assert Country.objects.count() >= 249
    for code in ["TH", "CN", "VN", "KH", "MM", "MY", "LA"]:
        assert Country.objects.get(alpha2=code).name_lo, code
    thailand = Country.objects.get(alpha2="TH")
    assert thailand.alpha3 == "THA"
    first_seven = list(Country.objects.values_list("alpha2", flat=True)[:7])
    assert first_seven == ["LA", "TH", "CN", "VN", "KH", "MM", "MY"]


def test_every_country_of_asia_the_gulf_and_the_main_destinations_has_a_lao_name():
    asia_and_gulf = "AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK"
    more = "MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE AE"
    destinations = "AU CA DE FR GB IT NZ RU US"
    codes = f"{asia_and_gulf} {more} {destinations}".split()
    missing = Country.objects.filter(alpha2__in=codes, name_lo="")
    assert not missing.exists(), list(missing.values_list("alpha2", flat=True))
    assert Country.objects.exclude(name_lo="").count() >= 220


def test_names_follow_the_interface_language_with_english_as_fallback():
    thailand = Country.objects.get(alpha2="TH")
    pitcairn = Country.objects.get(alpha2="PN")  # a territory without a Lao name (yet)
    with translation.override("lo"):
        assert str(thailand) == "ໄທ"
        assert str(pitcairn) == "Pitcairn"
    with translation.override("en"):
        assert str(thailand) == "Thailand"


def test_forms_of_trafficking_map_to_ctdc_flags():
    scam = FormOfTrafficking.objects.get(code="forced_criminality")
    assert scam.ctdc_flag == CtdcExploitFlag.OTHER  # CTDC has no forced-criminality flag
    marriage = FormOfTrafficking.objects.get(code="forced_marriage")
    assert marriage.ctdc_flag == CtdcExploitFlag.FORCED_MARRIAGE
    fishing = FormOfTrafficking.objects.get(code="forced_labour_fishing")
    assert fishing.ctdc_labour_type == "typeOfLabourAquafarming"
    assert all(f.name_lo for f in FormOfTrafficking.objects.all())


def test_service_and_organisation_types_are_seeded_in_both_languages():
    expected_services = {
        "shelter",
        "medical",
        "psychosocial",
        "legal",
        "repatriation",
        "family_tracing",
        "education",
        "vocational_training",
        "job_placement",
        "livelihood",
    }
    assert expected_services <= set(ServiceType.objects.values_list("code", flat=True))
    expected_types = {
        "social_welfare",
        "police",
        "lwu",
        "shelter",
        "health",
        "legal_aid",
        "ngo",
        "international",
        "donor",
    }
    assert expected_types <= set(OrganisationType.objects.values_list("code", flat=True))
    assert not ServiceType.objects.filter(name_lo="").exists()
