"""The audit trail: every write recorded with who, when, where and what; tampering detected."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from pokpong.core.audit import (
    GENESIS,
    audit_chain_problems,
    audit_context,
    audit_record,
    audit_view,
    audit_views,
    entry_hash,
)
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.core.selectors import audit_entries_for_object
from pokpong.places.models import District, Village

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    district = District.objects.first()
    return [audit_record(action=AuditAction.VIEW, obj=district) for _ in range(n)]


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


def test_entries_form_a_chain_that_verifies(capsys):
    entries = _entries(3)
    assert entries[0].sequence < entries[1].sequence < entries[2].sequence
    assert entries[0].prev_hash == GENESIS
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].hash == entry_hash(entries[2])
    call_command("audit_verify")
    assert "OK: 3 entries" in capsys.readouterr().out


def test_an_edited_entry_is_detected():
    entries = _entries(3)
    _tamper("UPDATE core_auditentry SET actor_username = %s WHERE id = %s", ["x", entries[1].pk])
    problems, _head = audit_chain_problems()
    assert [(p.sequence, p.problem) for p in problems] == [
        (entries[1].sequence, "was changed after it was written")
    ]
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit_verify")


def test_a_deleted_entry_is_detected():
    entries = _entries(3)
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    problems, _head = audit_chain_problems()
    assert {p.sequence for p in problems} == {entries[2].sequence}
    assert any("missing" in p.problem for p in problems)


def test_a_forged_entry_without_the_key_is_detected():
    entries = _entries(2)
    forged = AuditEntry(
        sequence=entries[1].sequence + 1,
        chain=entries[1].chain,
        at=entries[1].at,
        action=AuditAction.DELETE,
        prev_hash=entries[1].hash,
        hash="f" * 64,
        object_type="places.district",
        object_id="1",
    )
    forged.save(force_insert=True)
    problems, _head = audit_chain_problems()
    assert [p.sequence for p in problems] == [entries[1].sequence + 1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_update_or_delete_audit_entries():
    entry = _entries(1)[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_username="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_context_supplies_the_actor_and_address(caseworker):
    district = District.objects.first()
    with audit_context(actor=caseworker, ip_address="192.0.2.10"):
        entry = audit_view(obj=district, fields=["name_lo"])
    assert entry.actor == caseworker
    assert entry.actor_username == "caseworker"
    assert entry.ip_address == "192.0.2.10"
    assert entry.extra == {"fields": ["name_lo"]}
    assert audit_entries_for_object(obj=district) == [entry]


def test_a_change_through_the_ui_records_old_and_new_values(client, administrator):
    client.force_login(administrator)
    district = District.objects.get(code="1301")
    client.post(
        reverse("desk:reference_edit", args=["districts", district.pk]),
        {
            "code": "1301",
            "province": district.province_id,
            "name_lo": district.name_lo,
            "name_en": "Kaysone Phomvihane",
            "in_programme_area": "on",  # as the form shows it: Savannakhet's districts are
        },
        REMOTE_ADDR="198.51.100.4",
    )
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(district.pk))
    assert entry.changes == {"name_en": [district.name_en, "Kaysone Phomvihane"]}
    assert entry.actor == administrator
    assert entry.ip_address == "198.51.100.4"


def test_creating_and_deleting_reference_entries_is_audited(client, administrator):
    client.force_login(administrator)
    district = District.objects.first()
    client.post(
        reverse("desk:reference_create", args=["villages"]),
        {"district": district.pk, "name_lo": "ບ້ານໂພນໄຊ", "name_en": "Phonxay"},
    )
    village = Village.objects.get(name_lo="ບ້ານໂພນໄຊ")
    client.post(reverse("desk:reference_delete", args=["villages", village.pk]))
    actions = list(
        AuditEntry.objects.filter(object_type="places.village", object_id=str(village.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.DELETE]


def test_auditors_browse_and_filter_the_trail(client):
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import UserFactory, with_totp

    auditor = with_totp(UserFactory(username="auditor", roles=[Role.NATIONAL_SECRETARIAT]))
    district = District.objects.first()
    with audit_context(actor=auditor):
        audit_record(action=AuditAction.EXPORT, obj=district)
    audit_record(action=AuditAction.VIEW, obj=district)
    client.force_login(auditor)
    response = client.get(reverse("desk:audit_list"), {"action": "export"})
    page = list(response.context["page"])
    assert [e.action for e in page] == [AuditAction.EXPORT]
    response = client.get(
        reverse("desk:audit_list"), {"actor": "auditor", "date_from": "໐໑/໐໑/໒໐໒໖"}
    )
    assert all(e.actor_username == "auditor" for e in response.context["page"])


def test_reading_the_audit_trail_is_itself_recorded(client):
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import UserFactory, with_totp

    auditor = with_totp(UserFactory(username="auditor", roles=[Role.NATIONAL_SECRETARIAT]))
    client.force_login(auditor)
    client.get(reverse("desk:audit_list"), {"page": "1"})
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_type, entry.actor_id) == (
        AuditAction.VIEW,
        "core.auditentry",
        auditor.pk,
    )


def test_viewing_a_list_records_one_entry_a_record_in_one_unbroken_chain(caseworker):
    from pokpong.people.tests.factories import PersonFactory

    persons = [PersonFactory(registered_by=caseworker) for _ in range(3)]
    with audit_context(actor=caseworker):
        entries = audit_views(objs=[*persons, persons[0]], fields=["names"])
    assert [e.object_id for e in entries] == [str(p.pk) for p in persons]
    assert all(e.action == AuditAction.VIEW and e.actor == caseworker for e in entries)
    assert audit_chain_problems()[0] == []


def test_the_audit_list_costs_the_same_queries_for_one_entry_or_fifty(client):
    from django.test.utils import CaptureQueriesContext

    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import UserFactory, with_totp

    auditor = with_totp(UserFactory(username="auditor", roles=[Role.NATIONAL_SECRETARIAT]))
    client.force_login(auditor)
    url = reverse("desk:audit_list") + "?object_type=places.district"  # these entries only

    def moves(n: int) -> None:  # changes naming other records: each is named, in one query
        district = District.objects.first()
        for _ in range(n):
            audit_record(action=AuditAction.UPDATE, obj=district, changes={"province": [1, 2]})

    moves(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    moves(60)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    assert len(page.context["rows"]) == 50 and "→ #2" not in page.content.decode()


def test_history_lines_name_fields_and_values_in_the_readers_language():
    from django.utils import translation

    from pokpong.core.templatetags.pokpong import audit_changes
    from pokpong.places.models import Country

    thailand = Country.objects.get(alpha2="TH")
    entry = AuditEntry(
        object_type="cases.case",
        changes={
            "country_of_exploitation": [None, thailand.pk],
            "risk_level": ["low", "high"],
            "risk_reason": "changed",
            "forms_of_trafficking": [[], ["begging", "other"]],
        },
    )
    with translation.override("en"):
        assert audit_changes(entry) == [
            ("Country of exploitation", "— → Thailand"),
            ("Risk level", "Low → High"),
            ("Reason for the risk level", "✱"),
            ("Forms of trafficking", "— → Forced begging, Other"),
        ]
    with translation.override("lo"):
        assert ("— → ໄທ") in dict(audit_changes(entry)).values()
