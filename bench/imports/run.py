"""Time a bulk import of N rows (default 100,000): the dry run and the import, as the
background tasks run them (the same services), on a fresh SQLite database.

    .venv/bin/python bench/imports/run.py [--rows 100000] [--kind activities|persons_cases]
        [--format xlsx|csv] [--database /tmp/pokpong-bench-imports.sqlite3]

Prints the time of each step; docs/benchmarks.md records a run on the project's machine.
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

GIVEN = ["Vilay", "Khamla", "Bounmy", "Keo", "Souk", "Phet", "Dara", "Mali", "Chanthy", "Noy"]
FAMILY = ["Sihalath", "Inthavong", "Manivong", "Keomany", "Sisouk", "Douangdy", "Phommachanh"]


def activity_rows(count: int) -> tuple[list[str], list[list[object]]]:
    header = ["Type", "Date", "Province", "District", "Village or place", "Women", "Men"]
    kinds = ["village_meeting", "school_session", "radio", "market_event"]
    rows: list[list[object]] = []
    for n in range(count):
        day = f"{1 + n % 28:02d}/{1 + n // 28 % 12:02d}/{2560 + n // 336 % 8}"  # Buddhist era
        rows.append([kinds[n % 4], day, "LA-SV", "", f"Ban {n}", 1 + n % 40, n % 30])
    return header, rows


def person_rows(count: int) -> tuple[list[str], list[list[object]]]:
    header = [
        "Given name (Latin script)",
        "Family name (Latin script)",
        "Sex",
        "Year of birth",
        "Province of the case",
        "How the case came to light",
        "Risk level",
    ]
    rng = random.Random(7)
    rows: list[list[object]] = []
    for n in range(count):
        given = f"{rng.choice(GIVEN)}{n:06d}"  # unique: the bench times the import, not review
        rows.append([given, rng.choice(FAMILY), "female", 1960 + n % 50, "LA-SV", "hotline", "low"])
    return header, rows


def to_bytes(header: list[str], rows: list[list[object]], fmt: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kind", default="activities", choices=["activities", "persons_cases"])
    parser.add_argument("--format", default="xlsx", choices=["xlsx", "csv"])
    parser.add_argument("--database", default="var/bench-imports.sqlite3")
    args = parser.parse_args()
    Path(args.database).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.POKPONG_UPLOAD_MAX_BYTES = 200 * 1024 * 1024
    from pokpong.accounts.models import Organisation, Role
    from pokpong.accounts.services import role_assign
    from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
    from pokpong.imports.models import ImportJob
    from pokpong.imports.services import import_job_create, import_job_start
    from pokpong.places.models import Province

    savannakhet = Province.objects.get(iso_code="LA-SV")
    office: Organisation = OrganisationFactory(province=savannakhet)
    user = UserFactory(username="bench", organisation=office)
    role = Role.PREVENTION_OFFICER if args.kind == "activities" else Role.CASE_WORKER
    role_assign(user=user, role=role, province=savannakhet)

    make = activity_rows if args.kind == "activities" else person_rows
    data = to_bytes(*make(args.rows), args.format)
    print(f"{args.rows} rows of {args.kind} as {args.format}: {len(data) / 2**20:.1f} MB")
    started = time.perf_counter()
    job = import_job_create(user=user, kind=args.kind, filename=f"bench.{args.format}", data=data)
    job = ImportJob.objects.get(pk=job.pk)
    checked = time.perf_counter()
    print(
        f"dry run: {checked - started:.1f} s  ({job.status}, {job.valid_rows} valid, "
        f"{job.error_rows} with errors, {job.duplicate_rows} flagged)"
    )
    import_job_start(user=user, job=job, valid_only=True, import_anyway=[])
    job = ImportJob.objects.get(pk=job.pk)
    done = time.perf_counter()
    print(
        f"import (checked again, then written): {done - checked:.1f} s  "
        f"({job.status}, {job.imported} imported)"
    )
    print(f"total: {done - started:.1f} s")


if __name__ == "__main__":
    main()
