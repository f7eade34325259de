"""Referrals and follow-ups for the reporting roles (/me/referrals/): the referral report's
figures counted over the viewer's reporting scope, not over the cases the viewer may open (the
M&E officer and the secretariat open none, and read zeros on the case workers' report), with the
same small-number protection as the indicators.

The figures are dressed as indicator results (a total and its breakdown by status; one result
per other figure) so that the one protection pass of the dashboard covers them too.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.monitoring.charts import Bar, breakdown_chart
from pokpong.monitoring.dashboard import Filters, protect
from pokpong.monitoring.results import Breakdown, Cell, IndicatorResult, Row
from pokpong.referrals.selectors import cases_in_report_scope, referral_report_for_cases

SINGLE_FIGURES = ["overdue_now", "answered_late", "follow_ups_done", "follow_ups_overdue"]


@dataclass
class ReferralFigures:
    referrals: IndicatorResult  # total, and its breakdown by status
    answered: Cell
    average_response_hours: float | None  # None when unknown or the answers are too few to show
    singles: dict[str, Cell]
    chart: str


def _result(code: str, filters: Filters, total: Cell, rows: list[Row]) -> IndicatorResult:
    breakdowns = [Breakdown("status", _("Status"), rows)] if rows else []
    return IndicatorResult(code, code, "", filters.period, filters.scope, total, breakdowns)


def referral_figures(*, user: User, filters: Filters) -> ReferralFigures:
    cases = cases_in_report_scope(
        user=user,
        province_id=filters.province.pk if filters.province else None,
        area=filters.area,
    )
    report: dict[str, Any] = referral_report_for_cases(
        cases=cases, start=filters.period.start, end=filters.period.end
    )
    counts = dict(report["by_status"])
    rows = [Row(value, str(label), Cell(counts[label])) for value, label in report["statuses"]]
    referrals = _result("referrals", filters, Cell(report["total"]), rows)
    answered = _result("answered", filters, Cell(report["answered"]), [])
    singles = {key: _result(key, filters, Cell(report[key]), []) for key in SINGLE_FIGURES}
    protect([referrals, answered, *singles.values()], user=user, filters=filters)
    average = None if answered.total.suppressed else report["average_response_hours"]
    chart = breakdown_chart(
        chart_id="referrals",
        title=_("Referrals by status"),
        bars=[Bar(row.label, row.cell) for row in rows],
    )
    return ReferralFigures(
        referrals=referrals,
        answered=answered.total,
        average_response_hours=average,
        singles={key: result.total for key, result in singles.items()},
        chart=chart,
    )
