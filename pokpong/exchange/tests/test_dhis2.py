"""The DHIS2 export: period codes, the dataValueSet's shape, small numbers left out, unmapped
indicators listed; the mapping page (who may change it, audited)."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.exchange.dhis2.build import dhis2_data_value_set
from pokpong.exchange.dhis2.periods import dhis2_period
from pokpong.exchange.models import Dhis2DataElement, Dhis2OrgUnit, ExportRequest, ExportStatus
from pokpong.exchange.services import export_download_get
from pokpong.monitoring.models import Indicator
from pokpong.monitoring.periods import parse
from pokpong.monitoring.tests.reports_world import SECRETS, build_world
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
MAPPING = reverse("exchange:dhis2_mapping")


def national(role: str):
    return with_totp(UserFactory(organisation=OrganisationFactory(province=None), roles=[role]))


@pytest.mark.parametrize(
    ("code", "dhis2"),
    [
        ("2026Q4", "2026Q4"),
        ("2026Q1", "2026Q1"),
        ("2026", "2026"),
        ("FY2026", "2025Oct"),  # October 2025 – September 2026: DHIS2 FinancialOct
        ("FY2026Q1", "2025Q4"),  # October – December 2025
        ("FY2026Q2", "2026Q1"),
        ("FY2027Q4", "2027Q3"),
    ],
)
def test_period_codes_in_dhis2_format(code, dhis2):
    assert dhis2_period(parse(code)) == dhis2


def map_victims() -> None:
    victims = Indicator.objects.get(code="CUSTOM-1")
    Dhis2OrgUnit.objects.create(province=None, code="LA_NATIONAL")
    Dhis2OrgUnit.objects.create(province=Province.objects.get(iso_code="LA-VT"), code="LA_VT")
    Dhis2DataElement.objects.create(indicator=victims, data_element="TIP_VICTIMS")
    for row, combo in (("female", "SEX_F"), ("male", "SEX_M")):
        Dhis2DataElement.objects.create(
            indicator=victims,
            dimension="sex",
            row=row,
            data_element="TIP_VICTIMS_SEX",
            category_option_combo=combo,
        )
    Dhis2DataElement.objects.create(
        indicator=victims, dimension="age_group", row="adult", data_element="TIP_ADULT"
    )


def test_the_data_value_set_has_the_mapped_values_and_leaves_small_numbers_out():
    build_world()  # 2026Q4: 9 victims in Vientiane Capital, 7 women and 2 men
    map_victims()
    result = dhis2_data_value_set(parse("2026Q4"))
    payload = result.payload
    assert payload["period"] == "2026Q4"
    assert payload["dataElementIdScheme"] == payload["orgUnitIdScheme"] == "CODE"
    values = {(v["orgUnit"], v["dataElement"], v.get("categoryOptionCombo")): v["value"]
              for v in payload["dataValues"]}  # fmt: skip
    assert values == {
        ("LA_NATIONAL", "TIP_VICTIMS", None): "9",
        ("LA_VT", "TIP_VICTIMS", None): "9",
        ("LA_NATIONAL", "TIP_ADULT", None): "9",
        ("LA_VT", "TIP_ADULT", None): "9",
    }
    for value in payload["dataValues"]:
        assert set(value) <= {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}
        assert value["period"] == "2026Q4"
        assert isinstance(value["value"], str)
    # the 2 men are a small number, and the 7 women would give them away: both left out
    assert result.suppressed == 4
    assert "CUSTOM-1" not in result.unmapped
    assert "PS.5.1-28" in result.unmapped


def test_a_fiscal_year_is_sent_as_financial_october():
    build_world()
    map_victims()
    payload = dhis2_data_value_set(parse("FY2026")).payload
    assert payload["period"] == "2025Oct"
    assert {v["period"] for v in payload["dataValues"]} <= {"2025Oct"}


def test_asked_for_on_the_page_and_downloaded_as_json(client, django_capture_on_commit_callbacks):
    world = build_world()
    map_victims()
    manager = national(Role.NATIONAL_SECRETARIAT)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange:export_new", args=["dhis2"]), {"period": "2026Q4"})
    assert response.status_code == 302
    export = ExportRequest.objects.get()
    assert export.status == ExportStatus.DONE
    assert export.parameters == {"period": "2026Q4"}
    download = client.get(reverse("exchange:export_download", args=[export.pk]))
    assert download["Content-Type"] == "application/json"
    payload = json.loads(download.content)
    assert len(payload["dataValues"]) == 4
    for secret in SECRETS:
        assert secret not in download.content.decode()
    with translation.override("lo"):
        page = client.get(reverse("exchange:exports")).content.decode()
    assert "PS.5.1-28" in page  # the unmapped indicators are listed
    _, content = export_download_get(user=manager, pk=export.pk)
    assert content == download.content
    assert world.vientiane.iso_code == "LA-VT"


def test_an_unknown_period_is_refused(client):
    client.force_login(national(Role.ME_OFFICER))
    url = reverse("exchange:export_new", args=["dhis2"])
    assert client.post(url, {"period": "2026Q9"}).status_code == 400
    assert client.post(url, {"period": "<script>"}).status_code == 400
    assert not ExportRequest.objects.exists()


# --- the mapping page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.ME_OFFICER, 200),
        (Role.NATIONAL_SECRETARIAT, 200),
        (Role.CASE_WORKER, 404),
        (Role.PROVINCIAL_MANAGER, 404),
    ],
)
def test_the_mapping_page_is_for_national_administrators_and_me_managers(client, role, status):
    client.force_login(national(role))
    assert client.get(MAPPING).status_code == status


def test_a_provincial_administrator_may_not_map(client):
    savannakhet = Province.objects.get(iso_code="LA-SV")
    user = with_totp(UserFactory(organisation=OrganisationFactory(province=savannakhet)))
    from pokpong.accounts.services import role_assign

    role_assign(user=user, role=Role.ADMINISTRATOR, province=savannakhet)
    client.force_login(user)
    assert client.get(MAPPING).status_code == 404


def test_mapping_a_province_and_an_indicator_row_audited(client):
    admin = national(Role.ADMINISTRATOR)
    client.force_login(admin)
    vientiane = Province.objects.get(iso_code="LA-VT")
    response = client.post(
        MAPPING, {"form": "org_unit", "unit-province": vientiane.pk, "unit-code": "LA_VT"}
    )
    assert response.status_code == 302
    victims = Indicator.objects.get(code="CUSTOM-1")
    response = client.post(
        MAPPING,
        {
            "form": "element",
            "element-indicator": victims.pk,
            "element-dimension": "sex",
            "element-row": "female",
            "element-data_element": "TIP_VICTIMS",
            "element-category_option_combo": "SEX_F",
        },
    )
    assert response.status_code == 302
    element = Dhis2DataElement.objects.get()
    assert (element.dimension, element.row, element.category_option_combo) == (
        "sex", "female", "SEX_F"
    )  # fmt: skip
    assert Dhis2OrgUnit.objects.get().code == "LA_VT"
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.CREATE, object_type__startswith="exchange.dhis2"
        ).count()
        == 2
    )
    client.post(MAPPING, {"delete_element": element.pk})
    assert not Dhis2DataElement.objects.exists()
    with translation.override("lo"):
        page = client.get(MAPPING)
    assert "LA_VT" in page.content.decode()


def test_bad_mapping_input_answers_400_never_500(client):
    client.force_login(national(Role.ADMINISTRATOR))
    Dhis2OrgUnit.objects.create(province=None, code="LA")
    vientiane = Province.objects.get(iso_code="LA-VT")
    bad = [
        {"form": "org_unit", "unit-code": "has space"},
        {"form": "org_unit", "unit-province": vientiane.pk, "unit-code": "LA"},  # taken
        {"form": "org_unit", "unit-province": "999999", "unit-code": "X"},
        {"form": "org_unit", "unit-province": "99999999999999999999999", "unit-code": "X"},
        {"form": "org_unit", "unit-province": "\x00", "unit-code": "X"},
        {"form": "element", "element-indicator": "x", "element-data_element": "DE"},
        {"form": "element", "element-indicator": Indicator.objects.first().pk,
         "element-dimension": "sex", "element-row": "", "element-data_element": "DE"},
    ]  # fmt: skip
    for data in bad:
        assert client.post(MAPPING, data).status_code == 400, data
    for value in ("abc", "²", "99999999999999999999999", "\x00", ""):
        assert client.post(MAPPING, {"delete_org_unit": value}).status_code == 302, value
    assert Dhis2OrgUnit.objects.count() == 1
