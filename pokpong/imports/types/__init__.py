"""The kinds of import: what each reads (columns), how it checks a row (the page's own forms),
how it finds possible duplicates and how it writes a row (the page's own services)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.core.importing import Column, Problem, Row, norm
from pokpong.places.models import Country, District, Province


@dataclass
class Flag:
    """A possible duplicate: of an earlier row of the file, or of a person already recorded."""

    row: int
    same_as_row: int | None = None
    person_id: int | None = None
    label: str = ""  # the person's code (never a name) or the earlier row

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "same_as_row": self.same_as_row,
            "person_id": self.person_id,
            "label": self.label,
        }


@dataclass
class Checked:
    """A row that passed its forms: what the service will be given."""

    number: int
    data: Any


class ImportType(Protocol):
    kind: str

    def columns(self) -> list[Column]: ...

    def check(self, row: Row) -> tuple[list[Problem], Checked | None]: ...

    def duplicates(self, checked: Sequence[Checked]) -> list[Flag]: ...

    def write(self, checked: Checked) -> None: ...


@dataclass
class Places:
    """Provinces, districts and countries by every spelling a sheet may use."""

    provinces: dict[str, int] = field(default_factory=dict)
    districts: dict[str, int] = field(default_factory=dict)  # code, or "<province>|<name>"
    countries: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Places":
        places = cls()
        for p in Province.objects.all():
            spellings = [p.national_code, p.iso_code, p.name_lo, p.name_en, p.iso_name]
            for text in [*spellings, *p.other_spellings.split(",")]:
                if text and text.strip():
                    places.provinces[norm(text)] = p.pk
        for d in District.objects.filter(is_active=True):
            places.districts[norm(d.code)] = d.pk
            for text in (d.name_lo, d.name_en):
                if text:
                    places.districts[f"{d.province_id}|{norm(text)}"] = d.pk
        for c in Country.objects.filter(is_active=True):
            for text in (c.alpha2, c.alpha3, c.name_en, c.name_lo):
                if text:
                    places.countries[norm(text)] = c.pk
        return places

    def district(self, text: str, province: object) -> int | None:
        return self.districts.get(norm(text)) or self.districts.get(f"{province}|{norm(text)}")


def unknown(label: Any, value: str) -> Problem:
    return Problem(str(label), _("Not in the list: %(value)s.") % {"value": value[:60]})


def resolve(
    values: dict[str, str],
    data: dict[str, Any],
    problems: list[Problem],
    labels: dict[str, Any],
    name: str,
    mapping: dict[str, Any],
) -> None:
    """Put the stored value of `values[name]` in `data`, or a problem when it is unknown."""
    text = values.get(name, "")
    if not text:
        return
    found = mapping.get(norm(text))
    if found is None:
        problems.append(unknown(labels[name], text))
        data.pop(name, None)
    else:
        data[name] = found


def resolve_many(
    values: dict[str, str],
    data: dict[str, Any],
    problems: list[Problem],
    labels: dict[str, Any],
    name: str,
    mapping: dict[str, Any],
) -> None:
    """A list written in one cell ("a, b; c") as the stored values."""
    found = []
    for part in _split(values.get(name, "")):
        value = mapping.get(norm(part))
        if value is None:
            problems.append(unknown(labels[name], part))
        else:
            found.append(value)
    data[name] = found


def new_problems(known: list[Problem], found: list[Problem]) -> list[Problem]:
    """The form's problems about columns not already refused (one message per mistake)."""
    refused = {p.column for p in known if p.column}
    return [p for p in found if p.column not in refused]


def missing_values(columns: Sequence[Column], values: dict[str, str]) -> list[Problem]:
    """A required column left empty in the row."""
    return [
        Problem(str(c.label), _("This field is required."))
        for c in columns
        if c.required and not values.get(c.name)
    ]


def _split(text: str) -> Iterable[str]:
    return [p.strip() for p in text.replace(";", ",").replace("\n", ",").split(",") if p.strip()]


def allowed_labels(choices: Iterable[tuple[Any, Any]]) -> str:
    """The allowed values of a choice as the template explains them ("value = label")."""
    return "; ".join(f"{value} = {label}" for value, label in choices if value not in ("", None))


def importer_for(kind: str, user: User) -> ImportType:
    from pokpong.imports.types.activities import ActivitiesImport
    from pokpong.imports.types.persons_cases import PersonsCasesImport

    types: dict[str, type[ImportType]] = {
        "persons_cases": PersonsCasesImport,
        "activities": ActivitiesImport,
    }
    return types[kind](user)  # type: ignore[call-arg]


class FormPool:
    """One instance of a form, bound afresh to each row (issue 20: a new form copies every
    field — most of a row's check — while a row only needs new data and a new clean).

    The form's own fields, `clean()` and messages are used unchanged: binding new data and
    dropping the previous errors and cleaned data is exactly what a new instance starts from.
    The choice fields of records (provinces, countries, forms of trafficking) remember what a
    value found, so a thousand rows naming one province ask the database once; a value that
    fails is asked again each time (its message is built afresh)."""

    def __init__(self, form_class: Any, **kwargs: Any) -> None:
        self.form = form_class(data={}, **kwargs)
        for field_ in self.form.fields.values():
            if hasattr(field_, "queryset"):
                field_.clean = _remembering(field_.clean)

    def bind(self, data: dict[str, Any]) -> Any:
        form = self.form
        form.data = data
        form.is_bound = True
        form._errors = None
        form._bound_fields_cache = {}
        form.__dict__.pop("cleaned_data", None)
        return form


def _remembering(clean: Any) -> Any:
    found: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        key = tuple(value) if isinstance(value, list | tuple) else value
        try:
            return found[key]
        except KeyError:
            pass
        except TypeError:  # not hashable: not remembered
            return clean(value)
        result = clean(value)
        if hasattr(result, "_fetch_all"):  # a queryset (several records): fetched once
            result = list(result)
        found[key] = result
        return result

    return remembered
