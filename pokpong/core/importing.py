"""Reading spreadsheets for bulk imports (.xlsx or .csv), safely, into rows of text.

Model-free: each import (training participants, historical persons and cases, prevention
activities) declares its columns and validates each row through the same form the page uses.
Everything a hostile file can try is refused here, before any row reaches a form:

- a file over the size limit, an empty file, a file that is neither .xlsx nor .csv;
- a CSV file not in UTF-8 (with or without BOM): refused with a message saying how to save it;
- a zip bomb posing as .xlsx: the zip's members are counted and their declared sizes added up
  before openpyxl opens it (zipfile then refuses a member larger than it declared);
- rows of thousands of columns, more rows than allowed, an unknown, missing or repeated header;
- a formula (a cell starting with "="): the cell is refused (a row error), never evaluated —
  workbooks are opened without cached values, so a formula reaches us as its text.

Dates: ISO (2025-03-14) or dd/mm/yyyy, with Lao or ASCII digits; a year of the Buddhist era
(as Lao officials often write it, e.g. 14/03/2568) is converted by subtracting 543. Lao digits
in any cell are converted to ASCII.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from pokpong.core.lao import digits_to_ascii

MAX_COLUMNS = 100
MAX_ZIP_MEMBERS = 200
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO = 150  # uncompressed / compressed; an honest sheet stays far below
BUDDHIST_ERA = 543
FORMULA = "="
COMMENT = "#"
_CSV_INJECTION = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass(frozen=True)
class Column:
    """A column of an import: its name, its label (the form's, in Lao and English), whether it
    is required, and what it accepts (shown in the template's explanation)."""

    name: str
    label: Any  # a lazy translation
    required: bool = False
    allowed: Any = ""  # a lazy translation or a callable giving the allowed values
    aliases: tuple[str, ...] = ()

    def allowed_text(self) -> str:
        return str(self.allowed() if callable(self.allowed) else self.allowed)


@dataclass(frozen=True)
class Problem:
    column: str  # the column's label as the user reads it ("" for the whole row)
    message: str

    def __str__(self) -> str:
        return f"{self.column}: {self.message}" if self.column else self.message


@dataclass
class RowError:
    row: int  # the spreadsheet's own row number (the header is row 1)
    problems: list[Problem]

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass
class Row:
    number: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)  # refused cells (formulas)


def norm(text: Any) -> str:
    """A header or value as compared: no case, no punctuation of labels, single spaces."""
    text = "" if text is None else str(text)
    return re.sub(r"[\s:*()%]+", " ", text).strip().casefold()


def choice_aliases(choices: Iterable[tuple[Any, Any]]) -> dict[str, str]:
    """Lao and English labels of choices (and the stored values) → the stored value."""
    pairs = list(choices)
    aliases: dict[str, str] = {}
    for lang in ("en", "lo"):
        with translation.override(lang):
            for value, label in pairs:
                if value in ("", None):
                    continue
                aliases[norm(label)] = str(value)
                aliases[norm(value)] = str(value)
    return aliases


def header_aliases(columns: Sequence[Column]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for column in columns:
        aliases[norm(column.name)] = column.name
        for alias in column.aliases:
            aliases[norm(alias)] = column.name
        for lang in ("en", "lo"):
            with translation.override(lang):
                aliases[norm(column.label)] = column.name
    for column, both in zip(columns, template_headers(columns), strict=True):
        aliases[norm(both)] = column.name  # the bilingual header of our templates
    return aliases


def template_headers(columns: Sequence[Column], *, language: str | None = None) -> list[str]:
    """The headers of an empty template: "Lao / English" when `language` is None."""
    if language:
        with translation.override(language):
            return [str(c.label) for c in columns]
    both = []
    for column in columns:
        with translation.override("lo"):
            lao = str(column.label)
        with translation.override("en"):
            english = str(column.label)
        both.append(lao if lao == english else f"{lao} / {english}")
    return both


def csv_safe(value: Any) -> str:
    """A value written to a CSV a spreadsheet will open: never read back as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_CSV_INJECTION) else text


# --- reading the file -----------------------------------------------------------------------


def read_table(data: bytes, filename: str, *, max_bytes: int, max_rows: int) -> list[list[str]]:
    """The file's first sheet as rows of text; raises ImportFileError."""
    if len(data) > max_bytes:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": max(1, max_bytes // 2**20)}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_table(data, max_rows)
    if name.endswith(".csv"):
        return _csv_table(data, max_rows)
    raise ImportFileError(_("Choose an Excel (.xlsx) or CSV file."))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "The CSV file is not in UTF-8 (it may be in a Thai or Western Windows encoding, "
                "which cannot hold Lao text). In Excel choose Save as → CSV UTF-8, or upload "
                "the .xlsx file."
            )
        ) from exc


def _csv_table(data: bytes, max_rows: int) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("The CSV file cannot be read."))
    table: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            _check_width(cells)
            table.append(cells)
            _check_length(table, max_rows)
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file cannot be read.")) from exc
    return table


