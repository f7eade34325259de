"""Two-factor authentication around django-allauth's MFA: secrets encrypted at rest, and wrong
codes limited per minute (allauth's rate limits) and locked out after too many (our own count,
lifted by an administrator's "unlock" like django-axes' lockouts).
"""

import datetime as dt
from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pokpong.accounts.models import TwoFactorFailure, User
from pokpong.core import crypto
from pokpong.core.rotation import RotationCount

# The values allauth passes through the adapter's encrypt(): the TOTP secret, the recovery
# codes' seed, and codes migrated from another library.
SECRET_KEYS = ("secret", "seed")
_FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte and timestamp)


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth is untyped
    """TOTP secrets and recovery seeds are stored encrypted with the field keys."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)


def secret_decrypt(value: str) -> str:
    """The clear secret. Rows written before encryption (clear base32 or hex) still work."""
    if not value.startswith(_FERNET_PREFIX):
        return value
    try:
        return crypto.fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return crypto.decrypt(value)  # raises the "is a key missing?" configuration error


def _reencrypt_data(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for name in SECRET_KEYS:
        if isinstance(data.get(name), str):
            data[name] = crypto.encrypt(secret_decrypt(data[name]))
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [crypto.encrypt(secret_decrypt(c)) for c in data["migrated_codes"]]
    return data


def authenticators_reencrypt(model: Any = Authenticator) -> int:
    """Encrypt (clear rows) or re-encrypt (with the newest field key) every authenticator's
    secrets. For the data migration and for `rotate_field_keys`. Returns the rows written."""
    count = 0
    for authenticator in model.objects.only("pk", "data").iterator(chunk_size=500):
        data = _reencrypt_data(authenticator.data or {})
        with transaction.atomic():
            model.objects.filter(pk=authenticator.pk).update(data=data)
        count += 1
    return count


def _is_current(data: dict[str, Any]) -> bool:
    values = [data[n] for n in SECRET_KEYS if isinstance(data.get(n), str)]
    values += data.get("migrated_codes") or []
    return all(v.startswith(_FERNET_PREFIX) and crypto.is_current(v) for v in values)


def authenticators_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """The rotator of `rotate_field_keys`: re-encrypt with the newest field key the secrets an
    older key encrypted (or that are still clear); authenticators already current are left."""
    count = RotationCount()
    for authenticator in Authenticator.objects.only("pk", "data").iterator(chunk_size=batch_size):
        data = authenticator.data or {}
        if _is_current(data):
            count.current += 1
            continue
        count.rotated += 1
        if not dry_run:
            with transaction.atomic():
                Authenticator.objects.filter(pk=authenticator.pk).update(data=_reencrypt_data(data))
    return {"two-factor secrets": count}


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)


def two_factor_failures(*, user: User) -> int:
    """Wrong codes given for this account within the lockout period (the same as axes')."""
    return TwoFactorFailure.objects.filter(user=user, at__gte=_window_start()).count()


def two_factor_is_locked(*, user: User) -> bool:
    return two_factor_failures(user=user) >= settings.POKPONG_MFA_LOCKOUT_FAILURES


def two_factor_locked_user_ids(*, user_ids: list[int]) -> set[int]:
    """Which of these accounts are locked out of two-factor sign-in now."""
    from django.db.models import Count

    rows = (
        TwoFactorFailure.objects.filter(user_id__in=user_ids, at__gte=_window_start())
        .values("user_id")
        .annotate(n=Count("id"))
        .filter(n__gte=settings.POKPONG_MFA_LOCKOUT_FAILURES)
    )
    return {row["user_id"] for row in rows}
