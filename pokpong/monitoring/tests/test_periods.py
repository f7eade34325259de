"""Reporting periods: calendar quarters and years, the donor's October–September fiscal year."""

from datetime import date
from itertools import pairwise

import pytest
from django.utils import translation

from pokpong.monitoring.periods import (
    PeriodError,
    fiscal_year_of,
    parse,
    quarter_of,
    recent_quarters,
)


@pytest.mark.parametrize(
    ("code", "start", "end", "kind"),
    [
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
        ("2026Q4", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31), "quarter"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
        ("FY2026", date(2025, 10, 1), date(2026, 9, 30), "fy"),
        ("FY2026Q1", date(2025, 10, 1), date(2025, 12, 31), "fy_quarter"),
        ("FY2026Q2", date(2026, 1, 1), date(2026, 3, 31), "fy_quarter"),
        ("FY2024Q2", date(2024, 1, 1), date(2024, 3, 31), "fy_quarter"),
        ("FY2026Q4", date(2026, 7, 1), date(2026, 9, 30), "fy_quarter"),
    ],
)
def test_codes_name_their_days(code: str, start: date, end: date, kind: str) -> None:
    period = parse(code)
    assert (period.start, period.end, period.kind, period.code) == (start, end, kind, code)


def test_codes_are_read_in_any_case_and_normalised() -> None:
    assert parse(" fy2026q3 ").code == "FY2026Q3"


def test_the_fiscal_year_turns_on_the_first_of_october() -> None:
    assert fiscal_year_of(date(2025, 9, 30)).code == "FY2025"
    assert fiscal_year_of(date(2025, 10, 1)).code == "FY2026"
    assert parse("FY2026").contains(date(2025, 10, 1))
    assert not parse("FY2026").contains(date(2025, 9, 30))
    assert parse("FY2026").contains(date(2026, 9, 30))
    assert not parse("FY2026").contains(date(2026, 10, 1))


def test_years_are_made_of_their_quarters() -> None:
    assert [q.code for q in parse("FY2026").quarters()] == [f"FY2026Q{n}" for n in range(1, 5)]
    assert [q.code for q in parse("2026").quarters()] == [f"2026Q{n}" for n in range(1, 5)]
    quarters = parse("FY2026").quarters()
    assert quarters[0].start == parse("FY2026").start
    assert quarters[-1].end == parse("FY2026").end
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in pairwise(quarters))
    assert parse("2026Q2").quarters() == [parse("2026Q2")]


def test_recent_quarters_cross_the_new_year() -> None:
    assert [q.code for q in recent_quarters(date(2026, 2, 10), 3)] == ["2025Q3", "2025Q4", "2026Q1"]
    assert quarter_of(date(2026, 12, 31)).code == "2026Q4"


@pytest.mark.parametrize(
    "code", ["", "2026Q5", "2026Q0", "FY", "26Q1", "2026-Q1", "1800", "FY2026Q"]
)
def test_a_code_that_names_no_period_gets_a_message(code: str) -> None:
    with translation.override("lo"), pytest.raises(PeriodError) as raised:
        parse(code)
    assert "2026Q4" in str(raised.value)


def test_labels_are_translated() -> None:
    with translation.override("en"):
        assert parse("FY2026Q1").label == "Fiscal year 2026, quarter 1"
        assert "October" in parse("FY2026").label
