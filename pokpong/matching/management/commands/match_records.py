"""match_records INPUT.csv OUTPUT.csv: the batch engine on a spreadsheet, without the database."""

import csv
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pokpong.matching.batch import THRESHOLD, Record, match

COLUMNS = ["record_id", "script", "given_name", "family_name", "sex", "birth_year", "province_iso"]


def read_records(path: Path) -> list[Record]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"{path}: missing columns {', '.join(missing)}")
        records, errors = [], []
        for line, row in enumerate(reader, start=2):
            if row["script"] not in ("lao", "latin"):
                errors.append(f"line {line}: script must be lao or latin")
                continue
            year = (row.get("birth_year") or "").strip()
            if year and not year.isdigit():
                errors.append(f"line {line}: birth_year {year!r} is not a year")
                continue
            name = " ".join(p for p in (row["given_name"], row["family_name"]) if p)
            records.append(
                Record(
                    row["record_id"],
                    [name],
                    (row.get("sex") or "").lower(),
                    int(year) if year else None,
                    row.get("province_iso") or "",
                )
            )
    if errors:  # nothing is written when any row is wrong
        raise CommandError("\n".join(errors))
    return records


class Command(BaseCommand):
    help = "Write the pairs of CSV records judged to be the same person (no database needed)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)
        parser.add_argument("--threshold", type=float, default=THRESHOLD)

    def handle(self, *args: Any, input: Path, output: Path, threshold: float, **opts: Any) -> None:
        records = read_records(input)
        pairs = match(records, threshold=threshold)
        with output.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["record_id_a", "record_id_b", "score"])
            writer.writerows(pairs)
        self.stdout.write(f"{len(records)} records, {len(pairs)} pairs written to {output}.")
