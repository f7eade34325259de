"""Pokpong's period codes in DHIS2's fixed-period formats.

DHIS2 names a calendar quarter `2026Q4`, a year `2026`, and a financial year starting in October
by the year it starts in with the month (`FinancialOct`: `2025Oct` is October 2025 to September
2026, Pokpong's `FY2026`). DHIS2 has no quarters of a financial year: a fiscal quarter is the
calendar quarter with the same dates (`FY2026Q1`, October to December 2025, is `2025Q4`).
"""

from pokpong.monitoring.periods import Period


def dhis2_period(period: Period) -> str:
    if period.kind == "quarter" or period.kind == "year":
        return period.code
    if period.kind == "fy":
        return f"{period.start.year}Oct"
    return f"{period.start.year}Q{(period.start.month - 1) // 3 + 1}"  # a fiscal quarter
