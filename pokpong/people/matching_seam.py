"""The seam where the matching engine plugs into registration (cross-script duplicate check).

Until the matching issue lands, nobody is suggested. The registration form already asks this
function while the user types (htmx), so the engine only has to answer here.
"""

from dataclasses import dataclass
from typing import Any

from pokpong.accounts.models import User


@dataclass(frozen=True)
class PossibleDuplicate:
    person_id: int | None  # None: a match outside the user's scope (no personal data shown)
    label: str
    score: float


def possible_duplicates(*, user: User, data: dict[str, Any]) -> list[PossibleDuplicate]:
    return []
