"""How long the CTDC export takes for N cases: reading from the database (optional, --db) and
converting, k-anonymising and writing the CSV. Fictitious cases drawn from a seeded generator.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/ctdc/run.py --records 1000000
    (--db N also times the database read on N cases it inserts into a scratch SQLite database)
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from pokpong.exchange.ctdc.build import CtdcOptions, ctdc_from_sources
from pokpong.exchange.ctdc.columns import Source

COUNTRIES = ["TH"] * 50 + ["CN"] * 20 + ["MY"] * 8 + ["MM"] * 5 + ["KH"] * 3 + ["VN"] * 2 + [""]
FORMS = [
    [("isSexualExploit", "")],
    [("isForcedLabour", "typeOfLabourAgriculture")],
    [("isForcedLabour", "typeOfLabourConstruction")],
    [("isForcedLabour", "")],
    [("isOtherExploit", "")],
    [("isForcedMarriage", "")],
    [],
]
MEANS = ["DebtBondage", "WithholdsDocuments", "FalsePromises", "PhysicalAbuse", "Other"]


def generate(count: int, seed: int = 7) -> list[Source]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        year = rng.randint(2017, 2026)
        found.append(
            Source(
                year=year,
                sex=rng.choice(["female"] * 6 + ["male"] * 3 + ["unknown"]),
                birth_year=None if rng.random() < 0.1 else year - rng.randint(10, 55),
                exploit_year=None if rng.random() < 0.3 else year - rng.randint(0, 2),
                citizenship="LA" if rng.random() < 0.97 else rng.choice(["VN", "CN", "MM"]),
                country=rng.choice(COUNTRIES),
                exploited_in_laos=rng.random() < 0.05,
                recruiter=rng.choice(["", "friend", "family", "stranger", "intimate_partner"]),
                means=rng.sample(MEANS, rng.randint(0, 3)),
                forms=rng.choice(FORMS),
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=11)
    args = parser.parse_args()
    found = generate(args.records)
    started = time.perf_counter()
    result = ctdc_from_sources(found, CtdcOptions(k=args.k))
    seconds = time.perf_counter() - started
    print(
        f"{args.records:,} cases: {result.written:,} written, {result.suppressed:,} suppressed, "
        f"{result.generalised:,} generalised; {len(result.content) / 1e6:.0f} MB in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
