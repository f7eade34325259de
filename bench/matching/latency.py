"""Latency of the interactive duplicate check against a database of N fictitious persons.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pokpong_bench \\
        .venv/bin/python bench/matching/latency.py --persons 100000

Creates the database's tables and demo data on first use (seed_demo --persons N), then queries
200 misspelled names (final h dropped, ou→u, ph→p, v→w, given and family swapped) and prints
recall@10 and the p50/p95 time of one check (database and scoring), warm.
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

from pokpong.accounts.models import Role, User
from pokpong.accounts.services import role_assign
from pokpong.matching.normalise import name_parts
from pokpong.people import search as selectors
from pokpong.people.models import Person
from pokpong.people.search import person_matches


def misspell(rng: random.Random, given: str, family: str) -> str:
    def mutate(word: str) -> str:
        for old, new in (("ou", "u"), ("ph", "p"), ("v", "w"), ("x", "s")):
            if old in word.lower() and rng.random() < 0.5:
                word = word.lower().replace(old, new, 1).capitalize()
        if word.endswith("h") and rng.random() < 0.7:
            word = word[:-1]
        return word

    parts = [mutate(given), mutate(family)]
    if rng.random() < 0.2:
        parts.reverse()
    return " ".join(p for p in parts if p)


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
    sample = Person.objects.filter(pk__in=rng.sample(ids, min(args.queries * 3, len(ids))))
    targets = [p for p in sample if p.given_name_latin and p.family_name_latin][: args.queries]
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
    times, name_hits, person_hits = [], 0, 0
    for person in targets:
        query = misspell(rng, person.given_name_latin, person.family_name_latin)
        facts = {"birth_year": person.birth_year, "sex": person.sex}
        start = time.perf_counter()
        matches = person_matches(user=user, names=[query], facts=facts, limit=10)
        times.append((time.perf_counter() - start) * 1000)
        wanted = sorted(name_parts(f"{person.given_name_latin} {person.family_name_latin}"))
        found = [
            sorted(name_parts(f"{m.person.given_name_latin} {m.person.family_name_latin}"))
            for m in matches
        ]
        name_hits += wanted in found
        person_hits += any(m.person.pk == person.pk for m in matches)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{Person.objects.count()} persons, {len(targets)} queries: the name found in the top 10"
        f" {name_hits / len(targets):.3f}, this very person {person_hits / len(targets):.3f}; "
        f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms "
        f"(of which the blind-index lookup: p50 {statistics.median(lookup):.0f} ms, "
        f"p95 {sorted(lookup)[int(len(lookup) * 0.95) - 1]:.0f} ms)"
    )


if __name__ == "__main__":
    main()
