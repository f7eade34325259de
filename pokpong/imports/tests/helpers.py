"""Sheets for the import tests: CSV and XLSX bytes from rows, and the import run end to end."""

import csv
import io

from openpyxl import Workbook

from pokpong.imports.models import ImportJob
from pokpong.imports.services import import_job_create, import_job_start

PERSON_HEADER = [
    "Given name (Lao script)",
    "Family name (Lao script)",
    "Given name (Latin script)",
    "Family name (Latin script)",
    "Sex",
    "Year of birth",
    "Province of the case",
    "How the case came to light",
    "Forms of trafficking",
    "Risk level",
    "Exploitation began",
]
ACTIVITY_HEADER = ["Type", "Date", "Province", "District", "Village or place", "Women", "Men"]


def csv_bytes(header, rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def person_row(lo="", latin=("", ""), sex="female", year="1998", **extra):
    given_lo, family_lo = [*lo.split(" ", 1), ""][:2] if lo else ("", "")
    row = [
        given_lo,
        family_lo,
        latin[0],
        latin[1],
        sex,
        year,
        extra.get("province", "LA-SV"),
        extra.get("came_to_light", "hotline"),
        extra.get("forms", ""),
        extra.get("risk", "medium"),
        extra.get("began", ""),
    ]
    return row


def check(capture, user, kind, data, filename="sheet.csv") -> ImportJob:
    """Upload and run the dry run (tasks run at once in the tests)."""
    with capture(execute=True):
        job = import_job_create(user=user, kind=kind, filename=filename, data=data)
    job.refresh_from_db()
    return job


def run(capture, user, job: ImportJob, *, valid_only=False, import_anyway=()) -> ImportJob:
    with capture(execute=True):
        import_job_start(
            user=user, job=job, valid_only=valid_only, import_anyway=list(import_anyway)
        )
    job.refresh_from_db()
    return job
