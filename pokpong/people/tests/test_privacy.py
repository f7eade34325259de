"""Sensitive fields are encrypted at rest: the database holds no readable name, in any form."""

import unicodedata
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from pokpong.core import crypto
from pokpong.core.models import AuditEntry
from pokpong.people.models import Person
from pokpong.people.services import AliasDetails, DocumentDetails, PersonDetails, person_register

pytestmark = pytest.mark.django_db

NAMES: dict[str, Any] = {
    "given_name_lo": "ບົວສະຫວັນ",
    "family_name_lo": "ແກ້ວມະນີວົງ",
    "given_name_latin": "Bouasavanh",
    "family_name_latin": "Keomanivong",
}


def _all_text_in_database() -> str:
    """Every value of every table, as the database itself holds it."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608  (table names from introspection)
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


def test_the_raw_database_holds_no_readable_name(caseworker):
    person = person_register(
        user=caseworker,
        details=PersonDetails(
            **NAMES,
            sex="female",
            birth_date="2003-04-05",
            birth_year=2003,
            birth_date_precision="exact",
            phone="020 5555 0001",
            origin_village="ບ້ານນາຊາຍ",
        ),
        aliases=[AliasDetails(script="latin", given_name="Buasavan", family_name="Kaewmany")],
        documents=[DocumentDetails(type="id_card", number="LA-0099-1234")],
    )
    raw = _all_text_in_database()
    secrets = [
        *NAMES.values(),
        "Buasavan",
        "Kaewmany",
        "2003-04-05",
        "5555 0001",
        "ບ້ານນາຊາຍ",
        "LA-0099-1234",
    ]
    for secret in secrets:
        for form in {secret, secret.lower(), secret.upper(), unicodedata.normalize("NFD", secret)}:
            assert form not in raw, secret
    # Statistics fields stay in clear.
    assert Person.objects.filter(birth_year=2003, sex="female", province=person.province).exists()
    # The audit trail records that names were set, never the names.
    assert (
        "set"
        in AuditEntry.objects.get(object_type="people.person", object_id=str(person.pk)).changes[
            "given_name_lo"
        ]
    )


def test_encryption_round_trips_lao_text(caseworker):
    person = person_register(user=caseworker, details=PersonDetails(**NAMES, sex="female"))
    fresh = Person.objects.get(pk=person.pk)
    assert fresh.given_name_lo == "ບົວສະຫວັນ"
    assert fresh.display_name == "ບົວສະຫວັນ ແກ້ວມະນີວົງ"


def test_encrypted_fields_cannot_be_searched_in_the_database():
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Person.objects.filter(given_name_latin__icontains="Boua"))


def test_keys_rotate_without_losing_data(caseworker, settings):
    person = person_register(user=caseworker, details=PersonDetails(**NAMES, sex="female"))
    old_key = settings.POKPONG_FIELD_KEYS[0]
    new_key = crypto.new_key()
    settings.POKPONG_FIELD_KEYS = [new_key, old_key]
    call_command("rotate_field_keys")
    settings.POKPONG_FIELD_KEYS = [new_key]  # the old key is gone: data must still read
    assert Person.objects.get(pk=person.pk).family_name_latin == "Keomanivong"


def test_a_new_person_never_takes_a_code_already_held(caseworker, monkeypatch):
    """Codes are random (they reveal nothing), so two alike are possible: registration skips
    one already held instead of failing."""
    from pokpong.people.models import person as models

    first = person_register(
        user=caseworker, details=PersonDetails(given_name_latin="Noy", sex="female")
    )
    drawn = iter([first.code, first.code, "P-ABCDEFGH"])
    monkeypatch.setattr(models, "new_person_code", lambda: next(drawn))
    second = person_register(
        user=caseworker, details=PersonDetails(given_name_latin="Keo", sex="male")
    )
    assert second.code == "P-ABCDEFGH"
