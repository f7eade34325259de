"""Reporting periods: calendar quarters and years, the donor's fiscal year (October–September).

A period is named by a code that is also what the command line and the URLs take:
`2026Q4` (calendar quarter), `2026` (calendar year), `FY2026` (fiscal year: 1 October 2025 to
30 September 2026, named after the calendar year it ends in), `FY2026Q1` (its first quarter:
October–December 2025).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

FISCAL_YEAR_START_MONTH = 10  # the donor's fiscal year begins on 1 October

_CODE = re.compile(r"^(?P<fy>FY)?(?P<year>\d{4})(?:Q(?P<quarter>[1-4]))?$")


class PeriodError(ValueError):
    """A period code that names no period."""


@dataclass(frozen=True, order=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive
    code: str

    @property
    def kind(self) -> str:
        """`quarter`, `year`, `fy_quarter` or `fy`."""
        fiscal = self.code.startswith("FY")
        if "Q" in self.code:
            return "fy_quarter" if fiscal else "quarter"
        return "fy" if fiscal else "year"

    @property
    def label(self) -> str:
        year = self.code.removeprefix("FY")[:4]
        quarter = self.code[-1] if "Q" in self.code else ""
        if self.kind == "quarter":
            return _("Quarter %(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        if self.kind == "fy_quarter":
            return _("Fiscal year %(year)s, quarter %(quarter)s") % {
                "year": year,
                "quarter": quarter,
            }
        if self.kind == "fy":
            return _("Fiscal year %(year)s (October–September)") % {"year": year}
        return _("Year %(year)s") % {"year": year}

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def quarters(self) -> list["Period"]:
        """The quarters that make up this period, in order (a quarter is its own only quarter)."""
        if self.kind in ("quarter", "fy_quarter"):
            return [self]
        return [parse(f"{self.code}Q{q}") for q in range(1, 5)]

    def __str__(self) -> str:
        return self.code


def _quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def _last_day_before(day: date) -> date:
    return day - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def parse(code: str) -> Period:
    """The period a code names; PeriodError when it names none."""
    match = _CODE.match(code.strip().upper())
    if match is None:
        raise PeriodError(
            _("“%(code)s” is not a period (examples: 2026Q4, 2026, FY2026, FY2026Q1).")
            % {"code": code}
        )
    year = int(match["year"])
    if not 1990 <= year <= 2100:
        raise PeriodError(
            _("“%(code)s” is not a period (examples: 2026Q4, 2026, FY2026, FY2026Q1).")
            % {"code": code}
        )
    quarter = int(match["quarter"]) if match["quarter"] else None
    if match["fy"]:
        fy_start = date(year - 1, FISCAL_YEAR_START_MONTH, 1)
        if quarter is None:
            start, months = fy_start, 12
        else:
            start, months = _add_months(fy_start, 3 * (quarter - 1)), 3
    elif quarter is None:
        start, months = date(year, 1, 1), 12
    else:
        start, months = _quarter_start(year, quarter), 3
    end = _last_day_before(_add_months(start, months))
    normalised = f"{'FY' if match['fy'] else ''}{year}{f'Q{quarter}' if quarter else ''}"
    return Period(start=start, end=end, code=normalised)


def quarter_of(day: date) -> Period:
    """The calendar quarter a day falls in."""
    return parse(f"{day.year}Q{(day.month - 1) // 3 + 1}")


def fiscal_year_of(day: date) -> Period:
    """The donor's fiscal year a day falls in."""
    year = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
    return parse(f"FY{year}")


def recent_quarters(day: date, count: int) -> list[Period]:
    """The `count` calendar quarters ending with the one `day` falls in, oldest first."""
    quarters = [quarter_of(day)]
    while len(quarters) < count:
        quarters.insert(0, quarter_of(_last_day_before(quarters[0].start)))
    return quarters
