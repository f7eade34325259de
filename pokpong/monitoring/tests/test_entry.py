"""The catalogue page, hand-entered values, targets and the programme area."""

from typing import Any

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role, User
from pokpong.accounts.policy import (
    can_edit_programme_area,
    can_enter_indicator_values,
    can_set_indicator_targets,
    can_view_indicator_catalogue,
)
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.core.models import AuditEntry
from pokpong.monitoring import engine
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import Scope
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def me_officer() -> User:
    return UserFactory(roles=[Role.ME_OFFICER], organisation=None)


@pytest.fixture
def manager() -> User:
    return with_totp(UserFactory(roles=[Role.PROVINCIAL_MANAGER]))


def test_policy(me_officer: User, manager: User, caseworker: User, administrator: User) -> None:
    assert can_view_indicator_catalogue(me_officer)
    assert can_enter_indicator_values(me_officer)
    assert can_set_indicator_targets(me_officer)
    assert can_edit_programme_area(me_officer)
    assert can_view_indicator_catalogue(manager)  # a province's report viewer reads it
    assert not can_enter_indicator_values(manager)
    assert not can_set_indicator_targets(manager)
    assert not can_view_indicator_catalogue(caseworker)
    assert can_edit_programme_area(administrator)
    assert can_view_indicator_catalogue(administrator)
    assert not can_enter_indicator_values(administrator)


def test_the_catalogue_lists_codes_lao_names_rules_and_disaggregations(
    client: Any, me_officer: User
) -> None:
    client.force_login(me_officer)
    page = client.get(reverse("monitoring:catalogue")).content.decode()
    for indicator in Indicator.objects.all():
        assert indicator.code in page
        assert indicator.name_lo in page
    assert "victims_identified" in page
    assert "ເພດ" in page  # the sex disaggregation
    assert "ສະຫວັນນະເຂດ" in page  # the programme area


def test_the_pages_are_refused_to_others(client: Any, caseworker: User, manager: User) -> None:
    client.force_login(caseworker)
    assert client.get(reverse("monitoring:catalogue")).status_code == 404
    assert client.get(reverse("monitoring:indicator", args=["PS.5.2-23"])).status_code == 404
    client.force_login(manager)
    assert client.get(reverse("monitoring:indicator", args=["PS.5.2-23"])).status_code == 200
    url = reverse("monitoring:indicator_value", args=["PS.5.2-23"])
    response = client.post(url, {"value-period": "FY2026Q1", "value-value": "2"})
    assert response.status_code == 404
    url = reverse("monitoring:indicator_target", args=["PS.5.2-23"])
    response = client.post(url, {"target-period": "FY2026Q1", "target-value": "2"})
    assert response.status_code == 404
    assert not ManualValue.objects.exists() and not Target.objects.exists()


def test_entering_a_value_records_who_and_is_audited(client: Any, me_officer: User) -> None:
    client.force_login(me_officer)
    url = reverse("monitoring:indicator_value", args=["PS.5.2-23"])
    response = client.post(url, {"value-period": "fy2026q1", "value-value": "໒"})  # Lao digit
    assert response.status_code == 302
    value = ManualValue.objects.get()
    assert (value.period, value.province, value.value) == ("FY2026Q1", None, 2)
    assert value.entered_by == me_officer
    client.post(url, {"value-period": "FY2026Q1", "value-value": "3"})
    assert ManualValue.objects.get().value == 3  # replaced, not duplicated
    entries = AuditEntry.objects.filter(object_type="monitoring.manualvalue")
    assert [e.action for e in entries.order_by("sequence")] == ["create", "update"]
    assert entries.order_by("sequence").last().changes == {"value": [2, 3]}
    result = engine.compute("PS.5.2-23", parse("FY2026Q1"), Scope())
    assert result.total.value == 3
    assert result.entered_by == me_officer.display_name
    page = client.get(reverse("monitoring:indicator", args=["PS.5.2-23"])).content.decode()
    assert me_officer.display_name in page


