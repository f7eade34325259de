"""The audit trail: who did what to which record, when and from where. Append-only, hash-chained.

Services call `audit_record()` inside their transaction; views that show a person's personal data
call `audit_view()`. The actor and address come from `audit_context()`, which the middleware sets
for each request and commands or background tasks set for themselves.
"""

import hashlib
import hmac
import itertools
import json
import os
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
_LOCK_ID = 731_042  # PostgreSQL advisory locks (731042, chain) serialise appends to each chain
DEFAULT_CHAINS = 16


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
    chain = getattr(entry, "chain", 0)  # bulk loaders' entry-like objects may have none
    if chain:  # added later (issue 20): chain 0, the one chain before, keeps its payload
        data["chain"] = chain
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hmac.new(_key(entry.sequence), _payload(entry), hashlib.sha256).hexdigest()


def audit_chain_count() -> int:
    """How many chains new entries are spread over on PostgreSQL (POKPONG_AUDIT_CHAINS)."""
    return max(1, int(getattr(settings, "POKPONG_AUDIT_CHAINS", DEFAULT_CHAINS)))


# Where each new connection starts looking for a free chain: spread over processes and threads.
_first_chains = itertools.count(os.getpid() * 7)


_TRY_CHAINS = (
    "SELECT chain FROM unnest(%s::int[]) AS chain "
    "WHERE pg_try_advisory_xact_lock(%s, chain) LIMIT 1"
)


def _lock_chain() -> int:
    """Lock one chain for the rest of this transaction and return its number.

    PostgreSQL: chains 1..POKPONG_AUDIT_CHAINS, each with its own advisory lock, held until the
    transaction ends. A connection first tries the chain it used last (if this transaction holds
    it already, that succeeds at once, so a transaction never holds two chains and two writers
    can never wait for each other in a circle), then the others without waiting; only when all
    are taken does it wait, for its own. SQLite: transactions begin IMMEDIATE (settings), so
    writers are already serialised: one chain, 0."""
    if connection.vendor != "postgresql":
        return 0
    count = audit_chain_count()
    preferred = getattr(connection, "pokpong_audit_chain", 0)
    if not 1 <= preferred <= count:
        preferred = 1 + next(_first_chains) % count
    order = [1 + (preferred - 1 + step) % count for step in range(count)]
    with connection.cursor() as cursor:
        # One round trip: the executor tries the chains in order and stops at the first it gets.
        cursor.execute(_TRY_CHAINS, [order, _LOCK_ID])
        row = cursor.fetchone()
        if row:
            chain = int(row[0])
        else:
            chain = preferred
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_ID, chain])
    setattr(connection, "pokpong_audit_chain", chain)  # noqa: B010 (not a declared attribute)
    return chain


# The chain's last hash, with new numbers (PostgreSQL) or the highest number so far (SQLite).
_NUMBERS_POSTGRESQL = (
    "SELECT ARRAY(SELECT nextval('pokpong_audit_sequence') FROM generate_series(1, %s))"
)
_TAIL_POSTGRESQL = (
    "SELECT ARRAY(SELECT nextval('pokpong_audit_sequence') FROM generate_series(1, %s)), "
    "(SELECT hash FROM core_auditentry WHERE chain = %s ORDER BY sequence DESC LIMIT 1), "
    "(SELECT MAX(sequence) FROM core_auditentry)"
)
_TAIL_SQLITE = (
    "SELECT COALESCE(MAX(sequence), 0), "
    "(SELECT hash FROM core_auditentry WHERE chain = %s ORDER BY sequence DESC LIMIT 1) "
    "FROM core_auditentry"
)
_SEQUENCE_SYNC = (
    "SELECT setval('pokpong_audit_sequence', GREATEST((SELECT MAX(sequence) FROM core_auditentry),"
    " (SELECT last_value FROM pokpong_audit_sequence)))"
)


