"""Latency of the interactive duplicate check against a database of N fictitious persons.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pokpong_bench \\
        .venv/bin/python bench/matching/latency.py --persons 100000

Creates the database's tables and demo data on first use (seed_demo --persons N), then queries
names as typed elsewhere — Latin misspelled (final h dropped, ou→u, ph→p, v→w, given and family
swapped), Latin split inside a word or joined, Lao with typed variants (ໍ + າ, tone marks, zero
width, a space inside), Lao for a person recorded in Latin only and the reverse — with and
without the birth year, and prints by kind how often the name and this very person are in the
top 10, and the p50/p95 time of one check (database and scoring), warm.

The names as typed elsewhere come from `bench/scale/measures/search.py` (measures 1 and 5 of
the national-scale bench, `bench/scale/run.py --only search`), which shares them.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.demo")

import django

django.setup()

from django.core.management import call_command
from django.db import connection

from bench.scale.measures.search import lao as _lao
from bench.scale.measures.search import lao_variant, misspell, split_or_join
from bench.scale.measures.search import latin as _latin
from pokpong.accounts.models import Role, User
from pokpong.accounts.services import role_assign
from pokpong.matching.normalise import name_forms
from pokpong.people import search as selectors
from pokpong.people.models import Person
from pokpong.people.search import person_matches


def tidy() -> None:
    """What autovacuum does some minutes after a bulk load: statistics and visibility maps, so
    the queries are planned and run as in a database in steady use."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--tidy", action="store_true", help="VACUUM ANALYZE before querying")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if Person.objects.count() < args.persons:
        start = time.perf_counter()
        call_command("seed_demo", "--persons", str(args.persons), verbosity=0)
        print(f"seeded {args.persons} persons in {time.perf_counter() - start:.0f} s")
        args.tidy = True
    if args.tidy:
        tidy()
    user, _ = User.objects.get_or_create(username="bench.national")
    if not user.role_assignments.exists():
        role_assign(user=user, role=Role.CASE_WORKER)  # national scope: sees everyone
    rng = random.Random(5)
    ids = list(Person.objects.values_list("pk", flat=True))
    sample = list(Person.objects.filter(pk__in=rng.sample(ids, min(args.queries * 6, len(ids)))))
    # Lao ↔ Latin spellings of whole names, from persons recorded in both scripts: a query in
    # the other script for a person recorded in one only (cross-script).
    both = [p for p in sample if p.given_name_lo and p.given_name_latin and p.family_name_lo]
    to_lao = {_latin(p): _lao(p) for p in both if p.family_name_latin}
    to_latin = {v: k for k, v in to_lao.items()}
    queries: list[tuple[str, Person, str, bool]] = []  # (kind, person, query, with birth year)
    for person in sample:
        with_year = rng.random() < 0.7
        if person.given_name_latin and person.family_name_latin:
            if person.given_name_lo and rng.random() < 0.5:
                queries.append(
                    ("Lao, typed variants", person, lao_variant(rng, _lao(person)), with_year)
                )
            elif not person.given_name_lo and _latin(person) in to_lao:
                queries.append(
                    ("Lao for a Latin-only record", person, to_lao[_latin(person)], with_year)
                )
            elif rng.random() < 0.5:
                queries.append(
                    (
                        "Latin, split or joined",
                        person,
                        split_or_join(rng, _latin(person)),
                        with_year,
                    )
                )
            else:
                given, family = person.given_name_latin, person.family_name_latin
                queries.append(
                    ("Latin, misspelled", person, misspell(rng, given, family), with_year)
                )
        elif person.given_name_lo and _lao(person) in to_latin:
            queries.append(
                ("Latin for a Lao-only record", person, to_latin[_lao(person)], with_year)
            )
    queries = queries[: args.queries]
    # Time the blind-index lookup (token frequencies + candidate query) apart from the rest.
    lookup: list[float] = []
    original = selectors.candidate_ids

    def timed_candidates(*a, **k):
        start = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            lookup.append((time.perf_counter() - start) * 1000)

    selectors.candidate_ids = timed_candidates
    times: list[float] = []
    by_kind: dict[str, list[int]] = {}
    for kind, person, query, with_year in queries:
        facts = {"birth_year": person.birth_year if with_year else None, "sex": person.sex}
        start = time.perf_counter()
        matches = person_matches(user=user, names=[query], facts=facts, limit=10)
        times.append((time.perf_counter() - start) * 1000)
        wanted = set(name_forms(_latin(person) or _lao(person)))
        name_hit = any(
            wanted & set(name_forms(_latin(m.person) or _lao(m.person))) for m in matches
        )
        person_hit = any(m.person.pk == person.pk for m in matches)
        label = f"{kind}, {'with' if with_year else 'without'} birth year"
        hits = by_kind.setdefault(label, [0, 0, 0])
        hits[0] += 1
        hits[1] += name_hit
        hits[2] += person_hit
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{Person.objects.count()} persons, {len(queries)} queries: "
        f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms "
        f"(of which the blind-index lookup: p50 {statistics.median(lookup):.0f} ms, "
        f"p95 {sorted(lookup)[int(len(lookup) * 0.95) - 1]:.0f} ms)"
    )
    total = [sum(v[i] for v in by_kind.values()) for i in range(3)]
    print(f"{'query kind':<58}{'queries':>8}{'name in top 10':>16}{'this person':>13}")
    for label, (n, name_hits, person_hits) in sorted(by_kind.items()):
        print(f"{label:<58}{n:>8}{name_hits / n:>16.3f}{person_hits / n:>13.3f}")
    print(f"{'all':<58}{total[0]:>8}{total[1] / total[0]:>16.3f}{total[2] / total[0]:>13.3f}")


if __name__ == "__main__":
    main()
