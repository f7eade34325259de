"""The indicator report as an Excel workbook: a summary sheet, a trend sheet and one sheet per
disaggregation; headers in the reader's language, numbers as numbers, "<5" as text."""

import re
from datetime import date
from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from pokpong.monitoring.reports import Figures, cell_value, headline, unit_label
from pokpong.monitoring.results import SUPPRESSED_TEXT, IndicatorResult

LAO_FONT = "Noto Sans Lao"  # the bundled font's family; Excel falls back when it lacks it
BOLD = Font(name=LAO_FONT, bold=True)
PLAIN = Font(name=LAO_FONT)


def _sheet_title(text: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    title = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "-"
    base, n = title, 2
    while title in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _header(sheet: Worksheet, figures: Figures) -> None:
    spec = figures.spec
    sheet.append([_("Indicator report")])
    sheet.append([_("Period"), f"{spec.period.label} ({spec.period.code})"])
    sheet.append([_("From – to"), _date(spec.period.start) + " – " + _date(spec.period.end)])
    sheet.append([_("Scope"), figures.scope_label])
    sheet.append([_("Produced on"), formats.date_format(figures.produced_at, "SHORT_DATE_FORMAT")])
    if spec.suppressed:
        sheet.append([_protection_note()])
    sheet.append([])
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = PLAIN
    sheet["A1"].font = Font(name=LAO_FONT, bold=True, size=14)


def _date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _protection_note() -> str:
    return _(
        "Counts from 1 to 4 are shown as “%(text)s”, and so are the numbers that would "
        "let them be worked out."
    ) % {"text": SUPPRESSED_TEXT}


def _table(sheet: Worksheet, headers: list[str], rows: list[list[object]]) -> None:
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.font = PLAIN
            if isinstance(cell.value, str) and cell.value == SUPPRESSED_TEXT:
                cell.alignment = Alignment(horizontal="right")


def _percent(result: IndicatorResult) -> object:
    achieved = result.percent_of_target
    return "–" if achieved is None else achieved


def _summary(sheet: Worksheet, figures: Figures) -> None:
    _header(sheet, figures)
    headers = [
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Value"),
        _("Percentage"),
        _("Target"),
        _("% achieved"),
    ]
    rows: list[list[object]] = [
        [
            r.code,
            r.name,
            unit_label(r.unit),
            headline(r),
            "–" if r.percentage is None else r.percentage,  # "number and percentage" indicators
            "–" if r.target is None else r.target,
            _percent(r),
        ]
        for r in figures.results
    ]
    _table(sheet, headers, rows)
    _widths(sheet, [14, 60, 14, 10, 10, 10, 12])


def _trend(sheet: Worksheet, figures: Figures) -> None:
    _header(sheet, figures)
    rows: list[list[object]] = []
    for result in figures.results:
        for quarter in figures.quarters.get(result.code, []):
            rows.append([result.code, result.name, quarter.period.code, cell_value(quarter.total)])
    _table(sheet, [_("Code"), _("Indicator"), _("Quarter"), _("Value")], rows)
    _widths(sheet, [14, 60, 12, 10])


def _dimension(sheet: Worksheet, figures: Figures, dimension: str) -> None:
    _header(sheet, figures)
    rows: list[list[object]] = []
    for result in figures.results:
        for breakdown in result.breakdowns:
            if breakdown.dimension != dimension:
                continue
            for row in breakdown.rows:
                rows.append([result.code, result.name, row.label, cell_value(row.cell)])
            rows.append([result.code, result.name, _("Total"), cell_value(result.total)])
    headers = [_("Code"), _("Indicator"), _("Category"), _("Value")]
    _table(sheet, headers, rows)
    _widths(sheet, [14, 60, 36, 10])


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def dimensions_of(figures: Figures) -> dict[str, str]:
    """Every disaggregation the results have, in order of first appearance: key → label."""
    found: dict[str, str] = {}
    for result in figures.results:
        for breakdown in result.breakdowns:
            found.setdefault(breakdown.dimension, breakdown.label)
    return found


def build_xlsx(figures: Figures) -> bytes:
    workbook = Workbook()
    taken: set[str] = set()
    summary = workbook.worksheets[0]
    summary.title = _sheet_title(_("Summary"), taken)
    _summary(summary, figures)
    _trend(workbook.create_sheet(_sheet_title(_("Trend by quarter"), taken)), figures)
    for dimension, label in dimensions_of(figures).items():
        _dimension(workbook.create_sheet(_sheet_title(label, taken)), figures, dimension)
    workbook.properties.title = _("Indicator report")
    workbook.properties.creator = "Pokpong"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
