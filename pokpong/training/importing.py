"""Bulk import of a session's participants from a spreadsheet (.xlsx or .csv).

Every row is validated before anything is written. When a row fails, nothing is imported
unless the user asks for the valid rows only. Headers and values may be written in Lao or
English: the headers are the attendance form's labels in either language, organisations are
found by short name or by their Lao or English name, provinces by code or name. Reading the
file (and refusing hostile ones) is the generic machinery of `pokpong.core.importing`.
"""

from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import Capability, has_capability
from pokpong.core import importing
from pokpong.core.importing import ImportFileError, Problem, Row, RowError, choice_aliases
from pokpong.core.importing import norm as _norm
from pokpong.places.models import Province
from pokpong.training import services
from pokpong.training.forms import EnrolForm
from pokpong.training.models import AgeGroup, TrainingSession

__all__ = ["ImportFileError", "ImportResult", "RowError", "import_participants", "read_rows"]

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
REQUIRED = ("full_name", "sex", "age_group", "organisation")


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def columns() -> list[importing.Column]:
    form = EnrolForm()
    return [
        importing.Column(name, form.fields[name].label, required=name in REQUIRED)
        for name in COLUMNS
    ]


def template_headers() -> list[str]:
    form = EnrolForm()
    return [str(form.fields[name].label) for name in COLUMNS]


def read_rows(upload: IO[bytes], filename: str) -> list[Row]:
    """The non-empty rows of the file; raises ImportFileError."""
    data = upload.read(MAX_BYTES + 1)
    return importing.read_rows(data, filename, columns(), max_bytes=MAX_BYTES, max_rows=MAX_ROWS)


class _Lookups:
    def __init__(self) -> None:
        self.sex = choice_aliases([("female", _("Female")), ("male", _("Male"))]) | {
            "f": "female",
            "m": "male",
        }
        self.age_group = choice_aliases(AgeGroup.choices)
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
    rows: list[Row],
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
    labels = {c.name: c.label for c in columns()}
    for row in rows:
        number, values = row.number, row.values
        form = EnrolForm(_form_data(values, lookups, session))
        if row.problems or not form.is_valid():
            problems = row.problems + importing.form_problems(form, values, labels)
            result.errors.append(RowError(number, problems))
            continue
        key = (
            form.cleaned_data["full_name"].strip().casefold(),
            form.cleaned_data["organisation"].pk,
        )
        if key in seen:
            result.errors.append(
                RowError(
                    number, [Problem("", _("Same person as row %(row)s.") % {"row": seen[key]})]
                )
            )
            continue
        if key in already:
            result.errors.append(
                RowError(
                    number,
                    [
                        Problem(
                            "",
                            _("%(name)s is already in this session.")
                            % {"name": form.cleaned_data["full_name"]},
                        )
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
