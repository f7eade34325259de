"""The HTCDS v2.0 case file set: one CSV per entity of the standard, headers in the standard's
order, values from its picklists, zipped with a README and a manifest.

Pure: querysets in (the requester's scope), bytes out. Who may ask, for which persons, is the
access policy's (`htcds_scope_for`); which persons reach the recipient is their consent's.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone, translation

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    cases_htcds_exportable_by,
    justice_files_visible_to,
    persons_htcds_exportable_by,
)
from pokpong.cases.models import Case
from pokpong.exchange.htcds import rows as r
from pokpong.exchange.htcds.facts import Facts, HtcdsScope, facts_read
from pokpong.exchange.htcds.standard import entity
from pokpong.justice.models import WitnessSupport
from pokpong.people.models import Person

STANDARD = "Human Trafficking Case Data Standard (HTCDS) v2.0"


@dataclass(frozen=True)
class EntityFile:
    """One entity of the standard as a CSV file; `keys` link the files to each other."""

    section: str
    filename: str
    keys: tuple[str, ...]
    rows: Callable[[Facts], list[r.Row]]

    @property
    def headers(self) -> list[str]:
        return [*self.keys, *entity(self.section).headers]


FILES = (
    EntityFile(
        "Organization",
        "organization.csv",
        ("key_Organisation",),
        lambda f: [r.organisation_row(o) for o in f.organisations],
    ),
    EntityFile(
        "Person", "person.csv", ("key_Person",), lambda f: [r.person_row(p, f) for p in f.persons]
    ),
    EntityFile(
        "Person - Victim Context",
        "person_victim_context.csv",
        ("key_Person",),
        lambda f: [r.victim_row(p, f) for p in f.persons],
    ),
    EntityFile(
        "Case", "case.csv", ("key_Case", "key_Person"), lambda f: [r.case_row(c) for c in f.cases]
    ),
    EntityFile("Referral Details", "referral_details.csv", ("key_Case",), r.referral_rows),
    EntityFile("Case Comment", "case_comment.csv", ("key_Case",), r.comment_rows),
    EntityFile(
        "Historic Trafficking Events",
        "historic_trafficking_events.csv",
        ("key_Case",),
        r.event_rows,
    ),
    EntityFile("Support Plan", "support_plan.csv", ("key_Case",), r.support_rows),
    EntityFile(
        "Consent", "consent.csv", ("key_Person",), lambda f: [r.consent_row(p) for p in f.persons]
    ),
)

_NUMBER = re.compile(r"^[+-]?\d[\d.]*$")


def _cell(value: str) -> str:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe; numbers and
    E.164 phone numbers (+856…) stay as they are."""
    if value[:1] in ("=", "@", "\t", "\r") or (
        value[:1] in ("+", "-") and not _NUMBER.match(value)
    ):
        return "'" + value
    return value


def csv_text(spec: EntityFile, rows: list[r.Row]) -> str:
    headers = spec.headers
    unknown = {name for row in rows for name in row} - set(headers)
    if unknown:  # a mapping naming a field the standard does not have: a programming error
        raise ValueError(f"{spec.filename}: not in the standard: {sorted(unknown)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_cell(row.get(name, "")) for name in headers] for row in rows)
    return out.getvalue()


@dataclass(frozen=True)
class CaseFileSet:
    recipient: Organisation
    files: dict[str, str]  # file name → CSV text
    counts: dict[str, int]  # file name → rows
    people: list[Person]  # who is in it (for the audit trail)

    @property
    def persons(self) -> int:
        return self.counts["person.csv"]

    @property
    def cases(self) -> int:
        return self.counts["case.csv"]


def htcds_scope_for(*, user: User) -> HtcdsScope:
    """What `user` may export, as the access policy answers it."""
    return HtcdsScope(
        persons=persons_htcds_exportable_by(user, Person.objects.all()),
        cases=cases_htcds_exportable_by(user, Case.objects.all()),
        witness_support=justice_files_visible_to(
            user, WitnessSupport.objects.all(), case="file__case"
        ),
    )


def htcds_case_file_set(*, scope: HtcdsScope, recipient: Organisation) -> CaseFileSet:
    """The file set for `recipient`: the persons in scope whose consent names it, their cases."""
    with translation.override("en"):
        facts = facts_read(scope=scope, recipient=recipient)
        built = {spec.filename: (spec, spec.rows(facts)) for spec in FILES}
        files = {name: csv_text(spec, rows) for name, (spec, rows) in built.items()}
    return CaseFileSet(
        recipient=recipient,
        files=files,
        counts={name: len(rows) for name, (_spec, rows) in built.items()},
        people=facts.persons,
    )


def _readme(file_set: CaseFileSet, made_at: str) -> str:
    lines = [
        f"{STANDARD}: case file set",
        f"For: {file_set.recipient.name_en}",
        f"Made: {made_at}",
        "",
        "Only persons whose consent, not withdrawn, names this organisation among those their",
        "case may be shared with are included, with their cases.",
        "",
        "Files (UTF-8 CSV, one entity of the standard each; rows):",
        *(
            f"  {spec.filename:36} {spec.section} ({file_set.counts[spec.filename]})"
            for spec in FILES
        ),
        "",
        "Columns: the standard's field names, in its order, after the key columns key_Person,",
        "key_Case and key_Organisation (Pokpong's references, linking the files). Multi-select",
        "picklists are separated by ';'. Dates are yyyy-mm-dd. Countries ISO 3166-1 alpha-2,",
        "languages ISO 639-2. Lookups to organisations hold org_Name. Empty: not recorded.",
        "",
        "HTCDS field standard (c) IOM, CC BY 4.0. This export is not endorsed by IOM.",
    ]
    return "\r\n".join(lines) + "\r\n"


def htcds_zip(file_set: CaseFileSet) -> bytes:
    """The file set as one zip: the CSV files, README.txt and manifest.json."""
    made_at = timezone.localtime().isoformat(timespec="seconds")
    manifest = {
        "standard": STANDARD,
        "recipient": file_set.recipient.name_en,
        "made_at": made_at,
        "files": [
            {
                "name": spec.filename,
                "entity": spec.section,
                "rows": file_set.counts[spec.filename],
                "columns": spec.headers,
            }
            for spec in FILES
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(file_set, made_at))
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, text in file_set.files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