def _chain_tail(chain: int, count: int) -> tuple[list[int], str]:
    """`count` new entry numbers and the hash of the chain's last entry, in one query, with the
    chain locked. PostgreSQL draws the numbers from its sequence after the lock, so they rise
    along each chain; SQLite, serialised, continues from the highest number.

    Never fold this into the lock's query: a statement reads with the snapshot it started with,
    which may predate the commit of the chain's previous holder (the chain would fork)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_TAIL_POSTGRESQL, [count, chain])
            numbers, prev, top = cursor.fetchone()
            if top is not None and min(numbers) <= top:  # entries loaded in bulk, not synced
                cursor.execute(_SEQUENCE_SYNC)
                cursor.execute(_NUMBERS_POSTGRESQL, [count])
                numbers = cursor.fetchone()[0]
            return sorted(numbers), prev or GENESIS
        cursor.execute(_TAIL_SQLITE, [chain])
        top, prev = cursor.fetchone()
        return list(range(top + 1, top + count + 1)), prev or GENESIS


def audit_sequence_sync() -> None:
    """After entries were loaded in bulk with numbers of their own (a generator, a restore):
    move PostgreSQL's number sequence past the highest number. (The next append notices it
    too, and does this itself.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_SEQUENCE_SYNC)


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
    chain = _lock_chain()
    [sequence], prev = _chain_tail(chain, 1)
    entry = AuditEntry(
        sequence=sequence,
        chain=chain,
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
        prev_hash=prev,
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
    chain = _lock_chain()
    numbers, prev = _chain_tail(chain, len(records))
    details = _with_via({"fields": sorted(fields), **_jsonable(extra or {})}, context)
    entries = []
    for obj, sequence in zip(records, numbers, strict=True):
        ref_type, ref_id, label = _object_ref(obj)
        entry = AuditEntry(
            sequence=sequence,
            chain=chain,
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
    records = list(records)
    if not records:
        return 0
    chain = _lock_chain()
    numbers, prev = _chain_tail(chain, len(records))
    entries: list[AuditEntry] = []
    written = 0
    for (obj, changes), sequence in zip(records, numbers, strict=True):
        ref_type, ref_id, label = _object_ref(obj)
        entry = AuditEntry(
            sequence=sequence,
            chain=chain,
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


@dataclass(frozen=True)
class ChainReport:
    problems: list[ChainProblem]
    heads: dict[int, AuditEntry]  # chain → its last entry
    entries: int

    @property
    def newest(self) -> AuditEntry | None:
        return max(self.heads.values(), key=lambda e: e.sequence, default=None)


def audit_chains_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk every chain in order; report edited, inserted, deleted or reordered entries.

    Each chain starts at GENESIS and each entry names the hash of the one before it in its chain;
    the number, the chain and the previous hash are signed with the rest. The numbers rise along
    a chain but have gaps across the trail (other chains', and numbers drawn by transactions that
    rolled back), so a missing entry shows as the next one no longer following its chain."""
    problems: list[ChainProblem] = []
    heads: dict[int, AuditEntry] = {}
    entries = 0
    ordered = AuditEntry.objects.order_by("chain", "sequence")
    for entry in ordered.iterator(chunk_size=chunk_size):
        entries += 1
        before = heads.get(entry.chain)
        if entry.prev_hash != (before.hash if before else GENESIS):
            problems.append(
                ChainProblem(
                    entry.sequence,
                    "does not follow the previous entry of its chain (one is missing before it, "
                    "or it was moved)",
                )
            )
        if not hmac.compare_digest(entry.hash, entry_hash(entry)):
            problems.append(ChainProblem(entry.sequence, "was changed after it was written"))
        heads[entry.chain] = entry
    problems.sort(key=lambda p: p.sequence)
    return ChainReport(problems=problems, heads=heads, entries=entries)


def audit_chain_problems(*, chunk_size: int = 2000) -> tuple[list[ChainProblem], AuditEntry | None]:
    """The problems of every chain, and the newest entry of the trail."""
    report = audit_chains_verify(chunk_size=chunk_size)
    return report.problems, report.newest
