"""The person index: the blind-index tokens of every person's names, kept in step with the
persons (called by the persons services). The keys and tokens themselves are the matching
engine's text logic (`pokpong.matching.keys`, which reads a person through a protocol)."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F

from pokpong.matching.keys import NamedPerson, person_tokens
from pokpong.people.models import PersonToken, TokenStat


@transaction.atomic
def person_index(*, person: NamedPerson) -> int:
    """(Re)compute one person's tokens; returns how many they have."""
    new = person_tokens(person)
    old = set(PersonToken.objects.filter(person_id=person.pk).values_list("token", flat=True))
    removed, added = old - new, new - old
    if removed:
        PersonToken.objects.filter(person_id=person.pk, token__in=removed).delete()
        TokenStat.objects.filter(token__in=removed).update(persons=F("persons") - 1)
    if added:
        PersonToken.objects.bulk_create(PersonToken(person_id=person.pk, token=t) for t in added)
        existing = set(TokenStat.objects.filter(token__in=added).values_list("token", flat=True))
        TokenStat.objects.filter(token__in=existing).update(persons=F("persons") + 1)
        TokenStat.objects.bulk_create(TokenStat(token=t, persons=1) for t in added - existing)
    return len(new)


@transaction.atomic
def index_rebuild(*, persons: Iterable[NamedPerson]) -> int:
    """Index many persons at once (demo data, imports), then recount the frequencies."""
    rows: list[PersonToken] = []
    for person in persons:
        rows.extend(PersonToken(person_id=person.pk, token=t) for t in person_tokens(person))
        if len(rows) > 20_000:
            PersonToken.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
            rows = []
    PersonToken.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
    TokenStat.objects.all().delete()
    counts = PersonToken.objects.values("token").annotate(n=Count("person_id", distinct=True))
    TokenStat.objects.bulk_create(
        (TokenStat(token=row["token"], persons=row["n"]) for row in counts.iterator()),
        batch_size=5000,
    )
    return PersonToken.objects.count()


def index_tidy() -> None:
    """After a bulk (re)build on PostgreSQL: VACUUM ANALYZE the token tables, so the lookup runs
    as an index-only scan at once (without it, until autovacuum passes, the same lookup reads
    the table's pages and takes several times longer). Must run outside a transaction."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (PersonToken._meta.db_table, TokenStat._meta.db_table):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def persons_index_new(*, persons: Iterable[NamedPerson], chunk: int = 900) -> int:
    """Index persons just created (none has a token yet), many at once (issue 20: imports):
    the same tokens `person_index` stores for each, and each token's count raised by the
    number of new persons holding it — a few queries a batch instead of four a person."""
    rows: list[PersonToken] = []
    counts: dict[int, int] = {}
    for person in persons:
        for token in person_tokens(person):
            rows.append(PersonToken(person_id=person.pk, token=token))
            counts[token] = counts.get(token, 0) + 1
    PersonToken.objects.bulk_create(rows, batch_size=5000)
    tokens = list(counts)
    existing: set[int] = set()
    for start in range(0, len(tokens), chunk):
        part = tokens[start : start + chunk]
        existing.update(TokenStat.objects.filter(token__in=part).values_list("token", flat=True))
    by_increment: dict[int, list[int]] = {}
    for token in existing:
        by_increment.setdefault(counts[token], []).append(token)
    for increment, same in by_increment.items():
        for start in range(0, len(same), chunk):
            TokenStat.objects.filter(token__in=same[start : start + chunk]).update(
                persons=F("persons") + increment
            )
    TokenStat.objects.bulk_create(
        (TokenStat(token=t, persons=n) for t, n in counts.items() if t not in existing),
        batch_size=5000,
    )
    return len(rows)
