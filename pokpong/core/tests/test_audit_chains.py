"""Issue 20: the audit trail is several hash chains, each appended under its own lock, and
`audit_verify` still proves every one of them (and the single chain written before)."""

import hashlib
import hmac
import json
import threading
from itertools import cycle
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from pokpong.core import audit
from pokpong.core.audit import (
    GENESIS,
    _payload,
    audit_chain_problems,
    audit_chains_verify,
    audit_record,
    audit_sequence_sync,
    audit_views,
)
from pokpong.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the chains' locks are PostgreSQL's"
)


@pytest.fixture
def three_chains(monkeypatch):
    """Appends go to chains 1, 2, 3, 1, 2, 3, … (as concurrent writers' would), on any database."""
    chains = cycle([1, 2, 3])
    monkeypatch.setattr(audit, "_lock_chain", lambda: next(chains))


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back (PostgreSQL's trigger switched off)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


def _write(n: int) -> list[AuditEntry]:
    return [audit_record(action=AuditAction.VIEW, object_type="test") for _ in range(n)]


def _problems() -> list[tuple[int, str]]:
    return [(p.sequence, p.problem) for p in audit_chain_problems()[0]]


def test_entries_spread_over_chains_each_start_at_genesis_and_all_verify(three_chains, capsys):
    entries = _write(7)
    by_chain: dict[int, list[AuditEntry]] = {}
    for entry in entries:
        by_chain.setdefault(entry.chain, []).append(entry)
    assert sorted(by_chain) == [1, 2, 3]
    for chain in by_chain.values():
        assert chain[0].prev_hash == GENESIS
        assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    assert [e.sequence for e in entries] == sorted(e.sequence for e in entries)
    assert json.loads(_payload(entries[0]))["chain"] == 1
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "OK: 7 entries in 3 chains" in out
    assert f"chain 2: head entry {entries[4].sequence}, {entries[4].hash}" in out


def test_a_list_view_appends_its_entries_to_one_chain(three_chains):
    records = list(ContentType.objects.order_by("pk")[:4])
    entries = audit_views(objs=records, fields=["model"])
    assert {e.chain for e in entries} == {1}
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert audit_chain_problems()[0] == []


def test_an_edited_entry_in_any_chain_is_detected(three_chains):
    entries = _write(6)
    _tamper("UPDATE core_auditentry SET object_label = %s WHERE id = %s", ["x", entries[4].pk])
    assert _problems() == [(entries[4].sequence, "was changed after it was written")]
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit_verify")


def test_a_deleted_entry_in_any_chain_is_detected(three_chains):
    entries = _write(9)  # chain 2: entries 1, 4, 7
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[4].pk])
    problems = _problems()
    assert [sequence for sequence, _problem in problems] == [entries[7].sequence]
    assert "missing" in problems[0][1]


def test_a_deleted_first_entry_of_a_chain_is_detected(three_chains):
    entries = _write(6)
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    assert [sequence for sequence, _problem in _problems()] == [entries[5].sequence]


def test_an_inserted_entry_in_any_chain_is_detected(three_chains):
    entries = _write(6)
    head = entries[5]  # chain 3's head
    forged = AuditEntry(
        sequence=head.sequence + 1,
        chain=head.chain,
        at=timezone.now(),
        action=AuditAction.DELETE,
        object_type="places.district",
        object_id="1",
        prev_hash=head.hash,
        hash="f" * 64,
    )
    forged.save(force_insert=True)
    assert _problems() == [(forged.sequence, "was changed after it was written")]


def test_two_entries_of_a_chain_swapped_are_detected(three_chains):
    entries = _write(6)
    first, second = entries[0], entries[3]  # chain 1, in this order
    _tamper(
        "UPDATE core_auditentry SET sequence = -sequence WHERE id IN (%s, %s)",
        [first.pk, second.pk],
    )
    _tamper(
        "UPDATE core_auditentry SET sequence = CASE WHEN id = %s THEN %s ELSE %s END "
        "WHERE id IN (%s, %s)",
        [first.pk, second.sequence, first.sequence, first.pk, second.pk],
    )
    problems = _problems()
    assert {sequence for sequence, _problem in problems} == {first.sequence, second.sequence}
    assert all(problem for _sequence, problem in problems)


def test_an_entry_moved_to_another_chain_is_detected(three_chains):
    entries = _write(6)
    _tamper("UPDATE core_auditentry SET chain = 3 WHERE id = %s", [entries[1].pk])
    problems = _problems()
    assert entries[1].sequence in {sequence for sequence, _problem in problems}
    assert entries[4].sequence in {sequence for sequence, _problem in problems}


