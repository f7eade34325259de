"""Field key rotation covers everything encrypted: fields, attachment files, merge snapshots, and
whatever an app registers; it is idempotent and resumable, and nothing encrypted is missed."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases import attachments
from pokpong.cases.services import case_attachment_add
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core import crypto
from pokpong.core.rotation import encrypted_models, rotators
from pokpong.core.typing import model_field
from pokpong.people import duplicates as review
from pokpong.people.models import Merge, Person
from pokpong.people.services import PersonDetails, person_register

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n% fictitious test document\n"
# What a module may import from the crypto module without encrypting anything itself.
HARMLESS = {"EncryptedTextField", "encrypted_fields", "new_key", "is_current"}


@pytest.fixture
def keys(settings):
    old, new = settings.POKPONG_FIELD_KEYS[0], crypto.new_key()
    return settings, old, new


def _everything_encrypted(caseworker) -> tuple[Person, str, Merge]:
    """A person (fields), an attachment (file) and a merge (snapshot), all under the old key."""
    manager = with_totp(UserFactory(username="keys-manager", roles=[Role.PROVINCIAL_MANAGER]))
    kept = person_register(
        user=caseworker,
        details=PersonDetails(given_name_latin="Souksavan", phone="020 5555 1234", sex="female"),
    )
    twin = person_register(
        user=caseworker,
        details=PersonDetails(given_name_latin="Souksavanh", phone="020 5555 9999", sex="female"),
    )
    case = CaseFactory(person=kept)
    attachment = case_attachment_add(
        user=caseworker, case=case, title="Consent", filename="c.pdf", data=PDF
    )
    merge = review.persons_merge(user=manager, kept=kept, merged=twin, take_from_merged=["phone"])
    return kept, attachment.storage_name, merge


def _stored_tokens() -> list[str]:
    tokens = []
    with connection.cursor() as cursor:
        for model, names in encrypted_models():
            columns = ", ".join(str(model_field(model, n).column) for n in names)
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")  # noqa: S608
            tokens += [t for row in cursor.fetchall() for t in row if t]
    return tokens


def test_after_rotation_the_old_key_can_go_and_everything_still_reads(caseworker, keys):
    settings, old, new = keys
    kept, storage_name, merge = _everything_encrypted(caseworker)
    settings.POKPONG_FIELD_KEYS = [new, old]
    call_command("rotate_field_keys", batch_size=2)
    settings.POKPONG_FIELD_KEYS = [new]
    assert _stored_tokens() and all(crypto.is_current(t) for t in _stored_tokens())
    assert Person.objects.get(pk=kept.pk).given_name_latin == "Souksavan"
    assert attachments.read(storage_name) == PDF
    manager = merge.merged_by
    review.merge_undo(user=manager, merge=Merge.objects.get(pk=merge.pk))
    assert Person.objects.get(pk=kept.pk).phone == "020 5555 1234"


def test_check_fails_while_a_value_is_under_an_old_key_and_passes_after(caseworker, keys):
    settings, old, new = keys
    _everything_encrypted(caseworker)
    settings.POKPONG_FIELD_KEYS = [new, old]
    with pytest.raises(CommandError, match="older key"):
        call_command("rotate_field_keys", check=True)
    call_command("rotate_field_keys")
    call_command("rotate_field_keys", check=True)


def test_a_second_run_rotates_only_what_is_still_under_an_old_key(caseworker, keys, capsys):
    settings, old, new = keys
    _everything_encrypted(caseworker)
    settings.POKPONG_FIELD_KEYS = [new, old]
    call_command("rotate_field_keys")
    before = _stored_tokens()
    settings.POKPONG_FIELD_KEYS = [old]  # e.g. a worker still running with the old list
    person_register(user=caseworker, details=PersonDetails(given_name_latin="Bounmy", sex="male"))
    settings.POKPONG_FIELD_KEYS = [new, old]
    capsys.readouterr()
    call_command("rotate_field_keys")
    out = capsys.readouterr().out
    assert "Done: 1 re-encrypted" in out
    assert set(before) <= set(_stored_tokens())  # values already under the new key untouched


def test_files_are_replaced_whole_and_a_leftover_temporary_file_is_removed(caseworker, keys):
    settings, old, new = keys
    _kept, storage_name, _merge = _everything_encrypted(caseworker)
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    (folder / ".rotate-interrupted").write_bytes(b"partial")
    settings.POKPONG_FIELD_KEYS = [new, old]
    call_command("rotate_field_keys")
    assert sorted(p.name for p in folder.iterdir()) == [storage_name]
    assert crypto.is_current((folder / storage_name).read_bytes())


def test_every_encrypted_model_field_is_rotated():
    """A new kind of encrypted field must say `is_encrypted`, or rotation would skip it."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, crypto.EncryptedTextField) or "crypt" in type(field).__name__:
                assert field.name in dict(encrypted_models()).get(model, []), field


def _modules_using_crypto() -> set[str]:
    """Modules that call the crypto functions directly (tests and migrations aside)."""
    found = set()
    for path in (ROOT / "pokpong").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "pokpong.core.crypto":
                if {alias.name for alias in node.names} - HARMLESS:
                    found.add(module)
            elif isinstance(node, ast.ImportFrom) and node.module == "pokpong.core":
                if "crypto" in {alias.name for alias in node.names}:
                    found.add(module)
            elif isinstance(node, ast.Import) and "pokpong.core.crypto" in {
                alias.name for alias in node.names
            }:
                found.add(module)
    return found - {"pokpong.core.crypto", "pokpong.core.rotation"} - set(FIELD_VALUE_WRITERS)


# Modules that encrypt values only to write them into encrypted model fields themselves (bulk
# loads with COPY): what they write is in those fields' columns, which the fields' rotator
# (found from _meta) rotates; they keep no ciphertext of their own.
FIELD_VALUE_WRITERS = {
    "pokpong.demo.scale.names": "generate_scale writes persons' encrypted names with COPY",
}


def test_every_module_that_encrypts_something_has_a_rotator():
    """Files, JSON snapshots, another library's secrets: whoever encrypts registers a rotator
    (pokpong.core.rotation.rotator_register) that names its module."""
    covered = {module for rotator in rotators() for module in rotator.modules}
    using = _modules_using_crypto()
    assert "pokpong.cases.attachments" in using  # the scan sees the modules it should
    assert using - covered == set()
