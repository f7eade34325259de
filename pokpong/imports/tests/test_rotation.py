"""The kept original files of imports are re-encrypted when the keys rotate."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core import crypto
from pokpong.core.rotation import rotators
from pokpong.imports.models import ImportJob
from pokpong.imports.services import import_file, import_files_rotate

pytestmark = pytest.mark.django_db
DATA = b"given_name_lo,family_name_lo\n\xe0\xba\x99\xe0\xba\xb2\xe0\xba\x87,Souksavanh\n"


def test_the_import_files_rotator_is_registered():
    assert "imports.files" in {rotator.name for rotator in rotators()}


def test_an_import_file_under_an_old_key_is_re_encrypted_and_still_reads(settings):
    old, new = settings.POKPONG_FIELD_KEYS[0], crypto.new_key()
    job = ImportJob.objects.create(
        kind="activities",
        requested_by=UserFactory(roles=[Role.PREVENTION_OFFICER]),
        filename="sheet.csv",
        file_token=crypto.fernet().encrypt(DATA).decode("ascii"),
    )
    settings.POKPONG_FIELD_KEYS = [new, old]
    dry = import_files_rotate(dry_run=True, batch_size=10)["import files"]
    assert (dry.rotated, dry.current) == (1, 0)
    import_files_rotate(dry_run=False, batch_size=10)
    settings.POKPONG_FIELD_KEYS = [new]  # the old key retired: the file must still read
    job.refresh_from_db()
    assert import_file(job) == DATA
    again = import_files_rotate(dry_run=True, batch_size=10)["import files"]
    assert (again.rotated, again.current) == (0, 1)
