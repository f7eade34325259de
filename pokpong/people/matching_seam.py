"""The seam where the matching engine plugs into registration (cross-script duplicate check).

The check shows only persons the user may already see. Whether a similar person is registered
beyond the user's scope is never said (the caller chooses the names, birth year and sex, so any
answer about hidden persons would be an oracle): the page always adds the same sentence, "ask
the national secretariat". Each check is audited (without the names typed) and limited per user
and minute; the audit trail is the counter, so the limit holds across processes.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.search import person_matches

CHECKS_PER_MINUTE = 30
AUDIT_TYPE = "people.duplicate_check"


class TooManyChecks(Exception):
    """The user ran more duplicate checks in the last minute than the limit allows."""


@dataclass(frozen=True)
class PossibleDuplicate:
    person_id: int
    label: str
    score: float


def possible_duplicates(
    *,
    user: User,
    given_name_lo: str = "",
    family_name_lo: str = "",
    given_name_latin: str = "",
    family_name_latin: str = "",
    birth_year: int | None = None,
    sex: str = "",
) -> list[PossibleDuplicate] | None:
    """Persons the user may see who resemble the names typed; None when no name was typed.
    Raises TooManyChecks beyond CHECKS_PER_MINUTE checks in a minute."""
    names = [
        " ".join(filter(None, (given_name_lo, family_name_lo))),
        " ".join(filter(None, (given_name_latin, family_name_latin))),
    ]
    if not any(n.strip() for n in names):
        return None
    since = timezone.now() - dt.timedelta(minutes=1)
    recent = AuditEntry.objects.filter(actor=user, object_type=AUDIT_TYPE, at__gte=since)
    if recent.count() >= CHECKS_PER_MINUTE:
        raise TooManyChecks
    plausible = birth_year is not None and 1900 <= birth_year <= 2100
    facts = {"birth_year": birth_year if plausible else None, "sex": sex or None}
    matches = person_matches(user=user, names=names, facts=facts, limit=5)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=AUDIT_TYPE,
        extra={"shown": [m.person.pk for m in matches], "hint": "ask the national secretariat"},
    )
    return [
        PossibleDuplicate(
            m.person.pk,
            f"{m.person.display_name} · {m.person.code}"
            f"{' · ' + str(m.person.birth_year) if m.person.birth_year else ''}",
            m.score,
        )
        for m in matches
    ]
