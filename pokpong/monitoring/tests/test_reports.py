"""The indicator reports as files: Excel and PDF opened and read back, Lao text, the numbers,
no personal data, suppression for the public, the fiscal-year boundaries of the period."""

from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from pokpong.monitoring.periods import parse
from pokpong.monitoring.reports import ReportSpec, build, report_figures, trend_periods
from pokpong.monitoring.results import Scope
from pokpong.monitoring.tests.reports_world import SECRETS, build_world

pytestmark = pytest.mark.django_db

VICTIMS = "CUSTOM-1"


def spec(period: str, **kwargs: object) -> ReportSpec:
    return ReportSpec(period=parse(period), scope=Scope(), **kwargs)  # type: ignore[arg-type]


def figure(period: str, **kwargs: object):
    figures = report_figures(spec(period, **kwargs))
    return next(r for r in figures.results if r.code == VICTIMS), figures


def rows_of(workbook, sheet: str) -> list[tuple]:
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def sex_rows(result) -> dict[str, str]:
    sex = next(b for b in result.breakdowns if b.dimension == "sex")
    return {row.key: row.cell.shown for row in sex.rows}


def test_internal_figures_count_victims_identified_in_the_quarter():
    build_world()
    result, _ = figure("2026Q4", suppressed=False)
    assert result.total.value == 9
    assert sex_rows(result) == {"female": "7", "male": "2", "unknown": "0"}


def test_public_figures_hide_the_small_count_and_its_complement():
    build_world()
    result, figures = figure("2026Q4", suppressed=True)
    assert result.total.shown == "9"
    assert sex_rows(result) == {"female": "<5", "male": "<5", "unknown": "0"}
    # the trend's last quarter is the same number as the total; 2026Q3 (1 victim) is hidden
    assert [q.period.code for q in figures.quarters[VICTIMS]] == [
        "2026Q1",
        "2026Q2",
        "2026Q3",
        "2026Q4",
    ]
    assert [q.total.shown for q in figures.quarters[VICTIMS]] == ["0", "0", "<5", "9"]


def test_fiscal_year_runs_from_october_to_september():
    build_world()
    # 1 October 2025 and 30 September 2026 are in FY2026; November 2026 is not.
    result, _ = figure("FY2026", suppressed=False)
    assert result.total.value == 2
    assert figure("FY2027Q1", suppressed=False)[0].total.value == 9
    assert figure("FY2026Q1", suppressed=False)[0].total.value == 1
    assert figure("FY2026Q4", suppressed=False)[0].total.value == 1
    assert [p.code for p in trend_periods(parse("FY2026"))] == [
        "FY2026Q1",
        "FY2026Q2",
        "FY2026Q3",
        "FY2026Q4",
    ]
    assert [p.code for p in trend_periods(parse("FY2027Q1"))] == [
        "FY2026Q2",
        "FY2026Q3",
        "FY2026Q4",
        "FY2027Q1",
    ]


def test_excel_in_lao_has_the_numbers_as_numbers():
    build_world()
    content = build(spec("2026Q4", suppressed=False, language="lo", format="xlsx"))
    workbook = load_workbook(BytesIO(content))
    assert workbook.sheetnames[0] == "ສະຫຼຸບ"
    summary = rows_of(workbook, "ສະຫຼຸບ")
    header = next(row for row in summary if row[0] == "ລະຫັດ")
    assert len(header) == 7
    victims = next(row for row in summary if row[0] == VICTIMS)
    assert victims[1].startswith("ຈຳນວນຜູ້ເຄາະຮ້າຍ")
    assert victims[3] == 9 and isinstance(victims[3], int)
    assert victims[4] == "–"  # a count without a denominator has no percentage
    # "number and percentage" (CUSTOM-2): the engine's percentage, beside the number
    from pokpong.monitoring import engine
    from pokpong.monitoring.periods import parse
    from pokpong.monitoring.results import Scope

    with translation.override("lo"):
        served = engine.compute("CUSTOM-2", parse("2026Q4"), Scope())
    row = next(row for row in summary if row[0] == "CUSTOM-2")
    assert row[3] == served.total.value
    assert row[4] == ("–" if served.percentage is None else served.percentage)
    sex = rows_of(workbook, "ເພດ")
    assert (VICTIMS, victims[1], "ຍິງ", 7) in sex
    assert (VICTIMS, victims[1], "ຊາຍ", 2) in sex


def test_public_excel_in_english_writes_suppressed_cells_as_text():
    build_world()
    content = build(spec("2026Q4", suppressed=True, language="en", format="xlsx"))
    workbook = load_workbook(BytesIO(content))
    assert workbook.sheetnames[:2] == ["Summary", "Trend by quarter"]
    victims = next(row for row in rows_of(workbook, "Summary") if row[0] == VICTIMS)
    assert victims[3] == 9
    # victims per 100,000: no population entered, so no rate (never the count in its place)
    rate = next(row for row in rows_of(workbook, "Summary") if row[0] == "SDG-16.2.2")
    assert rate[3] == "–"
    sex = [row for row in rows_of(workbook, "Sex") if row[0] == VICTIMS]
    assert [(row[2], row[3]) for row in sex] == [
        ("Female", "<5"),
        ("Male", "<5"),
        ("Unknown", 0),
        ("Total", 9),
    ]
    trend = [row[2:] for row in rows_of(workbook, "Trend by quarter") if row[0] == VICTIMS]
    assert trend == [("2026Q1", 0), ("2026Q2", 0), ("2026Q3", "<5"), ("2026Q4", 9)]


def _pdf_text(content: bytes) -> str:
    """The PDF's text without white space (extraction puts spaces around Lao combining marks)."""
    text = "".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages)
    return "".join(text.split())


def test_pdf_in_lao_embeds_the_lao_font_and_shows_the_numbers():
    build_world()
    content = build(spec("2026Q4", suppressed=True, language="lo", format="pdf"))
    reader = PdfReader(BytesIO(content))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert any("Lao" in name for name in fonts), fonts
    text = _pdf_text(content)
    assert "ສະຫຼຸບ" in text  # "Summary"
    # the indicators' Lao names (extraction drops the ຳ vowel, so a word without it)
    assert "ຜູ້ເຄາະຮ້າຍທີ່ຖືກສົ່ງຕໍ່" in text
    # the summary row of victims identified: 9; the sex table hides 7 and 2; the trend hides 1
    assert "CUSTOM-1" in text
    assert "ຍິງ<5ຊາຍ<5" in text  # female <5, male <5
    assert "<52026Q392026Q4" in text  # the trend's bars: 2026Q3 "<5", 2026Q4 "9"


def test_no_report_contains_a_name_phone_village_or_date_of_birth():
    build_world()
    for fmt in ("xlsx", "pdf"):
        for suppressed in (True, False):
            for language in ("lo", "en"):
                content = build(
                    spec("2026Q4", suppressed=suppressed, language=language, format=fmt)
                )
                if fmt == "pdf":
                    text = _pdf_text(content)
                    secrets = ["".join(secret.split()) for secret in SECRETS]
                else:
                    workbook = load_workbook(BytesIO(content))
                    secrets = list(SECRETS)
                    text = "\n".join(
                        str(value)
                        for sheet in workbook.worksheets
                        for row in sheet.iter_rows(values_only=True)
                        for value in row
                        if value is not None
                    )
                assert "9" in text
                for secret in secrets:
                    assert secret not in text, (fmt, language, secret)
