"""The generic spreadsheet reader: hostile files refused with a clear message, values read as
Lao users write them (Lao digits, Buddhist-era years), formulas never evaluated."""

import csv
import io
import zipfile

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from pokpong.core.importing import (
    MAX_COLUMNS,
    Column,
    ImportFileError,
    csv_safe,
    date_text,
    read_rows,
    year_text,
)

COLUMNS = [Column("name", _("Name"), required=True), Column("held_on", _("Date"))]
LIMITS = {"max_bytes": 1_000_000, "max_rows": 50}


def _xlsx(rows, sheets=1) -> bytes:
    book = Workbook()
    for number in range(1, sheets):
        book.create_sheet(f"S{number}")
    for row in rows:
        book.worksheets[0].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read(data, name="a.csv"):
    with translation.override("en"):
        return read_rows(data, name, COLUMNS, **LIMITS)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "empty"),
        (b"  \n", "a.csv", "empty"),
        (b"Nom,Jour\nVilay,1\n", "a.csv", "Unknown columns: Nom, Jour"),
        (b"Date\n2025-01-01\n", "a.csv", "Missing columns: Name"),
        (b"Name,name\nA,B\n", "a.csv", "Columns given twice"),
        ("Name\nວິໄລ\n".encode("utf-16"), "a.csv", "not in UTF-8"),
        ("Name\nสมชาย\n".encode("cp874"), "a.csv", "not in UTF-8"),
        ("Name\nNoël\n".encode("latin-1"), "a.csv", "not in UTF-8"),
        (b"Name\n\x00\x00\n", "a.csv", "cannot be read"),
        (b"not a workbook", "a.xlsx", "cannot be read"),
        (b"PK\x03\x04broken", "a.xlsx", "cannot be read"),
        (b"%PDF-1.4", "a.pdf", "Excel"),
        (b"x" * 1_000_001, "a.csv", "larger than"),
        (("Name\n" + "a\n" * 60).encode(), "a.csv", "At most 50 rows"),
        (("," * (MAX_COLUMNS + 5) + "x\n").encode(), "a.csv", "more than 100 columns"),
        (("Name\n" + "x" * 200_000 + "\n").encode(), "a.csv", "cannot be read"),
    ],
)
def test_a_hostile_or_unreadable_file_is_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ImportFileError, match=message):
        _read(data, name)


def test_a_zip_bomb_posing_as_xlsx_is_refused_before_it_is_inflated():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 30_000_000)
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ImportFileError, match="not a normal workbook"):
        _read(out.getvalue(), "bomb.xlsx")


def test_a_zip_of_too_many_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(300):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", "<x/>")
    with pytest.raises(ImportFileError, match="not a normal workbook"):
        _read(out.getvalue(), "parts.xlsx")


def test_a_workbook_of_many_sheets_is_read_from_its_first_sheet_only():
    rows = _read(_xlsx([["Name"], ["Vilay"]], sheets=30), "a.xlsx")
    assert [r.values for r in rows] == [{"name": "Vilay"}]


def test_an_xlsx_row_of_ten_thousand_columns_is_refused():
    with pytest.raises(ImportFileError, match="more than 100 columns"):
        _read(_xlsx([["Name"], ["x"] * 10_000]), "wide.xlsx")


@pytest.mark.parametrize("name", ["a.csv", "a.xlsx"])
def test_a_formula_is_refused_as_a_row_problem_and_never_evaluated(name):
    table = [["Name", "Date"], ["=1+1", "2025-01-01"], ['=HYPERLINK("http://x","y")', ""]]
    if name.endswith(".csv"):
        out = io.StringIO()
        csv.writer(out).writerows(table)
        data = out.getvalue().encode()
    else:
        data = _xlsx(table)
    rows = _read(data, name)
    assert [r.number for r in rows] == [2, 3]
    assert all("name" not in r.values for r in rows)
    assert "Formulas are not accepted" in str(rows[0].problems[0])


def test_lao_digits_and_bilingual_headers_and_xlsx_dates_are_read():
    import datetime as dt

    with translation.override("lo"):
        lao_name = str(_("Name"))
    data = _xlsx([[lao_name, "Date"], ["ວິໄລ ໑໒", dt.date(2025, 3, 14)]])
    rows = _read(data, "a.xlsx")
    assert rows[0].values == {"name": "ວິໄລ 12", "held_on": "2025-03-14"}


def test_the_explanation_lines_of_a_csv_template_are_skipped():
    rows = _read(b"Name,Date\n# Name | required\nVilay,\n")
    assert [(r.number, r.values) for r in rows] == [(3, {"name": "Vilay"})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/03/2025", "2025-03-14"),
        ("14/03/2568", "2025-03-14"),  # Buddhist era, as Lao officials often write it
        ("໑໔/໐໓/໒໕໖໘", "2025-03-14"),  # in Lao digits too
        ("2568-03-14", "2025-03-14"),
        ("1.3.2024", "2024-03-01"),
        ("2024-03-01 00:00:00", "2024-03-01"),
        ("31/02/2020", "31/02/2020"),  # no such day: left for the form to refuse
        ("yesterday", "yesterday"),
    ],
)
def test_dates_are_read_as_lao_users_write_them(text, expected):
    assert date_text(text) == expected


def test_years_of_the_buddhist_era_are_converted():
    assert (year_text("2568"), year_text("໒໕໓໘"), year_text("1998"), year_text("98")) == (
        "2025",
        "1995",
        "1998",
        "98",
    )


@given(st.text(max_size=30))
def test_date_text_never_fails_whatever_it_is_given(text):
    assert isinstance(date_text(text), str)


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx"])
def test_an_exported_cell_is_never_read_back_as_a_formula(value):
    assert csv_safe(value).startswith("'")
    assert csv_safe("Vilay") == "Vilay"
