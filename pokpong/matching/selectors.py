"""Name search through the blind index: rare shared tokens pick candidates in the database,
then only those candidates are decrypted and scored in Python (rapidfuzz)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from rapidfuzz import fuzz

from pokpong.accounts.models import User
from pokpong.core.policy import persons_visible_to
from pokpong.matching.keys import person_names, tokens
from pokpong.matching.models import PersonToken, TokenStat
from pokpong.matching.normalise import name_parts
from pokpong.people.models import Person

MAX_QUERY_TOKENS = 16
COMMON = 20_000  # tokens shared by more persons than this carry no signal
CANDIDATES = 200
THRESHOLD = 72


@dataclass(frozen=True)
class Match:
    person: Person
    score: float


def _query_tokens(query_names: list[str]) -> list[int]:
    wanted = tokens(query_names)
    if not wanted:
        return []
    df = dict(TokenStat.objects.filter(token__in=wanted).values_list("token", "persons"))
    known = sorted((df[t], t) for t in wanted if t in df)
    rare = [t for n, t in known if n <= COMMON][:MAX_QUERY_TOKENS]
    return rare or [t for _n, t in known[:4]]


def candidate_ids(query_names: list[str]) -> list[int]:
    chosen = _query_tokens(query_names)
    if not chosen:
        return []
    rows = (
        PersonToken.objects.filter(token__in=chosen)
        .values("person_id")
        .annotate(shared=Count("token"))
        .order_by("-shared", "person_id")[:CANDIDATES]
    )
    return [row["person_id"] for row in rows]


def _key(name: str) -> str:
    return " ".join(name_parts(name))


def name_score(query_names: list[str], candidate_names: list[str]) -> float:
    """Best similarity between any recorded name and any queried one, in either script and
    either order (token_sort_ratio on the phonetic keys)."""
    best = 0.0
    for q in filter(None, map(_key, query_names)):
        for c in filter(None, map(_key, candidate_names)):
            best = max(best, fuzz.token_sort_ratio(q, c), fuzz.partial_ratio(q, c) * 0.95)
    return best


def _score(person: Person, query_names: list[str], facts: dict[str, Any]) -> float:
    score = name_score(query_names, person_names(person))
    year, sex = facts.get("birth_year"), facts.get("sex")
    if year and person.birth_year:
        score += 5 if abs(int(year) - person.birth_year) <= 2 else -10
    if sex and person.sex not in ("", "unknown") and sex != person.sex:
        score -= 15
    return score


def person_search(*, user: User, query: str, limit: int = 20) -> list[Match]:
    """Persons the user may see whose names resemble `query` (Lao or Latin, any order)."""
    return person_matches(user=user, names=[query], facts={}, limit=limit)[0]


def person_matches(
    *, user: User, names: list[str], facts: dict[str, Any], limit: int = 10
) -> tuple[list[Match], int]:
    """Likely matches the user may see, and how many strong ones lie outside their scope
    (reported as a number only: the hint reveals no personal data)."""
    names = [n for n in names if n and n.strip()]
    ids = candidate_ids(names)
    if not ids:
        return [], 0
    visible = set(
        persons_visible_to(user, Person.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    )
    matches, hidden = [], 0
    for person in Person.objects.filter(pk__in=ids).prefetch_related("aliases"):
        score = _score(person, names, facts)
        if score < THRESHOLD:
            continue
        if person.pk in visible:
            matches.append(Match(person, round(score, 1)))
        elif score >= 85:
            hidden += 1
    matches.sort(key=lambda m: -m.score)
    return matches[:limit], hidden
