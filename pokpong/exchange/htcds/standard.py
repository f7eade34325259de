"""IOM's Human Trafficking Case Data Standard v2.0 (December 2021), read from its field list.

`data/htcds_v2_field_standards.tsv` is IOM's table (© IOM, CC BY 4.0), copied unchanged: the
export's headers and allowed picklist values come from it, so they follow the standard by
construction. A section is one entity (one CSV file of the case file set).
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

TSV = Path(__file__).resolve().parent.parent / "data" / "htcds_v2_field_standards.tsv"

ISO_3166 = "ISO 3166"  # country codes: two-letter (alpha-2)
ISO_639 = "ISO 639"  # language codes: ISO 639-2 (three letters)


@dataclass(frozen=True)
class Field:
    name: str  # with its prefix, as in the file headers: prs_FirstName
    type: str  # Text, Date, Picklist, Multiselect Picklist, Checkbox, Lookup [to …] …
    status: str  # DRAFT or DEPRECATED
    values: frozenset[str]  # the picklist's value names; empty when free or coded
    code_standard: str  # ISO_3166 or ISO_639 when the values are those codes, else ""

    @property
    def is_multiselect(self) -> bool:
        return self.type.startswith("Multiselect")

    @property
    def is_picklist(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Entity:
    section: str  # the standard's section title: "Person - Victim Context"
    fields: tuple[Field, ...]

    @property
    def headers(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _code_standard(names: str, labels: str) -> str:
    text = f"{names} {labels}"
    for standard in (ISO_3166, ISO_639):
        if standard in text:
            return standard
    return ""


def _field(cells: list[str]) -> Field | None:
    cells = cells + [""] * (13 - len(cells))
    status, name, type_, names, labels = cells[1], cells[6], cells[7], cells[9], cells[10]
    if not name or name == "N/A":  # the assessment sections hold example questions only
        return None
    coded = _code_standard(names, labels)
    values = frozenset(names.split()) if "Picklist" in type_ and not coded else frozenset()
    return Field(name=name, type=type_, status=status, values=values, code_standard=coded)


@functools.cache
def entities() -> dict[str, Entity]:
    """Every section that has fields, by its title, in the standard's order."""
    sections: dict[str, list[Field]] = {}
    current = ""
    with TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    for cells in rows[1:]:
        if cells and cells[0].strip():
            current = cells[0].strip()
            continue
        field = _field(cells)
        if field is not None:
            sections.setdefault(current, []).append(field)
    return {title: Entity(title, tuple(fields)) for title, fields in sections.items()}


def entity(section: str) -> Entity:
    return entities()[section]
