"""The person index: the blind-index tokens of every person's names, kept in step with the
persons (called by the persons services). The keys and tokens themselves are the matching
engine's text logic (`pokpong.matching.keys`)."""

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F

from pokpong.matching.keys import full_names, tokens, year_bands
from pokpong.people.models import PersonToken, TokenStat


def person_names(person: Any) -> list[str]:
    """Every name a person is recorded under, in both scripts (decrypted in memory)."""
    return full_names(
        [
            (person.given_name_lo, person.family_name_lo),
            (person.given_name_latin, person.family_name_latin),
            *((alias.given_name, alias.family_name) for alias in person.aliases.all()),
        ]
    )


def person_tokens(person: Any) -> set[int]:
    """The tokens stored for one person: every recorded name, with their birth-year band."""
    return tokens(person_names(person), year_bands(person.birth_year))


@transaction.atomic
def person_index(*, person: Any) -> int:
    """(Re)compute one person's tokens; returns how many they have."""
    new = person_tokens(person)
    old = set(PersonToken.objects.filter(person=person).values_list("token", flat=True))
    removed, added = old - new, new - old
    if removed:
        PersonToken.objects.filter(person=person, token__in=removed).delete()
        TokenStat.objects.filter(token__in=removed).update(persons=F("persons") - 1)
    if added:
        PersonToken.objects.bulk_create(PersonToken(person=person, token=t) for t in added)
        existing = set(TokenStat.objects.filter(token__in=added).values_list("token", flat=True))
        TokenStat.objects.filter(token__in=existing).update(persons=F("persons") + 1)
        TokenStat.objects.bulk_create(TokenStat(token=t, persons=1) for t in added - existing)
    return len(new)


@transaction.atomic
def index_rebuild(*, persons: Iterable[Any]) -> int:
    """Index many persons at once (demo data, imports), then recount the frequencies."""
    rows = []
    for person in persons:
        rows.extend(PersonToken(person=person, token=t) for t in person_tokens(person))
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
