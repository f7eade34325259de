"""Indicator reports (quarterly and annual) as Excel and PDF, for a period and a scope.

The numbers come from the engine and pass through small-number protection exactly as the
dashboard's do (`report_figures`), so a number reads the same on the page and on paper. The
builders only lay them out: `reports.xlsx.build_xlsx`, `reports.pdf.build_pdf`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pokpong.monitoring import engine
from pokpong.monitoring.periods import Period, parse
from pokpong.monitoring.results import RATE_UNIT, SUPPRESSED_TEXT, Cell, IndicatorResult, Scope
from pokpong.monitoring.suppression import protect
from pokpong.places.models import Province

FORMATS = ("xlsx", "pdf")
AUDIENCES = ("internal", "public")
LANGUAGES = ("lo", "en")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReportSpec:
    """What to report: the period, the scope, the reader's language and whether small numbers
    are suppressed (a public report, or a reader without access to the records behind it)."""

    period: Period
    scope: Scope
    language: str = "lo"
    suppressed: bool = True
    format: str = "xlsx"


@dataclass
class Figures:
    spec: ReportSpec
    results: list[IndicatorResult]
    quarters: dict[str, list[IndicatorResult]]  # by code: the trend shown beside each result
    scope_label: str
    produced_at: datetime = field(default_factory=timezone.now)


Progress = Callable[[int], None]


def _previous_quarter(period: Period) -> Period:
    fiscal = period.code.startswith("FY")
    year, quarter = int(period.code.removeprefix("FY")[:4]), int(period.code[-1])
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return parse(f"{'FY' if fiscal else ''}{year}Q{quarter}")


def trend_periods(period: Period) -> list[Period]:
    """The quarters a report shows beside its period: a year's four, or a quarter and the three
    before it (fiscal quarters for a fiscal quarter)."""
    if len(period.quarters()) > 1:
        return period.quarters()
    quarters = [period]
    while len(quarters) < 4:
        quarters.insert(0, _previous_quarter(quarters[0]))
    return quarters


def scope_label(scope: Scope) -> str:
    place = _("Whole country")
    if scope.province_id is not None:
        province = Province.objects.filter(pk=scope.province_id).first()
        place = str(province) if province else place
    if scope.area == "target":
        return _("%(place)s, programme target area") % {"place": place}
    if scope.area == "rest":
        return _("%(place)s, outside the programme target area") % {"place": place}
    return place


def report_figures(spec: ReportSpec, progress: Progress | None = None) -> Figures:
    """The results of every indicator with their quarterly trend, protected when the spec says
    so. The dashboard shows the same by calling this with its own period and scope."""
    step = progress or (lambda percent: None)
    with translation.override(spec.language):
        results = engine.compute_all(spec.period, spec.scope)
        step(20)
        periods = trend_periods(spec.period)
        quarters: dict[str, list[IndicatorResult]] = {}
        every_trend = engine.trends(periods, spec.scope)
        for done, result in enumerate(results, 1):
            shown = every_trend.get(result.code) or engine.trend(result.code, periods, spec.scope)
            for quarter in shown:
                if quarter.period == spec.period:
                    quarter.total = result.total  # the very same number, suppressed together
            quarters[result.code] = shown
            step(20 + 60 * done // max(len(results), 1))
        if spec.suppressed:
            protect(results, quarters=quarters)
        return Figures(spec, results, quarters, scope_label(spec.scope))


def cell_value(cell: Cell | None) -> int | str:
    """A cell as a spreadsheet holds it: a number, "<5" as text, "–" when unknown."""
    if cell is None or cell.value is None:
        return "–"
    if cell.suppressed:
        return SUPPRESSED_TEXT
    return cell.value


def headline(result: IndicatorResult) -> int | float | str:
    """The indicator's value as the summary shows it: the count, or for a rate indicator the
    rate ("–" without a population, hidden with a hidden count)."""
    if result.is_rate:
        if result.total.suppressed:
            return SUPPRESSED_TEXT
        return float(result.rate) if result.rate is not None else "–"
    return cell_value(result.total)


UNITS = {
    "persons": lambda: _("persons"),
    "referrals": lambda: _("referrals"),
    "committees": lambda: _("committees"),
    "documents": lambda: _("documents"),
    RATE_UNIT: lambda: _("per 100,000 population"),
}


def unit_label(unit: str) -> str:
    label = UNITS.get(unit)
    return label() if label else unit


def report_filename(spec: ReportSpec) -> str:
    place = "national"
    if spec.scope.province_id is not None:
        province = Province.objects.filter(pk=spec.scope.province_id).first()
        place = province.iso_code if province else "province"
    area = "" if spec.scope.area == "all" else f"-{spec.scope.area}"
    audience = "public" if spec.suppressed else "internal"
    return f"indicators-{spec.period.code}-{place}{area}-{audience}-{spec.language}.{spec.format}"


def build(spec: ReportSpec, progress: Progress | None = None) -> bytes:
    """The report's file."""
    from pokpong.monitoring.reports.pdf import build_pdf
    from pokpong.monitoring.reports.xlsx import build_xlsx

    figures = report_figures(spec, progress)
    with translation.override(spec.language):
        content = build_pdf(figures) if spec.format == "pdf" else build_xlsx(figures)
    if progress:
        progress(100)
    return content