def test_removing_the_newest_entries_of_a_chain_is_detected_against_recorded_heads(
    three_chains, capsys, tmp_path: Path
):
    entries = _write(6)
    call_command("audit_verify")
    recorded = tmp_path / "audit-heads.txt"
    recorded.write_text(capsys.readouterr().out, encoding="utf-8")
    _write(3)
    call_command("audit_verify", heads=str(recorded))  # the chains grew: the old heads remain
    _tamper("DELETE FROM core_auditentry WHERE sequence >= %s AND chain = 2", [entries[4].sequence])
    assert audit_chain_problems()[0] == []  # the chain alone cannot tell …
    with pytest.raises(CommandError, match="tampered"):  # … its recorded head can
        call_command("audit_verify", heads=str(recorded))
    assert "the recorded head of chain 2 is gone" in capsys.readouterr().err


def _legacy_hash(entry: AuditEntry, key: str) -> str:
    """How entries were signed before issue 20 (one chain, no "chain" in the payload)."""
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
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()


def test_the_single_chain_written_before_still_verifies_and_new_chains_follow(
    settings, monkeypatch
):
    prev, legacy = GENESIS, []
    for sequence in range(1, 5):  # as written before migration 0004: chain left to its default
        entry = AuditEntry(
            sequence=sequence,
            at=timezone.now(),
            action=AuditAction.VIEW,
            object_type="places.district",
            object_id=str(sequence),
            prev_hash=prev,
        )
        entry.hash = prev = _legacy_hash(entry, settings.POKPONG_AUDIT_KEY)
        entry.save(force_insert=True)
        legacy.append(entry)
    audit_sequence_sync()  # what migration 0004 does for the entries already there
    assert {e.chain for e in AuditEntry.objects.all()} == {0}
    chains = cycle([1, 2])
    monkeypatch.setattr(audit, "_lock_chain", lambda: next(chains))
    new = _write(4)
    assert min(e.sequence for e in new) > legacy[-1].sequence
    report = audit_chains_verify()
    assert report.problems == []
    assert sorted(report.heads) == [0, 1, 2]
    assert report.heads[0].hash == legacy[-1].hash
    _tamper("UPDATE core_auditentry SET object_id = %s WHERE id = %s", ["9", legacy[1].pk])
    assert _problems() == [(legacy[1].sequence, "was changed after it was written")]


def test_a_key_rotation_signs_every_chain_from_its_start(settings, three_chains):
    settings.POKPONG_AUDIT_KEY = "the-old-audit-key-0123456789-abcdefghij"
    before = _write(4)
    settings.POKPONG_AUDIT_KEYS = [
        (1, settings.POKPONG_AUDIT_KEY),
        (before[-1].sequence + 1, "the-new-audit-key-9876543210-klmnopqrst"),
    ]
    settings.POKPONG_AUDIT_KEY = ""
    _write(4)
    assert audit_chain_problems()[0] == []


@postgresql_only
def test_appends_of_one_transaction_stay_on_one_chain():
    with transaction.atomic():
        entries = _write(3)
    assert len({e.chain for e in entries}) == 1
    assert entries[0].chain >= 1


@postgresql_only
def test_the_sequence_sync_moves_past_entries_loaded_in_bulk():
    entry = _write(1)[0]
    AuditEntry(
        sequence=entry.sequence + 1000,
        at=timezone.now(),
        action=AuditAction.VIEW,
        prev_hash=GENESIS,
        hash="e" * 64,
    ).save(force_insert=True)
    audit_sequence_sync()
    assert _write(1)[0].sequence > entry.sequence + 1000


@postgresql_only
def test_an_append_after_entries_loaded_in_bulk_without_a_sync_still_gets_a_fresh_number():
    entry = _write(1)[0]
    AuditEntry(
        sequence=entry.sequence + 500,
        at=timezone.now(),
        action=AuditAction.VIEW,
        prev_hash=GENESIS,
        hash="d" * 64,
    ).save(force_insert=True)
    assert [e.sequence > entry.sequence + 500 for e in _write(2)] == [True, True]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_writer_holding_a_chain_does_not_hold_up_another():
    """Before issue 20 the second writer waited for the first one's transaction to end."""
    holding, release, written = threading.Event(), threading.Event(), {}

    def first() -> None:
        try:
            with transaction.atomic():
                written["first"] = _write(1)[0]
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            holding.wait(10)
            written["second"] = _write(1)[0]  # its own transaction, while the first is open
        finally:
            connections.close_all()

    one, two = threading.Thread(target=first), threading.Thread(target=second)
    one.start()
    two.start()
    two.join(10)
    finished_while_held = not two.is_alive()
    release.set()
    one.join(10)
    assert finished_while_held
    assert written["first"].chain != written["second"].chain
    assert audit_chain_problems()[0] == []
