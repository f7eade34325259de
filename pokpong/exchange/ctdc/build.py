"""The CTDC Global Dataset export: one row per case of a person whose consent allows anonymised
statistics, k-anonymised over the quasi-identifiers, as CSV.

Read in bulk (a few `values_list` queries, no model objects, nothing per row) so that a million
cases fit in a minute (bench/ctdc_export.py).
"""

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models.functions import ExtractYear

from pokpong.cases.models import Case, ClosureReason, Consent
from pokpong.exchange.ctdc.anonymise import Outcome, Record, Unit, k_anonymise
from pokpong.exchange.ctdc.columns import (
    COLUMNS,
    EXPLOIT_FLAGS,
    LABOUR_COLUMNS,
    POSITION,
    RECRUITER_FLAGS,
    SEX_COLUMNS,
    Source,
    labels,
    missing_value,
    row_of,
)

DEFAULT_K = 11
MINIMUM_K = 5  # below this an export would show what the dashboard hides (counts 1 to 4)

# Quasi-identifiers, as units suppressed together: the columns that identify, then the columns
# that would give them away again (a band's majority, the exploitation flags' concatenation …).
UNITS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "gender": (("gender",), ()),
    "ageBroad": (
        ("ageBroad",),
        ("majorityStatus", "majorityStatusAtExploit", "majorityEntry"),
    ),
    "majorityStatus": (("majorityStatus", "majorityStatusAtExploit", "majorityEntry"), ()),
    "citizenship": (("citizenship",), ()),
    "CountryOfExploitation": (("CountryOfExploitation",), ()),
    "yearOfRegistration": (("yearOfRegistration",), ()),
    "exploitation": (
        (*EXPLOIT_FLAGS[:3], "isSexAndLabour", *EXPLOIT_FLAGS[3:]),
        ("typeOfExploitConcatenated", *LABOUR_COLUMNS, "typeOfLabourConcatenated", *SEX_COLUMNS),
    ),
    "RecruiterRelationship": (("RecruiterRelationship", *RECRUITER_FLAGS), ()),
}
# The default set and the order in which units are tried on a tie (least useful first).
DEFAULT_QUASI_IDENTIFIERS = (
    "citizenship",
    "CountryOfExploitation",
    "ageBroad",
    "exploitation",
    "gender",
    "yearOfRegistration",
)


@dataclass(frozen=True)
class CtdcOptions:
    k: int = DEFAULT_K
    quasi_identifiers: tuple[str, ...] = DEFAULT_QUASI_IDENTIFIERS
    year: int | None = None  # yearOfRegistration; None: every year


@dataclass(frozen=True)
class CtdcResult:
    content: bytes
    written: int
    suppressed: int  # records left out to reach k
    generalised: int  # records written with some quasi-identifiers set to unknown
    without_consent: int  # cases left out because the consent does not allow statistics
    quasi_columns: tuple[str, ...]

    def summary(self, options: CtdcOptions) -> dict[str, Any]:
        return {
            "written": self.written,
            "suppressed": self.suppressed,
            "generalised": self.generalised,
            "without_consent": self.without_consent,
            "k": options.k,
            "quasi_identifiers": list(options.quasi_identifiers),
            "year": options.year,
        }


def persons_consenting_to_statistics() -> set[int]:
    """Persons whose latest consent allows anonymised statistics and is not withdrawn: the rule
    of `cases.services.screening.consent_allows(purpose="statistics")`, read for everyone at
    once (a withdrawal ends consent; it does not bring an older consent back)."""
    latest: dict[int, bool] = {}
    rows = Consent.objects.order_by("person_id", "given_on", "pk").values_list(
        "person_id", "for_statistics", "withdrawn_on"
    )
    for person_id, for_statistics, withdrawn_on in _plain_rows(rows):
        latest[person_id] = bool(for_statistics) and withdrawn_on is None
    return {person for person, allowed in latest.items() if allowed}


def _cases(year: int | None) -> Any:
    cases = Case.objects.filter(person__merged_into__isnull=True).exclude(
        closure_reason=ClosureReason.NOT_A_VICTIM
    )
    if year is not None:
        cases = cases.filter(created_at__year=year)
    return cases


def _forms(year: int | None) -> dict[int, list[tuple[str, str]]]:
    through = Case.forms_of_trafficking.through
    rows = through.objects.filter(case__in=_cases(year)).values_list(
        "case_id", "formoftrafficking__ctdc_flag", "formoftrafficking__ctdc_labour_type"
    )
    forms: dict[int, list[tuple[str, str]]] = {}
    for case_id, flag, labour in _plain_rows(rows):
        forms.setdefault(case_id, []).append((flag, labour))
    return forms


