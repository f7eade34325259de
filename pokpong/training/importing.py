"""Bulk import of a session's participants from a spreadsheet (.xlsx or .csv).

Every row is validated before anything is written. When a row fails, nothing is imported
unless the user asks for the valid rows only. Headers and values may be written in Lao or
English: the headers are the attendance form's labels in either language, organisations are
found by short name or by their Lao or English name, provinces by code or name.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import Capability, has_capability
from pokpong.places.models import Province
from pokpong.training import services
from pokpong.training.forms import EnrolForm
from pokpong.training.models import AgeGroup, TrainingSession

MAX_ROWS = 500
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = (
    "full_name",
    "sex",
    "age_group",
    "organisation",
    "position",
    "province",
    "pre_score",
    "post_score",
)


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class RowError:
    row: int  # the spreadsheet's own row number (the header is row 1)
    messages: list[str]


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _norm(text: Any) -> str:
    text = "" if text is None else str(text)
    return re.sub(r"[\s:*()%]+", " ", text).strip().casefold()


def _labels(choices_or_label: Any) -> dict[str, str]:
    """Lao and English forms of choice labels → the stored value."""
    aliases: dict[str, str] = {}
    for lang in ("en", "lo"):
        with translation.override(lang):
            for value, label in choices_or_label:
                aliases[_norm(label)] = value
                aliases[_norm(value)] = value
    return aliases


def header_aliases() -> dict[str, str]:
    form = EnrolForm()
    aliases: dict[str, str] = {}
    for name in COLUMNS:
        aliases[_norm(name)] = name
        for lang in ("en", "lo"):
            with translation.override(lang):
                aliases[_norm(form.fields[name].label)] = name
    return aliases


def template_headers() -> list[str]:
    form = EnrolForm()
    return [str(form.fields[name].label) for name in COLUMNS]


def read_rows(upload: IO[bytes], filename: str) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for each non-empty row; raises ImportFileError."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
        table = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportFileError(_("Choose an Excel (.xlsx) or CSV file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    aliases = header_aliases()
    header = [aliases.get(_norm(cell)) for cell in table[0]]
    missing = [c for c in ("full_name", "sex", "age_group", "organisation") if c not in header]
    if missing:
        form = EnrolForm()
        raise ImportFileError(
            _("Missing columns: %(columns)s.")
            % {"columns": ", ".join(str(form.fields[c].label) for c in missing)}
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            column: ("" if cell is None else str(cell)).strip()
            for column, cell in zip(header, cells, strict=False)
            if column
        }
        if any(values.values()):
            rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS}
        )
    return rows


def _xlsx_table(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportFileError(_("The Excel file cannot be read.")) from exc
    sheet = workbook.worksheets[0]
    table = []
    for row in sheet.iter_rows(values_only=True):
        table.append([_cell_text(v) for v in row])
        if len(table) > MAX_ROWS + 50:
            break
    workbook.close()
    return table


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Lookups:
    def __init__(self) -> None:
        self.sex = _labels([("female", _("Female")), ("male", _("Male"))]) | {
            "f": "female",
            "m": "male",
        }
        self.age_group = _labels(AgeGroup.choices)
        self.organisations: dict[str, int] = {}
        for org in Organisation.objects.filter(is_active=True):
            for text in (org.short_name, org.name_lo, org.name_en):
                if text:
                    self.organisations.setdefault(_norm(text), org.pk)
        self.provinces: dict[str, int] = {}
        for p in Province.objects.all():
            spellings = [p.national_code, p.iso_code, p.name_lo, p.name_en]
            spellings += p.other_spellings.split(",")
            for text in spellings:
                if text.strip():
                    self.provinces[_norm(text)] = p.pk

    def age(self, text: str) -> str:
        if text.isdigit():
            years = int(text)
            if years < 25:
                return AgeGroup.UNDER_25
            if years < 40:
                return AgeGroup.FROM_25
            if years < 55:
                return AgeGroup.FROM_40
            return AgeGroup.FROM_55
        return self.age_group.get(_norm(text), text)


def _form_data(
    values: dict[str, str], lookups: _Lookups, session: TrainingSession
) -> dict[str, object]:
    data: dict[str, object] = dict(values)
    data["sex"] = lookups.sex.get(_norm(values.get("sex")), values.get("sex", ""))
    data["age_group"] = lookups.age(values.get("age_group", ""))
    org = values.get("organisation", "")
    data["organisation"] = lookups.organisations.get(_norm(org), "" if not org else -1)
    province = values.get("province", "")
    if province:
        data["province"] = lookups.provinces.get(_norm(province), -1)
    else:
        data["province"] = session.province_id
    return data


def import_participants(
    *,
    user: User,
    session: TrainingSession,
    rows: list[tuple[int, dict[str, str]]],
    valid_only: bool = False,
) -> ImportResult:
    """Validate every row; write all of them, or none, or (on request) the valid ones."""
    if not has_capability(user, Capability.MANAGE_TRAINING):
        raise PermissionDenied
    lookups = _Lookups()
    result = ImportResult(rows=len(rows))
    valid: list[tuple[int, EnrolForm]] = []
    seen: dict[tuple[str, int], int] = {}
    already = {
        (name.casefold(), org)
        for name, org in session.enrolments.values_list(
            "participant__full_name", "participant__organisation"
        )
    }
    for number, values in rows:
        form = EnrolForm(_form_data(values, lookups, session))
        if not form.is_valid():
            messages = []
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                shown = values.get(name, "")
                for error in errors:
                    text = f"{label}: {error}" if label else str(error)
                    messages.append(f"{text} ({shown})" if shown else text)
            result.errors.append(RowError(number, messages))
            continue
        key = (
            form.cleaned_data["full_name"].strip().casefold(),
            form.cleaned_data["organisation"].pk,
        )
        if key in seen:
            result.errors.append(
                RowError(number, [_("Same person as row %(row)s.") % {"row": seen[key]}])
            )
            continue
        if key in already:
            result.errors.append(
                RowError(
                    number,
                    [
                        _("%(name)s is already in this session.")
                        % {"name": form.cleaned_data["full_name"]}
                    ],
                )
            )
            continue
        seen[key] = number
        valid.append((number, form))
    if result.errors and not valid_only:
        return result
    with transaction.atomic():
        for _number, form in valid:
            services.enrol(
                user=user,
                session=session,
                participant=form.participant(),
                pre_score=form.cleaned_data["pre_score"],
                post_score=form.cleaned_data["post_score"],
            )
            result.imported += 1
    return result
