"""Indicator values through the API: the dashboard's own figures, for the dashboard's callers,
suppressed exactly as the dashboard does for callers who may not see small numbers; the period,
province and area are checked (400 with the field's message)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.api.tests.factories import bearer, personal_token
from pokpong.core.models import AuditEntry
from pokpong.monitoring import engine
from pokpong.monitoring.results import Breakdown, Cell, IndicatorResult, Row
from pokpong.places.tests.factories import CHAMPASAK, SAVANNAKHET, province

pytestmark = pytest.mark.django_db
URL = reverse("api:indicator_values")


def _results(period, scope):
    """Savannakhet: 12 identified, 3 of them men; the country: 999, 3 men."""
    identified = 12 if scope.province_id == province(SAVANNAKHET).pk else 999
    by_sex = Breakdown(
        "sex", "Sex", [Row("female", "Female", Cell(identified - 3)), Row("male", "Male", Cell(3))]
    )
    return [
        IndicatorResult(
            "CUSTOM-1", "Victims identified", "persons", period, scope, Cell(identified), [by_sex]
        )
    ]


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    def trend(code, periods, scope):
        return [next(r for r in _results(p, scope) if r.code == code) for p in periods]

    monkeypatch.setattr(engine, "compute_all", lambda period, scope: _results(period, scope))
    monkeypatch.setattr(engine, "trend", trend)
    monkeypatch.setattr(
        engine,
        "trends",
        lambda periods, scope: {
            r.code: trend(r.code, periods, scope) for r in _results(periods[0], scope)
        },
    )
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def manager():
    office = OrganisationFactory(province=province(SAVANNAKHET))
    return with_totp(UserFactory(organisation=office, roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def me_officer():
    return UserFactory(organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER])


def _get(client, user, **params):
    return client.get(URL, params, **bearer(personal_token(user)))


def _men(answer):
    rows = answer["results"][0]["breakdowns"][0]["rows"]
    return next(row["cell"] for row in rows if row["key"] == "male")


def test_the_me_officer_gets_the_small_number_suppressed_as_on_the_dashboard(client, me_officer):
    answer = _get(client, me_officer).json()
    assert answer["suppressed"] is True
    assert answer["province"] is None
    assert answer["period"] == "FY2027"
    assert _men(answer) == {"value": None, "suppressed": True}
    assert "3" not in {str(q["total"]["value"]) for q in answer["results"][0]["quarters"]}


def test_the_provincial_manager_reads_the_three_of_its_province(client, manager):
    answer = _get(client, manager).json()
    assert answer["province"] == province(SAVANNAKHET).pk
    assert answer["suppressed"] is False
    assert answer["results"][0]["total"] == {"value": 12, "suppressed": False}
    assert _men(answer) == {"value": 3, "suppressed": False}


def test_a_province_outside_the_callers_scope_is_a_field_error(client, manager):
    response = _get(client, manager, province=province(CHAMPASAK).pk)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["province"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "FY20x6"}, "period"),
        ({"period": "3000"}, "period"),
        ({"area": "moon"}, "area"),
        ({"province": "LA-XX"}, "province"),
    ],
)
def test_bad_parameters_are_field_errors(client, me_officer, params, field):
    response = _get(client, me_officer, **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_a_national_caller_chooses_any_province_and_period(client, me_officer):
    answer = _get(client, me_officer, province=province(SAVANNAKHET).pk, period="2026Q3").json()
    assert answer["province"] == province(SAVANNAKHET).pk
    assert answer["period"] == "2026Q3"
    assert [q["period"] for q in answer["results"][0]["quarters"]][-1] == "2026Q3"


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.TRAINER, Role.SERVICE_PROVIDER])
def test_roles_without_the_dashboard_get_its_404(client, role):
    response = _get(client, UserFactory(roles=[role]))
    assert response.status_code == 404


def test_aggregates_are_not_audited_as_personal_data(client, manager):
    token = personal_token(manager)
    before = AuditEntry.objects.count()
    assert client.get(URL, **bearer(token)).status_code == 200
    assert AuditEntry.objects.count() == before
