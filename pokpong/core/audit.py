"""The audit trail: who did what to which record, when and from where. Append-only, hash-chained.

Services call `audit_record()` inside their transaction; views that show a person's personal data
call `audit_view()`. The actor and address come from `audit_context()`, which the middleware sets
for each request and commands or background tasks set for themselves.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from pokpong.core.models import AuditAction, AuditEntry
from pokpong.core.typing import model_field

GENESIS = "0" * 64
SECRET_FIELDS = frozenset({"password", "secret", "data"})
_LOCK_ID = 731_042  # PostgreSQL advisory lock that serialises appends to the chain


@dataclass(frozen=True)
class AuditContext:
    actor: Any = None  # a user, or None for the system
    ip_address: str | None = None
    label: str = ""  # who acts when there is no user, e.g. "command:seed_demo"
    via: str = ""  # how the user acts when not through the pages, e.g. "api-token:<name>"


_NO_CONTEXT = AuditContext()
_context: ContextVar[AuditContext] = ContextVar("audit_context", default=_NO_CONTEXT)


@contextmanager
def audit_context(
    *, actor: Any = None, ip_address: str | None = None, label: str = "", via: str = ""
) -> Iterator[None]:
    token = _context.set(AuditContext(actor=actor, ip_address=ip_address, label=label, via=via))
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> AuditContext:
    return _context.get()


def _with_via(extra: dict[str, Any], context: AuditContext) -> dict[str, Any]:
    """The entry's details, saying how the actor acted (an API token's name) when not through
    the pages."""
    return {**extra, "via": context.via} if context.via else extra


def audit_keys() -> list[tuple[int, str]]:
    """(first entry number, key), oldest first: each key signs the entries from its number on.

    POKPONG_AUDIT_KEYS after a rotation; otherwise POKPONG_AUDIT_KEY signs every entry. The
    numbers live outside the database, so a leaked old key cannot re-sign the newer entries."""
    keys = list(getattr(settings, "POKPONG_AUDIT_KEYS", []))
    if keys:
        return [(int(start), str(key)) for start, key in keys]
    return [(1, str(settings.POKPONG_AUDIT_KEY))]


def audit_key_number(sequence: int) -> int:
    """The generation (1 = the first key) that signs the entry with this number."""
    return sum(1 for start, _key in audit_keys() if start <= sequence)


def _key(sequence: int) -> bytes:
    return audit_keys()[audit_key_number(sequence) - 1][1].encode()


def _payload(entry: AuditEntry) -> bytes:
    data = {
        "sequence": entry.sequence,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_username": entry.actor_username,
        "ip": entry.ip_address,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "changes": entry.changes,
        "extra": entry.extra,
        "prev": entry.prev_hash,
    }
    if entry.parent_type:  # added later: entries without a parent keep their original payload
        data["parent"] = [entry.parent_type, entry.parent_id]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hmac.new(_key(entry.sequence), _payload(entry), hashlib.sha256).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
    # SQLite: transactions begin IMMEDIATE (settings), so writers are already serialised.


def _object_ref(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    label = getattr(obj, "audit_label", None) or ""
    return obj._meta.label_lower, str(obj.pk), str(label)[:200]


# Record types that moved to another app after entries naming them were written: an entry is
# never rewritten (the chain signs it), so readers map the old name to the new one. The app that
# received the models registers them in its AppConfig.ready().
_MOVED_TYPES: dict[str, str] = {}


def audit_type_moved(*, old: str, new: str) -> None:
    """Entries of type `old` (e.g. "matching.merge") are about the records now of type `new`."""
    _MOVED_TYPES[old] = new


def audit_type_current(object_type: str) -> str:
    """The record type an entry's object_type names today."""
    return _MOVED_TYPES.get(object_type, object_type)


def audit_type_names(object_type: str) -> list[str]:
    """A record type and every name its entries may carry (to find all of them)."""
    return [object_type, *(old for old, new in _MOVED_TYPES.items() if new == object_type)]


