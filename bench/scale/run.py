"""National-scale benchmarks (issue 20): `make bench`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pokpong_bench \\
        .venv/bin/python bench/scale/run.py --persons 1000000

Migrates the database, fills it with `manage.py generate_scale` when it holds fewer persons than
asked (reproducible with --seed), then runs every measure module of `bench/scale/measures/` (or
those named with --only) and prints one table: p50/p95, the best hand-written SQL for the same
question measured in the same run, the ratio, the target and whether it was met, then the plans.
Without DATABASE_URL the embedded SQLite file `var/bench.sqlite3` is used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
(ROOT / "var").mkdir(exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

import django

django.setup()

from django.core.management import call_command
from django.db import connection

from bench.scale.harness import Context, Result, print_table, write_json

# In the order of the list; a module not (yet) present is skipped with a line saying so.
MEASURES = ["search", "lists", "case_page", "dashboard", "bulk", "weight", "audit"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--only", nargs="*", default=None, help=f"some of {MEASURES}")
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from pokpong.people.models import Person

    have = Person.objects.count()
    if have < args.persons:
        start = time.perf_counter()
        more = ["--append"] if have else []  # generate_scale refuses a non-empty database
        missing = args.persons - have
        call_command("generate_scale", "--persons", str(missing), "--seed", str(args.seed), *more)
        print(f"generated {missing:,} persons in {time.perf_counter() - start:,.0f} s")
    elif have > args.persons * 1.1:
        print(f"note: the database holds {have:,} persons, more than the {args.persons:,} asked")
    ctx = Context(persons=Person.objects.count(), vendor=connection.vendor, repeat=args.repeat)

    results: list[Result] = []
    for name in args.only or MEASURES:
        try:
            module = importlib.import_module(f"bench.scale.measures.{name}")
        except ModuleNotFoundError:
            print(f"(measure module {name} not present: skipped)")
            continue
        start = time.perf_counter()
        found = module.run(ctx)
        print(f"{name}: {len(found)} results in {time.perf_counter() - start:,.1f} s", flush=True)
        results.extend(found)
    print_table(results, ctx=ctx)
    if args.json:
        write_json(results, ctx=ctx, path=args.json)


if __name__ == "__main__":
    main()
