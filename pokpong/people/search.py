"""Person search through the blind index: rare shared tokens pick candidates in the database,
then only those candidates are decrypted and scored in Python (rapidfuzz)."""

import heapq
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from django.db.models import Count
from rapidfuzz import fuzz

from pokpong.accounts.models import User
from pokpong.accounts.policy import persons_visible_to
from pokpong.matching.batch import key_similarity, record_keys
from pokpong.matching.keys import full_names, tokens, year_bands
from pokpong.people.models import Person, PersonAlias, PersonToken, TokenStat

MAX_QUERY_TOKENS = 16
MIN_QUERY_TOKENS = 4
COMMON = 20_000  # tokens shared by more persons than this carry no signal
ROW_BUDGET = 30_000  # posting rows one query may aggregate (the cost of the lookup)
CANDIDATES = 100
THRESHOLD = 72
NAME_FIELDS = ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin")


@dataclass(frozen=True)
class Match:
    person: Person
    score: float


def _query_tokens(query_names: list[str], birth_year: int | None = None) -> list[int]:
    """The rarest of the query's tokens (with birth-year bands ± 2 years when the year is
    known), within a budget of posting rows: the rarest carry the most signal and cost the
    least, so the lookup stays cheap however common the name is."""
    wanted = tokens(query_names, year_bands(birth_year, tolerance=2))
    if not wanted:
        return []
    return pick_rare(
        dict(TokenStat.objects.filter(token__in=wanted).values_list("token", "persons"))
    )


def pick_rare(df: dict[int, int]) -> list[int]:
    """From the query's known tokens and how many persons hold each: the rarest first, up to
    MAX_QUERY_TOKENS, none held by more than COMMON persons, and no more than ROW_BUDGET
    posting rows once MIN_QUERY_TOKENS are in (the four rarest if every token is common)."""
    known = sorted((persons, token) for token, persons in df.items())
    chosen: list[int] = []
    rows = 0
    for persons, token in known:
        if persons > COMMON or len(chosen) == MAX_QUERY_TOKENS:
            break
        if len(chosen) >= MIN_QUERY_TOKENS and rows + persons > ROW_BUDGET:
            break
        chosen.append(token)
        rows += persons
    return chosen or [t for _n, t in known[:MIN_QUERY_TOKENS]]


def candidate_ids(query_names: list[str], birth_year: int | None = None) -> list[int]:
    chosen = _query_tokens(query_names, birth_year)
    if not chosen:
        return []
    rows = (
        PersonToken.objects.filter(token__in=chosen)
        .values("person_id")
        .annotate(shared=Count("token"))
        .order_by("-shared", "person_id")[:CANDIDATES]
    )
    return [row["person_id"] for row in rows]


def _keys(names: list[str]) -> list[str]:
    return record_keys(names)


def _best(query_keys: list[str], candidate_keys: list[str]) -> float:
    """Best similarity between any recorded name and any queried one, in either script and
    either order: the batch engine's part-by-part similarity of the keys, or, for a search
    typed in part, their token_sort_ratio and partial_ratio."""
    best = 0.0
    for q in query_keys:
        for c in candidate_keys:
            best = max(
                best,
                key_similarity(q, c),
                fuzz.token_sort_ratio(q, c),
                fuzz.partial_ratio(q, c) * 0.95,
            )
    return best


def _score(
    query_keys: list[str],
    candidate: "_Candidate",
    facts: dict[str, Any],
    candidate_keys: list[str] | None = None,
) -> float:
    keys = _keys(candidate.names) if candidate_keys is None else candidate_keys
    score = _best(query_keys, keys)
    year, sex = facts.get("birth_year"), facts.get("sex")
    if year and candidate.birth_year:
        score += 5 if abs(int(year) - candidate.birth_year) <= 2 else -10
    if sex and candidate.sex not in ("", "unknown") and sex != candidate.sex:
        score -= 15
    return score


@dataclass
class _Candidate:
    """What scoring needs of a person: names (decrypted), sex and birth year — no model."""

    sex: str
    birth_year: int | None
    names: list[str] = field(default_factory=list)


def _candidates(ids: list[int]) -> dict[int, _Candidate]:
    """The candidates' names in both scripts and their other names, in two plain queries."""
    found: dict[int, _Candidate] = {}
    # By primary key only, unordered: the cheapest plan whatever the table's statistics say.
    rows = (
        Person.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "merged_into_id", "sex", "birth_year", *NAME_FIELDS)
    )
    for pk, merged_into, sex, birth_year, given_lo, family_lo, given_latin, family_latin in rows:
        if merged_into is not None:  # a merged record: its kept person carries its names
            continue
        names = full_names([(given_lo, family_lo), (given_latin, family_latin)])
        found[pk] = _Candidate(sex, birth_year, names)
    aliases = (
        PersonAlias.objects.filter(person_id__in=ids)
        .order_by()
        .values_list("person_id", "given_name", "family_name")
    )
    for person_id, given, family in aliases:
        if person_id in found:
            found[person_id].names += full_names([(given, family)])
    return found


