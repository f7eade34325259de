"""The seam where the matching engine plugs into registration (cross-script duplicate check)."""

from dataclasses import dataclass
from typing import Any

from pokpong.accounts.models import User
from pokpong.matching.selectors import person_matches


@dataclass(frozen=True)
class PossibleDuplicate:
    person_id: int | None  # None: a match outside the user's scope (no personal data shown)
    label: str
    score: float


def possible_duplicates(*, user: User, data: dict[str, Any]) -> list[PossibleDuplicate]:
    names = [
        " ".join(filter(None, (data.get("given_name_lo"), data.get("family_name_lo")))),
        " ".join(filter(None, (data.get("given_name_latin"), data.get("family_name_latin")))),
    ]
    if not any(n.strip() for n in names):
        return []
    facts = {"birth_year": data.get("birth_year") or None, "sex": data.get("sex") or None}
    matches, hidden = person_matches(user=user, names=names, facts=facts, limit=5)
    found = [
        PossibleDuplicate(
            m.person.pk,
            f"{m.person.display_name} · {m.person.code}"
            f"{' · ' + str(m.person.birth_year) if m.person.birth_year else ''}",
            m.score,
        )
        for m in matches
    ]
    if hidden:
        found.append(PossibleDuplicate(None, "", 0.0))
    return found