def sources(year: int | None) -> tuple[list[Source], int]:
    """The cases to export, as plain tuples, and how many were left out for want of consent."""
    consenting = persons_consenting_to_statistics()
    forms = _forms(year)
    rows = (
        _cases(year)
        .annotate(registered=ExtractYear("created_at"))
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "registered",
            "person__sex",
            "person__birth_year",
            "exploitation_began_on",
            "person__nationality__alpha2",
            "country_of_exploitation__alpha2",
            "province_of_exploitation_id",
            "recruiter_relationship",
            "means_of_control",
        )
    )
    found: list[Source] = []
    left_out = 0
    for (
        pk,
        person,
        year_,
        sex,
        birth,
        began,
        nation,
        country,
        laos,
        recruiter,
        means,
    ) in _plain_rows(rows):
        if person not in consenting:
            left_out += 1
            continue
        if isinstance(means, str):  # JSON as text (SQLite): what the field would have parsed
            means = json.loads(means)
        if isinstance(began, str):
            began = date.fromisoformat(began)
        found.append(
            Source(
                year=int(year_),  # a number (a Decimal from PostgreSQL's EXTRACT)
                sex=sex,
                birth_year=birth,
                exploit_year=began.year if isinstance(began, date) else None,
                citizenship=nation or "",
                country=country or "",
                exploited_in_laos=laos is not None,
                recruiter=recruiter or "",
                means=means if isinstance(means, list) else [],
                forms=forms.get(pk, ()),
            )
        )
    return found, left_out


def _plain_rows(queryset: Any, chunk_size: int = 20_000) -> Iterator[tuple[Any, ...]]:
    """The rows of a `values_list` queryset as the database driver returns them, read in chunks
    (a server-side cursor on PostgreSQL, as `.iterator()` uses), without the per-value
    converters of the ORM (issue 20: a third of the read of a million cases); the caller
    converts the few values that need it."""
    sql, params = queryset.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            yield from chunk


def quasi_columns(quasi_identifiers: Sequence[str]) -> tuple[str, ...]:
    """The columns the chosen units name, in the order of the dataset."""
    chosen = {column for unit in quasi_identifiers for column in UNITS[unit][0]}
    return tuple(column for column in COLUMNS if column in chosen)


def _units(quasi_identifiers: Sequence[str], columns: tuple[str, ...]) -> list[Unit]:
    """Each chosen unit over the positions of the quasi-identifier columns it sets to unknown
    (its own, and those of its dependants that are quasi-identifiers too)."""
    where = {column: i for i, column in enumerate(columns)}
    units = []
    for name in quasi_identifiers:
        own, dependants = UNITS[name]
        touched = [c for c in (*own, *dependants) if c in where]
        units.append(
            Unit(
                name=name,
                positions=tuple(where[c] for c in touched),
                missing=tuple(missing_value(c) for c in touched),
            )
        )
    return units


def _written_rows(
    found: list[Source], outcome: Outcome, names: dict[str, str]
) -> Iterator[list[str]]:
    """The rows to write, made again from the sources (holding a million rows of 63 values
    would take far more memory than converting twice), the suppressed cells set to unknown."""
    for index, source in enumerate(found):
        if index in outcome.dropped:
            continue
        row = row_of(source, names)
        for name in outcome.blanked.get(index, ()):
            own, dependants = UNITS[name]
            for column in (*own, *dependants):
                row[POSITION[column]] = missing_value(column)
        yield row


def ctdc_dataset(options: CtdcOptions) -> CtdcResult:
    """The whole export: read, convert, anonymise, write."""
    if options.k < MINIMUM_K:
        raise ValueError(f"k must be at least {MINIMUM_K}")
    found, without_consent = sources(options.year)
    return ctdc_from_sources(found, options, without_consent=without_consent)


def ctdc_from_sources(
    found: list[Source], options: CtdcOptions, *, without_consent: int = 0
) -> CtdcResult:
    """Convert, anonymise and write cases already read (the benchmark starts here too)."""
    names = labels()
    columns = quasi_columns(options.quasi_identifiers)
    positions = [POSITION[c] for c in columns]
    records: list[Record] = []
    for source in found:
        row = row_of(source, names)
        records.append(tuple(row[p] for p in positions))
    outcome = k_anonymise(records, k=options.k, units=_units(options.quasi_identifiers, columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_written_rows(found, outcome, names))
    return CtdcResult(
        content=buffer.getvalue().encode("utf-8"),
        written=outcome.kept,
        suppressed=len(outcome.dropped),
        generalised=len(outcome.blanked),
        without_consent=without_consent,
        quasi_columns=columns,
    )
