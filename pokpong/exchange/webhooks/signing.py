"""The signature a receiver checks: HMAC-SHA256 of the raw body with the endpoint's secret."""

import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105  (a label, not a secret)


def secret_new() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(*, secret: str, body: bytes) -> str:
    """The X-Pokpong-Signature header's value: sha256=<hex>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_is_valid(*, secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (docs/webhooks.md has the same in a few lines)."""
    return hmac.compare_digest(signature(secret=secret, body=body), header)
