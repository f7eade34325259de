"""Field encryption at rest: Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, keys from the
environment, with rotation (MultiFernet: the first key encrypts, every key decrypts).

The keys (`POKPONG_FIELD_KEYS`) are separate from Django's secret key and from the audit key, so
that each can be rotated on its own. Encrypted fields cannot be filtered or ordered in the
database; name search goes through the keyed blind index of the persons (people.name_index) instead.
"""

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.expressions import Combinable


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "POKPONG_FIELD_KEYS is empty: sensitive fields cannot be stored."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"POKPONG_FIELD_KEYS holds a malformed key: {exc}") from None


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.POKPONG_FIELD_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A sensitive field cannot be decrypted with POKPONG_FIELD_KEYS: is a key missing?"
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt a value with the first (newest) key."""
    return fernet().rotate(token.encode()).decode()


@lru_cache(maxsize=4)
def _newest(key: str) -> Fernet:
    return Fernet(key.encode())


def is_current(token: str | bytes) -> bool:
    """Whether the newest key encrypted this token (its signature checks out with that key)."""
    data = token.encode() if isinstance(token, str) else token
    try:
        _newest(settings.POKPONG_FIELD_KEYS[0]).extract_timestamp(data)
    except InvalidToken:
        return False
    return True


def new_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedTextField(models.TextField[str | Combinable, str]):
    """Text stored encrypted; empty text is stored as the empty string (not secret)."""

    is_encrypted = True

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None  # an encrypted value cannot be compared in the database
        return super().get_lookup(lookup_name)


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "is_encrypted", False)]
