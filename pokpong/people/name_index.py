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
