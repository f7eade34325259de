"""The economic-reintegration indicators against small worlds with hand-computed values.

FY2026Q1 is October–December 2025; 30 September 2025 falls in FY2025Q4."""

import datetime as dt

import pytest

from pokpong.cases.tests.factories import CaseFactory
from pokpong.livelihoods.tests.factories import (
    JobPlacementFactory,
    LivelihoodAssessmentFactory,
    RetentionCheckFactory,
    VocationalTrainingFactory,
)
from pokpong.monitoring import engine
from pokpong.monitoring.models import Indicator
from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import IndicatorResult, Scope
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import FollowUpVisitFactory, ReturnPlanFactory

pytestmark = pytest.mark.django_db

Q1 = parse("FY2026Q1")
NATIONAL = Scope()
VOIDED = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)


def rows(result: IndicatorResult, dim: str) -> dict[str, int | None]:
    found = next(b for b in result.breakdowns if b.dimension == dim)
    return {row.key: row.cell.value for row in found.rows}


def code_of(rule: str) -> str:
    return Indicator.objects.get(rule=rule).code


def _case(*, sex: str = "female", birth_year: int = 1990, iso: str = "LA-SV"):
    person = PersonFactory(
        sex=sex, birth_year=birth_year, province=Province.objects.get(iso_code=iso)
    )
    return CaseFactory(person=person)


def test_the_three_indicators_are_in_the_catalogue_with_their_disaggregations():
    for rule in (
        "survivors_training_completed",
        "survivors_retained_6_months",
        "survivors_income_rose",
    ):
        indicator = Indicator.objects.get(rule=rule)
        assert indicator.disaggregations == ["sex", "age_group", "province"]
        assert indicator.name_lo


def test_survivors_who_completed_vocational_training() -> None:
    adult = _case()  # female, Savannakhet, 35 in 2025
    child = _case(sex="male", birth_year=2010, iso="LA-CH")  # 15 in 2025
    started = dt.date(2025, 6, 1)
    ended = {"status": "completed", "has_certificate": True, "started_on": started}
    VocationalTrainingFactory(case=adult, ended_on=dt.date(2025, 10, 15), **ended)
    VocationalTrainingFactory(case=adult, ended_on=dt.date(2025, 11, 1), **ended)  # once
    VocationalTrainingFactory(case=child, ended_on=dt.date(2025, 12, 31), **ended)
    VocationalTrainingFactory(case=_case(), ended_on=dt.date(2025, 9, 30), **ended)  # FY2025
    VocationalTrainingFactory(
        case=_case(),
        ended_on=dt.date(2025, 11, 1),
        status="dropped_out",
        dropout_reason="x",
        started_on=started,
    )
    VocationalTrainingFactory(
        case=_case(), ended_on=dt.date(2025, 11, 5), voided_at=VOIDED, **ended
    )
    result = engine.compute(code_of("survivors_training_completed"), Q1, NATIONAL)
    assert result.total.value == 2
    assert rows(result, "sex") == {"female": 1, "male": 1, "unknown": 0}
    assert rows(result, "age_group") == {"child": 1, "adult": 1, "unknown": 0}
    assert rows(result, "province") == {"LA-SV": 1, "LA-CH": 1, "unknown": 0}


def test_survivors_placed_and_still_employed_at_six_months() -> None:
    def check(case, *, month=6, on=dt.date(2025, 11, 10), employed=True, **placement):
        RetentionCheckFactory(
            placement=JobPlacementFactory(case=case, **placement),
            month=month,
            due_on=on,
            checked_on=on,
            still_employed=employed,
        )

    kept = _case(sex="male", iso="LA-CH")
    check(kept)
    check(_case(), employed=False)  # left the job
    check(_case(), month=3)  # three months only
    check(_case(), on=dt.date(2025, 12, 20), voided_at=VOIDED)  # placement voided
    check(_case(), on=dt.date(2026, 1, 5))  # next quarter
    RetentionCheckFactory(placement=JobPlacementFactory(case=_case()), month=6)  # not checked
    result = engine.compute(code_of("survivors_retained_6_months"), Q1, NATIONAL)
    assert result.total.value == 1
    assert rows(result, "sex") == {"female": 0, "male": 1, "unknown": 0}
    assert rows(result, "province") == {"LA-CH": 1, "unknown": 0}


def test_survivors_whose_income_rose_six_months_after_return() -> None:
    def returned(case, *, on, baseline, visits):
        ReturnPlanFactory(case=case, returned_on=on)
        LivelihoodAssessmentFactory(case=case, assessed_on=on, baseline_income_lak=baseline)
        for day, lak in visits:
            FollowUpVisitFactory(case=case, due_on=day, done_on=day, income_lak=lak)

    # returned 1 May: the mark is 1 November, a visit from 17 October counts
    rose = _case()
    returned(
        rose,
        on=dt.date(2025, 5, 1),
        baseline=500_000,
        visits=[(dt.date(2025, 8, 1), 100_000), (dt.date(2025, 10, 25), 900_000)],
    )
    fell = _case()
    returned(
        fell, on=dt.date(2025, 4, 1), baseline=800_000, visits=[(dt.date(2025, 10, 5), 700_000)]
    )
    rose_later = _case(sex="male", birth_year=2009, iso="LA-CH")  # 16 in 2025
    returned(
        rose_later,
        on=dt.date(2025, 6, 15),
        baseline=300_000,
        visits=[(dt.date(2025, 12, 20), 400_000)],
    )
    earlier = _case()  # rose, but measured in September (FY2025Q4)
    returned(
        earlier, on=dt.date(2025, 3, 1), baseline=100_000, visits=[(dt.date(2025, 9, 10), 200_000)]
    )
    result = engine.compute(code_of("survivors_income_rose"), Q1, NATIONAL)
    assert result.total.value == 2
    assert rows(result, "sex") == {"female": 1, "male": 1, "unknown": 0}
    assert rows(result, "age_group") == {"child": 1, "adult": 1, "unknown": 0}
    assert rows(result, "province") == {"LA-SV": 1, "LA-CH": 1, "unknown": 0}
    assert (
        engine.compute(code_of("survivors_income_rose"), parse("FY2025Q4"), NATIONAL).total.value
        == 1
    )
