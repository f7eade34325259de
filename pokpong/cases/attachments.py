"""Attachment files: type checked by content, size limited, stored encrypted, read back whole.

The bytes are encrypted with the same keys as the sensitive fields (Fernet) and written under
MEDIA_ROOT/attachments with a random name; the database keeps the title and file name encrypted.
"""

import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pokpong.core.crypto import fernet, is_current
from pokpong.core.rotation import RotationCount

MAX_BYTES: int = settings.POKPONG_UPLOAD_MAX_BYTES
# Allowed types, recognised by their first bytes (never by the name or the browser's word).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class StoredFile:
    storage_name: str
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(data: bytes) -> StoredFile:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    if not data:
        raise ValidationError(_("The file is empty."))
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(_("Only PDF documents and JPEG, PNG or WebP photos can be attached."))
    name = secrets.token_hex(20)
    (_folder() / name).write_bytes(fernet().encrypt(data))
    return StoredFile(name, content_type, len(data), hashlib.sha256(data).hexdigest())


def read(storage_name: str) -> bytes:
    if not storage_name.isalnum():
        raise ValueError("bad storage name")
    return fernet().decrypt((_folder() / storage_name).read_bytes())


def remove(storage_name: str) -> None:
    (_folder() / storage_name).unlink(missing_ok=True)


def _replace(path: Path, data: bytes) -> None:
    """Write beside the file, then swap it in: a reader sees the old or the new file, whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rotate-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def attachments_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """Re-encrypt every stored file (those of deleted records too) that an older key encrypted."""
    count = RotationCount()
    for path in sorted(_folder().iterdir()):
        if path.name.startswith(".rotate-") and not dry_run:
            path.unlink(missing_ok=True)  # left by an interrupted run; the original is intact
        if not path.name.isalnum() or not path.is_file():
            continue
        token = path.read_bytes()
        if is_current(token):
            count.current += 1
            continue
        count.rotated += 1
        if not dry_run:
            _replace(path, fernet().rotate(token))
    return {"attachment files": count}
