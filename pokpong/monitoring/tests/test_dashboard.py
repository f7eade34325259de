"""The indicator dashboard at /me/: who opens it and which numbers they get, the filters, the
small-number protection and the links to the lists behind the numbers.

The engine is replaced by a fake that answers hand-made results per province, so each number
on the page is known in advance: Savannakhet identified 12 victims (3 of them men), Champasak 987,
the country 999 (3 of them men).
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.monitoring import engine
from pokpong.monitoring.periods import Period
from pokpong.monitoring.results import Breakdown, Cell, IndicatorResult, Row, Scope
from pokpong.places.tests.factories import CHAMPASAK, SAVANNAKHET, province

pytestmark = pytest.mark.django_db


def _lao(message: str) -> str:
    """A message as the page writes it (Lao first; English until its translation is built)."""
    with translation.override("lo"):
        return translation.gettext(message)


URL = "/me/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        yield


def _numbers(scope: Scope) -> tuple[int, int, int]:
    """(identified, of whom men, people trained) in a scope: Savannakhet, Champasak, country."""
    if scope.province_id == province(SAVANNAKHET).pk:
        return 12, 3, 40
    if scope.province_id == province(CHAMPASAK).pk:
        return 987, 654, 321
    return 999, 3, 361


def _results(period: Period, scope: Scope) -> list[IndicatorResult]:
    identified, men, trained = _numbers(scope)
    by_sex = Breakdown(
        "sex",
        "Sex",
        [
            Row("female", "Female", Cell(identified - men)),
            Row("male", "Male", Cell(men)),
        ],
    )
    by_province = Breakdown(
        "province",
        "Province",
        [Row(SAVANNAKHET, "Savannakhet", Cell(identified))],
    )
    return [
        IndicatorResult(
            "CUSTOM-1",
            "Victims identified",
            "persons",
            period,
            scope,
            Cell(identified),
            [by_sex, by_province],
            target=24,
        ),
        IndicatorResult("PS.5.3-15", "People trained", "persons", period, scope, Cell(trained)),
    ]


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    calls: list[tuple[str, Period | list[Period], Scope]] = []

    def compute_all(period, scope):
        calls.append(("all", period, scope))
        return _results(period, scope)

    def trend(code, periods, scope):
        calls.append(("trend", list(periods), scope))
        return [next(r for r in _results(p, scope) if r.code == code) for p in periods]

    monkeypatch.setattr(engine, "compute_all", compute_all)
    monkeypatch.setattr(engine, "trend", trend)
    monkeypatch.setattr(
        engine,
        "trends",
        lambda periods, scope: {
            r.code: trend(r.code, periods, scope) for r in _results(periods[0], scope)
        },
    )
    return calls


@pytest.fixture
def manager(db):
    """The provincial manager of Savannakhet."""
    office = OrganisationFactory(province=province(SAVANNAKHET))
    return with_totp(UserFactory(organisation=office, roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def me_officer(db):
    return UserFactory(organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER])


@pytest.fixture
def secretariat(db):
    office = OrganisationFactory(province=None)
    return with_totp(UserFactory(organisation=office, roles=[Role.NATIONAL_SECRETARIAT]))


_VOLATILE = re.compile(
    r'nonce="[^"]*"|"X-CSRFToken": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"'
)


def _shows(html: str, *numbers: int) -> bool:
    """Whether the page writes any of the numbers, as a number of its own: the CSP nonce and the
    CSRF tokens change on every request and may hold the same digits by chance."""
    text = _VOLATILE.sub("", html)
    return any(re.search(rf"(?<![\w.]){n}(?![\w.])", text) for n in numbers)


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.content.decode()


# --- who opens it ---------------------------------------------------------------------------


def test_the_dashboard_is_at_me(client, me_officer):
    assert reverse("monitoring:dashboard") == URL


@pytest.mark.parametrize(
    "role", [Role.CASE_WORKER, Role.TRAINER, Role.PREVENTION_OFFICER, Role.ADMINISTRATOR]
)
def test_roles_without_reports_get_the_same_404_as_a_missing_page(client, role):
    user = with_totp(UserFactory(roles=[role]))
    client.force_login(user)
    assert client.get(URL).status_code == 404


def test_an_outsider_and_an_anonymous_visitor_are_refused(client, outsider):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_managers_the_me_officer_and_the_secretariat_open_it(
    client, manager, me_officer, secretariat
):
    for user in (manager, me_officer, secretariat):
        _page(client, user)


# --- scope ----------------------------------------------------------------------------------


def test_the_provincial_manager_gets_the_numbers_of_the_province(client, manager, fake_engine):
    response, html = _page(client, manager)
    assert {scope.province_id for _kind, _period, scope in fake_engine} == {
        province(SAVANNAKHET).pk
    }
    assert ">12<" in html
    assert _shows(html, 12)
    assert not _shows(html, 987, 999)
    provinces = response.context["filters"].provinces
    assert [p.iso_code for p in provinces] == [SAVANNAKHET]


def test_a_province_outside_the_managers_scope_is_ignored_with_a_message(
    client, manager, fake_engine
):
    response, html = _page(client, manager, province=province(CHAMPASAK).pk)
    assert _shows(html, 12)
    assert not _shows(html, 987, 654)
    assert {s.province_id for *_x, s in fake_engine} == {province(SAVANNAKHET).pk}
    assert [str(m) for m in response.context["messages"]] == [
        _lao("You may not see the numbers of that province: yours are shown.")
    ]


def test_national_viewers_see_the_country_and_may_choose_any_province(
    client, secretariat, fake_engine
):
    response, _html = _page(client, secretariat)
    assert fake_engine[0][2] == Scope(province_id=None, area="all")
    assert len(response.context["filters"].provinces) == 18
    fake_engine.clear()
    _page(client, secretariat, province=province(CHAMPASAK).pk, area="target")
    assert fake_engine[0][2] == Scope(province_id=province(CHAMPASAK).pk, area="target")


def test_a_bad_area_or_period_falls_back_with_a_message_never_an_error(client, secretariat):
    response, _html = _page(client, secretariat, area="nowhere", period="2026Q9", province="x")
    assert response.context["filters"].area == "all"
    assert response.context["filters"].period.code == "FY2027"
    assert len(list(response.context["messages"])) == 3


# --- periods ----------------------------------------------------------------------------------


def test_the_default_period_is_the_current_fiscal_year(client, me_officer, fake_engine):
    # 25 November 2026 lies in the fiscal year October 2026 – September 2027.
    _page(client, me_officer)
    period = fake_engine[0][1]
    assert (period.code, period.start, period.end) == (
        "FY2027",
        dt.date(2026, 10, 1),
        dt.date(2027, 9, 30),
    )


def _trend_bars(response):
    return [
        (t.split(" ")[-1], v)
        for t, v in re.findall(r"(ໄຕມາດ \d|Q\d)[^;]*?: ([^;<]+)", _desc(response, "trend"))
    ]


def _desc(response, chart_id):
    html = response.content.decode()
    return re.search(rf'<desc id="{chart_id}-d">(.*?)</desc>', html).group(1)


def test_the_trend_of_a_past_fiscal_year_shows_its_four_quarters(client, me_officer, fake_engine):
    response, _html = _page(client, me_officer, period="FY2026")
    trend = next(periods for kind, periods, _s in fake_engine if kind == "trend")
    assert [q.code for q in trend] == ["FY2026Q1", "FY2026Q2", "FY2026Q3", "FY2026Q4"]
    assert (trend[0].start, trend[-1].end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert len(_trend_bars(response)) == 4


def test_the_current_fiscal_year_draws_only_the_quarters_begun(client, me_officer, fake_engine):
    # 25 November 2026: FY2027Q1 (October–December 2026) has begun, its other quarters not.
    response, _html = _page(client, me_officer)
    trend = next(periods for kind, periods, _s in fake_engine if kind == "trend")
    assert [q.code for q in trend] == ["FY2027Q1", "FY2027Q2", "FY2027Q3", "FY2027Q4"]
    assert len(_trend_bars(response)) == 1


def test_a_quarter_shows_itself_and_the_three_before(client, me_officer, fake_engine):
    _page(client, me_officer, period="2026Q2")
    trend = next(periods for kind, periods, _s in fake_engine if kind == "trend")
    assert [q.code for q in trend] == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def test_the_period_choices_offer_fiscal_and_calendar_periods(client, me_officer):
    _response, html = _page(client, me_officer, period="2021")
    assert 'value="FY2027" ' in html or 'value="FY2027">' in html
    assert 'value="FY2027Q1"' in html and 'value="2026Q4"' in html
    assert '<option value="2021" selected>' in html  # an older period asked for is kept


# --- what the page shows ----------------------------------------------------------------------


def test_headlines_show_total_target_and_percentage_achieved(client, manager):
    _response, html = _page(client, manager)
    assert _lao("Target %(target)s") % {"target": 24} in html
    assert _lao("%(percent)s%% achieved") % {"percent": 50} in html  # 12 of 24
    assert '<meter min="0" max="100" value="50"' in html


def test_the_me_officer_reads_a_three_as_less_than_five(client, me_officer):
    response, html = _page(client, me_officer)
    focus = response.context["board"].focus
    men = next(r for r in focus.breakdowns[0].rows if r.key == "male")
    assert men.cell.suppressed
    assert "&lt;5" in html
    assert "Male: &lt;5" in html  # the chart's description
    assert ">3<" not in html


def test_the_provincial_manager_reads_the_three(client, manager):
    _response, html = _page(client, manager)
    assert "Male: 3" in html


# --- links to the lists -----------------------------------------------------------------------


def test_numbers_link_to_their_list_only_for_viewers_who_may_open_it(client, manager, secretariat):
    _response, html = _page(client, manager)
    since, until = "since=2026-10-01", "until=2027-09-30"
    sv = province(SAVANNAKHET).pk
    assert (
        f'href="/persons/?identified_since=2026-10-01&amp;identified_until=2027-09-30'
        f'&amp;identified_province={sv}"' in html
    )
    assert "/training/" not in html  # the manager trains nobody: plain number
    _response, html = _page(client, secretariat)
    assert f'href="/training/?{since}&amp;{until}"' in html
    assert "/persons/?" not in html  # the secretariat opens no person list


def test_the_me_officer_gets_plain_numbers(client, me_officer):
    _response, html = _page(client, me_officer)
    assert "/persons/?" not in html and "/training/?" not in html and "/cases/?" not in html


def _with_rate(monkeypatch, rate, population):
    from decimal import Decimal

    from pokpong.monitoring.results import RATE_UNIT

    def compute_all(period, scope):
        result = IndicatorResult(
            "SDG-16.2.2", "Victims per 100,000", RATE_UNIT, period, scope, Cell(21)
        )
        result.rate = None if rate is None else Decimal(rate)
        result.denominator = None if population is None else Cell(population)
        return [result]

    monkeypatch.setattr(engine, "compute_all", compute_all)
    monkeypatch.setattr(
        engine, "trend", lambda code, periods, scope: [compute_all(p, scope)[0] for p in periods]
    )
    monkeypatch.setattr(
        engine,
        "trends",
        lambda periods, scope: {"SDG-16.2.2": [compute_all(p, scope)[0] for p in periods]},
    )


def test_a_rate_indicator_shows_its_rate_not_its_count(client, secretariat, monkeypatch):
    _with_rate(monkeypatch, "0.28", 7_500_000)
    _response, page = _page(client, secretariat, indicator="SDG-16.2.2")
    total = re.search(r'class="dash-total"><span>([^<]*)</span>', page)
    assert total is not None and total.group(1) == "0.28"
    assert "(0%)" not in page  # the population is not a percentage's denominator


def test_a_rate_without_population_is_unknown_not_the_count(client, secretariat, monkeypatch):
    _with_rate(monkeypatch, None, None)
    _response, page = _page(client, secretariat, indicator="SDG-16.2.2")
    total = re.search(r'class="dash-total"><span>([^<]*)</span>', page)
    assert total is not None and total.group(1) == "–"
    assert _lao("no population entered for this period") in page