@pytest.mark.parametrize(
    ("period", "value", "message"),
    [
        ("2026Q5", "1", "2026Q5"),  # not a period: the message names what was typed
        ("FY2026", "-1", 'class="error"'),
        ("FY2026", "abc", 'class="error"'),
        ("FY2026", "1" + "0" * 20, 'class="error"'),
    ],
)
def test_bad_values_are_refused_with_a_message(
    client: Any, me_officer: User, period: str, value: str, message: str
) -> None:
    client.force_login(me_officer)
    url = reverse("monitoring:indicator_value", args=["PS.5.2-23"])
    response = client.post(url, {"value-period": period, "value-value": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="error"' in response.content.decode()
    assert not ManualValue.objects.exists()


def test_population_figures_are_per_calendar_year(client: Any, me_officer: User) -> None:
    client.force_login(me_officer)
    sdg = Indicator.objects.get(rule="victims_per_100k")
    url = reverse("monitoring:indicator_value", args=[sdg.code])
    sv = Province.objects.get(iso_code="LA-SV")
    response = client.post(url, {"value-period": "FY2026", "value-value": "1000"})
    assert response.status_code == 200
    assert not ManualValue.objects.exists()
    response = client.post(
        url, {"value-period": "2026", "value-province": sv.pk, "value-value": "1000000"}
    )
    assert response.status_code == 302
    assert ManualValue.objects.get().province == sv
    # A computed indicator takes no hand-entered values.
    computed = Indicator.objects.get(rule="victims_identified")
    url = reverse("monitoring:indicator_value", args=[computed.code])
    assert client.post(url, {"value-period": "2026", "value-value": "1"}).status_code == 404


def test_setting_targets(client: Any, me_officer: User) -> None:
    client.force_login(me_officer)
    code = Indicator.objects.get(rule="people_reached").code
    url = reverse("monitoring:indicator_target", args=[code])
    sv = Province.objects.get(iso_code="LA-SV")
    assert client.post(url, {"target-period": "FY2026", "target-value": "5000"}).status_code == 302
    response = client.post(
        url, {"target-period": "FY2026", "target-province": sv.pk, "target-value": "1200"}
    )
    assert response.status_code == 302
    assert client.post(url, {"target-period": "FY2026", "target-value": "-3"}).status_code == 200
    assert Target.objects.count() == 2
    assert engine.compute(code, parse("FY2026"), Scope()).target == 5000
    assert engine.compute(code, parse("FY2026"), Scope(province_id=sv.pk)).target == 1200
    assert AuditEntry.objects.filter(object_type="monitoring.target").count() == 2
    page = client.get(reverse("monitoring:indicator", args=[code])).content.decode()
    assert "1200" in page


def test_the_programme_area_is_editable(client: Any, me_officer: User, manager: User) -> None:
    client.force_login(me_officer)
    flagged = set(
        Province.objects.filter(in_programme_area=True).values_list("iso_code", flat=True)
    )
    assert flagged == {"LA-VT", "LA-SV", "LA-CH", "LA-SL"}
    chosen = Province.objects.filter(iso_code__in=["LA-SV", "LA-BK"])
    response = client.post(
        reverse("monitoring:programme_area"), {"provinces": [p.pk for p in chosen]}
    )
    assert response.status_code == 302
    flagged = set(
        Province.objects.filter(in_programme_area=True).values_list("iso_code", flat=True)
    )
    assert flagged == {"LA-SV", "LA-BK"}
    assert AuditEntry.objects.filter(object_type="places.province").count() == 4
    bad = client.post(reverse("monitoring:programme_area"), {"provinces": ["99999999999999999999"]})
    assert bad.status_code == 302
    client.force_login(manager)
    assert client.post(reverse("monitoring:programme_area"), {}).status_code == 404
    assert Province.objects.filter(in_programme_area=True).count() == 2


def test_an_unknown_indicator_is_a_404(client: Any, me_officer: User) -> None:
    client.force_login(me_officer)
    assert client.get(reverse("monitoring:indicator", args=["NOPE"])).status_code == 404