@transaction.atomic
def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    actor: Any = None,
    object_type: str = "",
    object_id: str = "",
    parent: models.Model | None = None,
) -> AuditEntry:
    """Append one entry. The actor defaults to the current context's."""
    context = current_context()
    actor = actor if actor is not None else context.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    ref_type, ref_id, label = _object_ref(obj)
    _lock_chain()
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "hash").first()
    entry = AuditEntry(
        sequence=(last.sequence + 1) if last else 1,
        at=timezone.now(),
        actor=actor,
        actor_username=actor.get_username() if actor is not None else context.label,
        ip_address=context.ip_address,
        action=action,
        object_type=object_type or ref_type,
        object_id=object_id or ref_id,
        object_label=label,
        parent_type=parent._meta.label_lower if parent is not None else "",
        parent_id=str(parent.pk) if parent is not None else "",
        changes=_jsonable(changes or {}),
        extra=_jsonable(_with_via(extra or {}, context)),
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry_hash(entry)
    entry.save(force_insert=True)
    return entry


def audit_view(
    *, obj: models.Model, fields: Iterable[str] = (), parent: models.Model | None = None
) -> AuditEntry:
    """Record that the current user was shown this record's personal data."""
    return audit_record(
        action=AuditAction.VIEW, obj=obj, extra={"fields": sorted(fields)}, parent=parent
    )


@transaction.atomic
def audit_views(
    *,
    objs: Iterable[models.Model],
    fields: Iterable[str] = (),
    parent: models.Model | None = None,
    action: str = AuditAction.VIEW,
    extra: dict[str, Any] | None = None,
) -> list[AuditEntry]:
    """Record that the current user was shown these records' personal data (a list, a search),
    or exported them (`action=AuditAction.EXPORT`): one entry a record, appended to the chain
    together (one lock, one insert)."""
    records = list(dict.fromkeys(objs))  # each record once, in the order shown
    if not records:
        return []
    context = current_context()
    actor = context.actor if getattr(context.actor, "is_authenticated", False) else None
    _lock_chain()
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, prev = (last.sequence, last.hash) if last else (0, GENESIS)
    details = _with_via({"fields": sorted(fields), **_jsonable(extra or {})}, context)
    entries = []
    for obj in records:
        ref_type, ref_id, label = _object_ref(obj)
        sequence += 1
        entry = AuditEntry(
            sequence=sequence,
            at=timezone.now(),
            actor=actor,
            actor_username=actor.get_username() if actor is not None else context.label,
            ip_address=context.ip_address,
            action=action,
            object_type=ref_type,
            object_id=ref_id,
            object_label=label,
            parent_type=parent._meta.label_lower if parent is not None else "",
            parent_id=str(parent.pk) if parent is not None else "",
            changes={},
            extra=details,
            prev_hash=prev,
        )
        entry.hash = prev = entry_hash(entry)
        entries.append(entry)
    return AuditEntry.objects.bulk_create(entries)


@transaction.atomic
def audit_bulk(
    *,
    action: str,
    records: Iterable[tuple[models.Model, dict[str, Any]]],
    actor: Any = None,
    batch_size: int = 2000,
) -> int:
    """Append one entry a record, each with its own changes, as `audit_record(action=…,
    obj=record, changes=…)` would one by one — the same entries in the same order, chained
    the same way — under one lock, written with bulk inserts (issue 20: imports). Returns how
    many entries were appended."""
    context = current_context()
    actor = actor if actor is not None else context.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    username = actor.get_username() if actor is not None else context.label
    _lock_chain()
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, prev = (last.sequence, last.hash) if last else (0, GENESIS)
    entries: list[AuditEntry] = []
    written = 0
    for obj, changes in records:
        ref_type, ref_id, label = _object_ref(obj)
        sequence += 1
        entry = AuditEntry(
            sequence=sequence,
            at=timezone.now(),
            actor=actor,
            actor_username=username,
            ip_address=context.ip_address,
            action=action,
            object_type=ref_type,
            object_id=ref_id,
            object_label=label,
            parent_type="",
            parent_id="",
            changes=_jsonable(changes or {}),
            extra=_jsonable(_with_via({}, context)),
            prev_hash=prev,
        )
        entry.hash = prev = entry_hash(entry)
        entries.append(entry)
        if len(entries) >= batch_size:
            AuditEntry.objects.bulk_create(entries)
            written += len(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries)
    return written + len(entries)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` now, to diff against after a change."""
    return {name: _field_value(obj, name) for name in fields}


def _field_value(obj: models.Model, name: str) -> Any:
    return getattr(obj, model_field(obj, name).attname)


def _is_secret(obj: models.Model, name: str) -> bool:
    """Passwords, keys and every encrypted field: the trail says a change happened, never what."""
    return name in SECRET_FIELDS or getattr(obj._meta.get_field(name), "is_encrypted", False)


def diff(before: dict[str, Any], obj: models.Model) -> dict[str, Any]:
    """{field: [old, new]} for changed fields; secret fields say only that they changed."""
    changes: dict[str, Any] = {}
    for name, old in before.items():
        new = _field_value(obj, name)
        if old == new:
            continue
        changes[name] = "changed" if _is_secret(obj, name) else [old, new]
    return changes


def creation_changes(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """{field: [None, value]} for a new record; secret fields say only that they were set."""
    changes: dict[str, Any] = {}
    for name in fields:
        value = _field_value(obj, name)
        if not _is_secret(obj, name):
            changes[name] = [None, value]
        elif value not in (None, ""):
            changes[name] = "set"
    return changes


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    problem: str


def audit_chain_problems(*, chunk_size: int = 2000) -> tuple[list[ChainProblem], AuditEntry | None]:
    """Walk the chain in order; report edited, inserted or deleted entries, and the head."""
    problems: list[ChainProblem] = []
    expected_prev, expected_sequence, head = GENESIS, 1, None
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size):
        if entry.sequence != expected_sequence:
            problems.append(
                ChainProblem(
                    entry.sequence, f"entries {expected_sequence}–{entry.sequence - 1} are missing"
                )
            )
        if entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.sequence, "does not follow the previous entry"))
        if not hmac.compare_digest(entry.hash, entry_hash(entry)):
            problems.append(ChainProblem(entry.sequence, "was changed after it was written"))
        expected_prev, expected_sequence, head = entry.hash, entry.sequence + 1, entry
    return problems, head
