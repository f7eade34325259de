"""Export files at rest: MEDIA_ROOT/exports/<random name>, encrypted with the field keys
(Fernet), re-encrypted by `manage.py rotate_field_keys` (the rotator registered in apps.py)."""

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings

from pokpong.core.crypto import fernet, is_current
from pokpong.core.rotation import RotationCount


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(storage_name: str) -> Path:
    if not storage_name.isalnum():
        raise ValueError("bad storage name")
    return _folder() / storage_name


def export_file_store(data: bytes) -> str:
    """Encrypt and write the file; its storage name."""
    name = secrets.token_hex(20)
    _write(_folder() / name, fernet().encrypt(data))
    return name


def export_file_read(storage_name: str) -> bytes:
    return fernet().decrypt(_path(storage_name).read_bytes())


def export_file_exists(storage_name: str) -> bool:
    return bool(storage_name) and _path(storage_name).is_file()


def export_file_remove(storage_name: str) -> None:
    if storage_name:
        _path(storage_name).unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Write beside the file, then swap it in: a reader sees the old or the new file, whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".write-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_files_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """Re-encrypt with the newest key every export file an older key encrypted."""
    count = RotationCount()
    for path in sorted(_folder().iterdir()):
        if path.name.startswith(".write-") and not dry_run:
            path.unlink(missing_ok=True)  # left by an interrupted write; never a finished file
        if not path.name.isalnum() or not path.is_file():
            continue
        token = path.read_bytes()
        if is_current(token):
            count.current += 1
            continue
        count.rotated += 1
        if not dry_run:
            _write(path, fernet().rotate(token))
    return {"export files": count}
