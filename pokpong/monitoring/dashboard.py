"""The indicator dashboard: what the viewer asked for (period, province, programme area), read
safely, and the numbers for it from the engine, protected for viewers without personal data.

The view only renders what `dashboard_for` returns. Which provinces a viewer may ask for comes
from the policy (`report_provinces_for`); a province outside it is ignored with a message.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import report_provinces_for, sees_small_numbers
from pokpong.monitoring import suppression
from pokpong.monitoring.charts import Bar, breakdown_chart, trend_chart
from pokpong.monitoring.dashboard_links import ListLink, list_links
from pokpong.monitoring.periods import (
    Period,
    PeriodError,
    fiscal_year_of,
    parse,
    quarter_of,
)
from pokpong.monitoring.reports import Figures, ReportSpec, report_figures
from pokpong.monitoring.results import Breakdown, IndicatorResult, Row, Scope
from pokpong.places.models import Province

OFFERED_QUARTERS = 8
UNITS = {  # the catalogue's units (data in English), as the reader reads them
    "persons": gettext_lazy("persons"),
    "documents": gettext_lazy("documents"),
    "committees": gettext_lazy("committees"),
    "referrals": gettext_lazy("referrals"),
    "per 100000": gettext_lazy("per 100,000"),
}
AREAS = {
    "all": gettext_lazy("All areas"),
    "target": gettext_lazy("Programme target area"),
    "rest": gettext_lazy("Outside the target area"),
}


# --- the numbers: the reports' own figures, so that the page and the Excel/PDF agree --------


def sees_exact_numbers(user: User, filters: "Filters") -> bool:
    return sees_small_numbers(user, filters.province.pk if filters.province else None)


def figures_for(user: User, filters: "Filters") -> Figures:
    """Every indicator's result and its quarters (a year's four, or a quarter and the three
    before), protected in one pass exactly as the report of this period and scope is: the same
    number, hidden the same way, on the page, in the Excel and in the PDF."""
    spec = ReportSpec(
        period=filters.period,
        scope=filters.scope,
        language=get_language() or "lo",
        suppressed=not sees_exact_numbers(user, filters),
    )
    return report_figures(spec)


def protect(results: list[IndicatorResult], *, user: User, filters: "Filters") -> None:
    """Small-number protection of figures of the page's own (the referral figures), in place,
    for viewers who may not see small numbers."""
    if not sees_exact_numbers(user, filters):
        suppression.protect(results)


# --- periods offered ------------------------------------------------------------------------


def period_choices(today: date, chosen: Period) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods offered, grouped: fiscal years and their quarters, calendar years, quarters
    (and the one chosen, if it is none of those: any period code typed in the address)."""
    fiscal = fiscal_year_of(today)
    this_fy = int(fiscal.code[2:])
    fiscal_periods = []
    for year in (this_fy, this_fy - 1):
        fiscal_periods += [parse(f"FY{year}"), *parse(f"FY{year}").quarters()]
    calendar = [parse(str(year)) for year in (today.year, today.year - 1)]
    quarters = recent_quarters_before(quarter_of(today), OFFERED_QUARTERS)[::-1]
    offered = [*fiscal_periods, *calendar, *quarters]
    extra = [] if chosen in offered else [(_("Chosen"), [(chosen.code, chosen.label)])]
    return [
        *extra,
        (_("Fiscal year (October–September)"), [(p.code, p.label) for p in fiscal_periods]),
        (_("Calendar year"), [(p.code, p.label) for p in calendar]),
        (_("Quarter"), [(p.code, p.label) for p in quarters]),
    ]


def recent_quarters_before(last: Period, count: int) -> list[Period]:
    """`count` quarters ending with `last`, oldest first, in `last`'s own reckoning (fiscal
    quarters for a fiscal quarter, calendar ones otherwise)."""
    fiscal = last.kind == "fy_quarter"
    year, quarter = int(last.code.removeprefix("FY")[:4]), int(last.code[-1])
    found: list[Period] = []
    for _index in range(count):
        found.insert(0, parse(f"{'FY' if fiscal else ''}{year}Q{quarter}"))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return found


# --- what the viewer asked for --------------------------------------------------------------


@dataclass
class Filters:
    period: Period
    province: Province | None  # None: the country (national viewers only)
    area: str
    indicator: str
    provinces: list[Province]  # those the viewer may choose
    national: bool
    messages: list[str] = field(default_factory=list)

    @property
    def scope(self) -> Scope:
        return Scope(province_id=self.province.pk if self.province else None, area=self.area)

    def query(self, **changes: str) -> str:
        """The query string of these filters, with some changed (for links within the page)."""
        values = {
            "period": self.period.code,
            "province": str(self.province.pk) if self.province else "",
            "area": self.area,
            "indicator": self.indicator,
        }
        values.update(changes)
        return "&".join(f"{k}={v}" for k, v in values.items() if v)