def person_search(*, user: User, query: str, limit: int = 20) -> list[Match]:
    """Persons the user may see whose names resemble `query` (Lao or Latin, any order)."""
    return person_matches(user=user, names=[query], facts={}, limit=limit)


def person_matches(
    *, user: User, names: list[str], facts: dict[str, Any], limit: int = 10
) -> list[Match]:
    """Likely matches among the persons the user may see. Persons beyond the user's scope are
    dropped before anything is decrypted or scored: nothing about them (not even whether one
    matches) may reach the caller, who chooses the names, birth year and sex asked about."""
    names = [n for n in names if n and n.strip()]
    year = facts.get("birth_year")
    ids = candidate_ids(names, int(year) if year else None)
    if not ids:
        return []
    visible = list(
        persons_visible_to(user, Person.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    )
    # Score on the names alone (only they are decrypted), then load the finalists whole.
    query_keys = _keys(names)
    scored = []
    for pk, candidate in _candidates(visible).items():
        score = _score(query_keys, candidate, facts)
        if score >= THRESHOLD:
            scored.append((score, pk))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    finalists = scored[:limit]
    persons = Person.objects.in_bulk([pk for _score, pk in finalists])
    return [Match(persons[pk], round(score, 1)) for score, pk in finalists]


POSTINGS_IN_MEMORY = 2_000_000  # above: each query asks the database itself (person_matches)


def persons_matches_many(
    *, user: User, queries: list[tuple[list[str], dict[str, Any]]], limit: int = 10
) -> list[list[Match]]:
    """`person_matches` for many queries at once (issue 20: an import's rows against the
    persons recorded): the same candidates, the same visibility rule (persons beyond the
    user's scope dropped before anything is decrypted), the same scores and order — with a
    few queries for all of them instead of five a query. Each candidate is decrypted once."""
    prepared = []
    for names, facts in queries:
        names = [n for n in names if n and n.strip()]
        year = facts.get("birth_year")
        wanted = tokens(names, year_bands(int(year) if year else None, tolerance=2))
        prepared.append((names, facts, wanted))
    every = sorted({t for _n, _f, wanted in prepared for t in wanted})
    df: dict[int, int] = {}
    for start in range(0, len(every), 900):
        part = every[start : start + 900]
        df.update(TokenStat.objects.filter(token__in=part).values_list("token", "persons"))
    chosen = [
        pick_rare({t: df[t] for t in wanted if t in df}) if df else [] for *_x, wanted in prepared
    ]
    union = sorted({t for c in chosen for t in c})
    if sum(df[t] for t in union) > POSTINGS_IN_MEMORY:
        return [person_matches(user=user, names=n, facts=f, limit=limit) for n, f, _w in prepared]
    postings: dict[int, list[int]] = {}
    for start in range(0, len(union), 900):
        rows = PersonToken.objects.filter(token__in=union[start : start + 900]).values_list(
            "token", "person_id"
        )
        for token, person_id in rows.order_by():
            postings.setdefault(token, []).append(person_id)
    ids_of: list[list[int]] = []
    for tokens_ in chosen:
        # candidate_ids: the persons sharing the most tokens, then the lowest ids
        shared = Counter(chain.from_iterable(postings.get(token, ()) for token in tokens_))
        ranked = heapq.nsmallest(CANDIDATES, shared.items(), key=lambda pair: (-pair[1], pair[0]))
        ids_of.append([pk for pk, _n in ranked])
    every_id = sorted({pk for ids in ids_of for pk in ids})
    visible: set[int] = set()
    found: dict[int, _Candidate] = {}
    for start in range(0, len(every_id), 900):
        part = every_id[start : start + 900]
        seen = list(
            persons_visible_to(user, Person.objects.filter(pk__in=part)).values_list(
                "pk", flat=True
            )
        )
        visible.update(seen)
        found.update(_candidates(seen))
    keys_of = {pk: _keys(candidate.names) for pk, candidate in found.items()}
    results: list[list[tuple[float, int]]] = []
    for (names, facts, _wanted), ids in zip(prepared, ids_of, strict=True):
        query_keys = _keys(names)
        scored = []
        for pk in ids:
            if pk in visible and pk in found:
                score = _score(query_keys, found[pk], facts, keys_of[pk])
                if score >= THRESHOLD:
                    scored.append((score, pk))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        results.append(scored[:limit])
    wanted_pks = sorted({pk for finalists in results for _s, pk in finalists})
    persons: dict[int, Person] = {}
    for start in range(0, len(wanted_pks), 900):
        persons.update(Person.objects.in_bulk(wanted_pks[start : start + 900]))
    return [[Match(persons[pk], round(s, 1)) for s, pk in finalists] for finalists in results]
