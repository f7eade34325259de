"""The audit key can be replaced from a given entry on; the whole chain keeps verifying."""

import hashlib
import hmac

import pytest
from django.core.management import CommandError, call_command

from pokpong.core.audit import _payload, audit_chain_problems, audit_record
from pokpong.core.models import AuditAction, AuditEntry
from tests.site.test_audit import _tamper

pytestmark = pytest.mark.django_db

OLD = "the-old-audit-key-0123456789-abcdefghij"
NEW = "the-new-audit-key-9876543210-klmnopqrst"


def _write(n: int) -> list[AuditEntry]:
    return [audit_record(action=AuditAction.VIEW, object_type="test") for _ in range(n)]


def _signed_with(entry: AuditEntry, key: str) -> bool:
    return hmac.compare_digest(
        entry.hash, hmac.new(key.encode(), _payload(entry), hashlib.sha256).hexdigest()
    )


def _switch(settings, start: int) -> None:
    settings.POKPONG_AUDIT_KEY = ""
    settings.POKPONG_AUDIT_KEYS = [(1, OLD), (start, NEW)]


def test_a_new_audit_key_signs_the_entries_from_its_start_and_the_chain_still_verifies(settings):
    settings.POKPONG_AUDIT_KEY = OLD
    before = _write(3)
    _switch(settings, before[-1].sequence + 1)
    after = _write(2)
    assert all(_signed_with(e, OLD) for e in before)
    assert all(_signed_with(e, NEW) and not _signed_with(e, OLD) for e in after)
    assert audit_chain_problems()[0] == []


def test_an_entry_after_the_switch_re_signed_with_a_leaked_old_key_is_detected(settings):
    settings.POKPONG_AUDIT_KEY = OLD
    first = _write(1)[0]
    _switch(settings, first.sequence + 1)
    forged = _write(1)[0]
    forged.object_label = "rewritten"
    forged.hash = hmac.new(OLD.encode(), _payload(forged), hashlib.sha256).hexdigest()
    _tamper(
        "UPDATE core_auditentry SET object_label = %s, hash = %s WHERE id = %s",
        ["rewritten", forged.hash, forged.pk],
    )
    problems, _head = audit_chain_problems()
    assert [p.sequence for p in problems] == [forged.sequence]


def test_audit_verify_names_the_key_ranges_without_showing_a_key(settings, capsys):
    settings.POKPONG_AUDIT_KEY = OLD
    first = _write(1)[0]
    _switch(settings, first.sequence + 1)
    _write(1)
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert f"2 from entry {first.sequence + 1}" in out
    assert OLD not in out and NEW not in out


def test_audit_key_rotate_prints_the_start_after_the_head_and_a_fresh_key(settings, capsys):
    settings.POKPONG_AUDIT_KEY = OLD
    head = _write(2)[-1]
    call_command("audit_key_rotate")
    out = capsys.readouterr().out
    assert f"POKPONG_AUDIT_KEYS=1:<key 1>,{head.sequence + 1}:<new key>" in out
    assert OLD not in out


def test_audit_key_rotate_refuses_a_chain_that_does_not_verify(settings):
    settings.POKPONG_AUDIT_KEY = OLD
    entry = _write(2)[0]
    _tamper("UPDATE core_auditentry SET object_label = %s WHERE id = %s", ["edited", entry.pk])
    with pytest.raises(CommandError, match="audit_verify"):
        call_command("audit_key_rotate")