def _period(raw: str, today: date, notes: list[str]) -> Period:
    if raw:
        try:
            return parse(raw)
        except PeriodError as error:
            notes.append(str(error))
    return fiscal_year_of(today)


def _province(
    raw: str, allowed: list[Province], national: bool, notes: list[str]
) -> Province | None:
    chosen = next((p for p in allowed if str(p.pk) == raw or p.iso_code == raw), None)
    if raw and chosen is None:
        notes.append(_("You may not see the numbers of that province: yours are shown."))
    if chosen is None and not national:
        return allowed[0]
    return chosen


def filters_for(*, user: User, params: Mapping[str, str], today: date) -> Filters:
    """The filters asked for, each checked; a bad one falls back to its default with a note."""
    notes: list[str] = []
    scope = report_provinces_for(user)
    national = scope is None
    provinces = list(
        Province.objects.all() if scope is None else Province.objects.filter(pk__in=scope)
    )
    area = params.get("area", "all")
    if area not in AREAS:
        notes.append(_("Unknown programme area: all areas are shown."))
        area = "all"
    return Filters(
        period=_period(params.get("period", ""), today, notes),
        province=_province(params.get("province", ""), provinces, national, notes),
        area=area,
        indicator=params.get("indicator", "")[:40],
        provinces=provinces,
        national=national,
        messages=notes,
    )


# --- the page -------------------------------------------------------------------------------


@dataclass
class Headline:
    result: IndicatorResult
    link: str | None  # the list behind the total, when the viewer may open it
    focus_query: str  # this page, focused on the indicator

    @property
    def unit(self) -> str:
        return str(UNITS.get(self.result.unit, self.result.unit))


@dataclass
class Section:
    """One breakdown of the focused indicator: its chart and its rows, each maybe a link."""

    breakdown: Breakdown
    chart: str
    rows: list[tuple[Row, str | None]]

    @property
    def has_links(self) -> bool:
        """The chart writes every value already: a table only for the rows that are links."""
        return any(link for _row, link in self.rows)


@dataclass
class Dashboard:
    filters: Filters
    headlines: list[Headline]
    focus: IndicatorResult | None
    trend_chart: str = ""
    sections: list[Section] = field(default_factory=list)


def _link(
    route: ListLink | None, user: User, period: Period, province: Province | None
) -> str | None:
    return route.url(period=period, province=province) if route and route.may_open(user) else None


def _quarter_bar(result: IndicatorResult) -> Bar:
    """A quarter's bar: "Q1" over its year (the fiscal year's, for a fiscal quarter)."""
    code = result.period.code.removeprefix("FY")
    return Bar(_("Q%(n)s") % {"n": code[-1]}, result.total, code[:4])


def _sections(
    focus: IndicatorResult, route: ListLink | None, user: User, filters: Filters
) -> list[Section]:
    by_iso = {p.iso_code: p for p in filters.provinces}
    sections = []
    for index, breakdown in enumerate(focus.breakdowns):
        bars = [Bar(row.label, row.cell) for row in breakdown.rows]
        chart = breakdown_chart(chart_id=f"b{index}", title=breakdown.label, bars=bars)
        rows = []
        for row in breakdown.rows:
            province = by_iso.get(row.key) if breakdown.dimension == "province" else None
            linked = province is not None and not row.cell.suppressed and bool(row.cell.value)
            rows.append((row, _link(route, user, filters.period, province) if linked else None))
        sections.append(Section(breakdown, chart, rows))
    return sections


def _headline(
    result: IndicatorResult, route: ListLink | None, user: User, filters: Filters
) -> Headline:
    shows_value = bool(result.total.value) and not result.total.suppressed
    link = _link(route, user, filters.period, filters.province)
    focus = filters.query(indicator=result.code)
    return Headline(result, link if shows_value else None, focus)


def dashboard_for(*, user: User, filters: Filters, today: date) -> Dashboard:
    figures = figures_for(user, filters)
    results = figures.results
    focus = next((r for r in results if r.code == filters.indicator), None)
    focus = focus or next((r for r in results if r.computed and r.total.value), None)
    focus = focus or next((r for r in results if r.computed), None)
    routes = list_links()
    if focus is not None:
        filters.indicator = focus.code
    headlines = [_headline(r, routes.get(r.code), user, filters) for r in results]
    board = Dashboard(filters=filters, headlines=headlines, focus=focus)
    if focus is None:
        return board
    # Quarters still to come are not drawn (their zero says nothing yet).
    points = [q for q in figures.quarters.get(focus.code, []) if q.period.start <= today]
    board.trend_chart = trend_chart(
        chart_id="trend",
        title=_("%(name)s, by quarter") % {"name": focus.name},
        bars=[_quarter_bar(p) for p in points],
    )
    board.sections = _sections(focus, routes.get(focus.code), user, filters)
    return board
