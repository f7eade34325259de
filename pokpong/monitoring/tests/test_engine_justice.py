"""The justice indicators (JUSTICE-1 … JUSTICE-6) against a small world with hand-computed values.

Savannakhet, case A (sexual exploitation and forced marriage): investigation opened 1 Feb 2026,
indicted 1 May, two suspects convicted 1 Aug, legal aid from 1 Mar, 20 000 000 kip awarded on
1 Aug and 8 000 000 paid by 1 Sep. Champasak, case C (sexual exploitation): investigation 1 Apr,
indicted 1 Jun, acquitted 1 Sep, legal aid from 1 Apr, 5 000 000 awarded on 15 Jan 2027.
Savannakhet, case B (farm labour): investigation opened 1 Nov 2025 (another year).
"""

import datetime as dt

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.tests.factories import CaseFactory
from pokpong.justice.tests.factories import (
    JusticeFileFactory,
    SuspectFactory,
    VerdictFactory,
    WitnessSupportFactory,
)
from pokpong.monitoring import engine
from pokpong.monitoring.models import Indicator
from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import IndicatorResult, Scope
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db

YEAR = parse("2026")
NATIONAL = Scope()


def _case(iso: str, *forms: str):
    province = Province.objects.get(iso_code=iso)
    office = UserFactory(
        organisation=OrganisationFactory(province=province), roles=[Role.CASE_WORKER]
    )
    case = CaseFactory(person=PersonFactory(registered_by=office))
    case.forms_of_trafficking.set(FormOfTrafficking.objects.filter(code__in=forms))
    return case


@pytest.fixture
def world() -> None:
    a = _case("LA-SV", "sexual_exploitation", "forced_marriage")
    file_a = JusticeFileFactory(
        case=a, investigation_opened_on=dt.date(2026, 2, 1), indicted_on=dt.date(2026, 5, 1)
    )
    for name in ("ສົມພອນ", "ບຸນມາ"):
        suspect = SuspectFactory(file=file_a, name=name)
        VerdictFactory(file=file_a, suspect=suspect, decided_on=dt.date(2026, 8, 1))
    WitnessSupportFactory(
        file=file_a,
        legal_aid_from=dt.date(2026, 3, 1),
        compensation_awarded_lak=20_000_000,
        awarded_on=dt.date(2026, 8, 1),
        compensation_paid_lak=8_000_000,
        paid_on=dt.date(2026, 9, 1),
    )
    c = _case("LA-CH", "sexual_exploitation")
    file_c = JusticeFileFactory(
        case=c, investigation_opened_on=dt.date(2026, 4, 1), indicted_on=dt.date(2026, 6, 1)
    )
    VerdictFactory(
        file=file_c, outcome="acquitted", prison_years=None, decided_on=dt.date(2026, 9, 1)
    )
    WitnessSupportFactory(
        file=file_c,
        legal_aid_from=dt.date(2026, 4, 1),
        compensation_awarded_lak=5_000_000,
        awarded_on=dt.date(2027, 1, 15),
    )
    b = _case("LA-SV", "forced_labour_agriculture")
    JusticeFileFactory(case=b, investigation_opened_on=dt.date(2025, 11, 1))


def _compute(rule: str, scope: Scope = NATIONAL) -> IndicatorResult:
    """Codes are data: the indicator is found by its rule."""
    return engine.compute(Indicator.objects.get(rule=rule).code, YEAR, scope)


def _rows(result: IndicatorResult, dim: str) -> dict[str, int]:
    found = next(b for b in result.breakdowns if b.dimension == dim)
    return {row.key: row.cell.value for row in found.rows if row.cell.value}


def test_investigations_and_prosecutions_of_the_year(world):
    investigations = _compute("justice_investigations")
    assert investigations.total.value == 2  # A and C; B's opened the year before
    assert _rows(investigations, "province") == {"LA-SV": 1, "LA-CH": 1}
    assert _rows(investigations, "form") == {"sexual_exploitation": 2, "forced_marriage": 1}
    prosecutions = _compute("justice_prosecutions")
    assert prosecutions.total.value == 2
    assert _rows(prosecutions, "province") == {"LA-SV": 1, "LA-CH": 1}


def test_convictions_count_each_person_convicted(world):
    convictions = _compute("justice_convictions")
    assert convictions.total.value == 2  # A's two suspects; C's acquittal is none
    assert _rows(convictions, "province") == {"LA-SV": 2}
    assert _rows(convictions, "form") == {"sexual_exploitation": 2, "forced_marriage": 2}
    assert not next(b for b in convictions.breakdowns if b.dimension == "form").additive


def test_victims_with_legal_aid(world):
    assert _compute("victims_legal_aid").total.value == 2


def test_compensation_awarded_and_paid_in_kip(world):
    awarded = _compute("compensation_awarded")
    assert awarded.total.value == 20_000_000  # C's award falls in 2027
    assert _rows(awarded, "province") == {"LA-SV": 20_000_000}
    assert _compute("compensation_paid").total.value == 8_000_000
    assert engine.unit_label(awarded.unit) in {"kip (LAK)", "ກີບ"}


def test_one_province_only(world):
    champasak = Scope(province_id=Province.objects.get(iso_code="LA-CH").pk)
    assert _compute("justice_investigations", champasak).total.value == 1
    assert _compute("justice_convictions", champasak).total.value == 0
    assert _compute("compensation_awarded", champasak).total.value == 0