def _check_width(cells: Sequence[Any]) -> None:
    if len(cells) > MAX_COLUMNS and any(c not in (None, "") for c in cells[MAX_COLUMNS:]):
        raise ImportFileError(_("A row has more than %(count)s columns.") % {"count": MAX_COLUMNS})


def _check_length(table: list[list[str]], max_rows: int) -> None:
    if len(table) > max_rows + 1:
        raise ImportFileError(
            _("At most %(count)s rows can be imported at once.") % {"count": max_rows}
        )


def _check_zip(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("The Excel file cannot be read.")) from exc
    inflated = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if (
        len(members) > MAX_ZIP_MEMBERS
        or inflated > MAX_UNCOMPRESSED
        or inflated / packed > MAX_RATIO
    ):
        raise ImportFileError(
            _("The Excel file is not a normal workbook (too many parts or too large unpacked).")
        )


def _xlsx_table(data: bytes, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        # Without data_only a formula arrives as its text ("=A1+1"), so it can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportFileError(_("The Excel file cannot be read.")) from exc
    table: list[list[str]] = []
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            _check_width(row)
            table.append([_cell_text(v) for v in row])
            _check_length(table, max_rows)
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet fails only while it is read
        raise ImportFileError(_("The Excel file cannot be read.")) from exc
    finally:
        workbook.close()
    return table


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- header and rows ------------------------------------------------------------------------


def map_header(cells: Sequence[str], columns: Sequence[Column]) -> list[str | None]:
    """Each header cell's column name; raises ImportFileError for an unknown, repeated or
    missing column (the message names them in the user's language)."""
    aliases = header_aliases(columns)
    labels = {c.name: c.label for c in columns}
    header: list[str | None] = []
    unknown = []
    for cell in cells:
        if not norm(cell):
            header.append(None)
            continue
        name = aliases.get(norm(cell))
        if name is None:
            unknown.append(str(cell)[:60])
        header.append(name)
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. Use the headers of the template.")
            % {"columns": ", ".join(unknown[:10])}
        )
    repeated = sorted({n for n in header if n and header.count(n) > 1})
    if repeated:
        raise ImportFileError(
            _("Columns given twice: %(columns)s.")
            % {"columns": ", ".join(str(labels[n]) for n in repeated)}
        )
    missing = [str(c.label) for c in columns if c.required and c.name not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return header


def rows_of(table: list[list[str]], columns: Sequence[Column]) -> list[Row]:
    """(row number, {column: text}) of each non-empty row: Lao digits in ASCII, formulas
    refused as row problems (their text is never passed on)."""
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = map_header(table[0], columns)
    labels = {c.name: c.label for c in columns}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if cells and str(cells[0]).startswith(COMMENT):
            continue  # the explanation rows of a CSV template
        row = Row(number, {})
        for name, cell in zip(header, cells, strict=False):
            text = digits_to_ascii(cell).strip()
            if not name or not text:
                continue
            if text.startswith(FORMULA):
                row.problems.append(
                    Problem(str(labels[name]), _("Formulas are not accepted: type the value."))
                )
                continue
            row.values[name] = text
        if row.values or row.problems:
            rows.append(row)
    return rows


def read_rows(
    data: bytes, filename: str, columns: Sequence[Column], *, max_bytes: int, max_rows: int
) -> list[Row]:
    return rows_of(read_table(data, filename, max_bytes=max_bytes, max_rows=max_rows), columns)


# --- values ---------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")


def _era(year: int) -> int:
    """A year of the Buddhist era (2400 and later) in the common era."""
    return year - BUDDHIST_ERA if year >= 2400 else year


def date_text(text: str) -> str:
    """A date as ISO text for the form (dd/mm/yyyy, ISO, Buddhist-era years converted); text
    that is not such a date is returned as it was, for the form to refuse in its own words."""
    text = digits_to_ascii(text).strip()
    found = _DMY.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
    else:
        found = _YMD.match(text)
        if not found:
            return text
        year, month, day = (int(g) for g in found.groups())
    try:
        return dt.date(_era(year), month, day).isoformat()
    except ValueError:
        return text


def year_text(text: str) -> str:
    """A year as the common era's (2568 → 2025); other text unchanged."""
    text = digits_to_ascii(text).strip()
    return str(_era(int(text))) if text.isdigit() and len(text) == 4 else text


def form_problems(
    form: forms.Form, values: dict[str, str], labels: dict[str, Any]
) -> list[Problem]:
    """A bound, invalid form's errors as problems naming the column and the value typed."""
    problems = []
    for name, errors in form.errors.items():
        label = labels.get(name) or (form.fields[name].label if name in form.fields else "")
        shown = values.get(name, "")[:60]
        for error in errors:
            message = f"{error} ({shown})" if shown else str(error)
            problems.append(Problem(str(label or ""), message))
    return problems


Lookup = Callable[[str], object]


def lookup_text(mapping: dict[str, Any], text: str) -> object:
    """A reference value by any of its spellings; -1 (no such record) when unknown, so the
    form refuses it with its own message."""
    if not text:
        return ""
    return mapping.get(norm(text), -1)


def label_text(label: Any) -> str:
    return str(label) if isinstance(label, str | Promise) else ""
