"""Every write to API tokens: made (the secret returned once), revoked, marked as used.

A token is `pkp_<prefix>_<secret>`: 8 characters to find its row, 43 of `secrets.token_urlsafe`
(256 bits) that nobody can guess. Only SHA-256 of the whole token is stored: a fast hash is
enough for a random secret of that length (there is no dictionary to try), and it lets every
request be checked without slowing the API down.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    INTEGRATION_ROLES,
    SERVICE_ACCOUNT_PREFIX,
    can_hold_personal_token,
    can_manage_api_token,
    organisations_for_integrations,
)
from pokpong.accounts.services import role_assign
from pokpong.api.models import ApiToken, TokenAccess, TokenKind
from pokpong.core.audit import audit_record, creation_changes
from pokpong.core.models import AuditAction

TOKEN_START = "pkp_"  # noqa: S105 (the start of every token, not a secret)
PREFIX_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789"
MAX_DAYS = 366  # a token lives one year at most: integrations renew theirs
TOKEN_FIELDS = ("name", "kind", "organisation", "user", "access", "expires_on", "rate_per_minute")


@dataclass(frozen=True)
class NewToken:
    """A token just made, with the secret that is never shown again."""

    token: ApiToken
    secret: str


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_prefix() -> str:
    while True:
        prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(8))
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix


def _check_expiry(expires_on: dt.date) -> None:
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": _("The expiry date has passed.")})
    if expires_on > today + dt.timedelta(days=MAX_DAYS):
        raise ValidationError({"expires_on": _("A token lives one year at most.")})


def _save(token: ApiToken) -> NewToken:
    secret = f"{TOKEN_START}{token.prefix}_{secrets.token_urlsafe(32)}"
    token.secret_hash = token_hash(secret)
    token.full_clean()
    token.save()
    audit_record(
        action=AuditAction.CREATE, obj=token, changes=creation_changes(token, TOKEN_FIELDS)
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def api_token_create_personal(
    *, user: User, name: str, access: str, expires_on: dt.date
) -> NewToken:
    """A token that acts as the user: it reaches what the user reaches, no more."""
    if not can_hold_personal_token(user) or user.organisation is None:
        raise PermissionDenied
    _check_expiry(expires_on)
    token = ApiToken(
        name=name,
        kind=TokenKind.PERSONAL,
        organisation=user.organisation,
        user=user,
        created_by=user,
        access=TokenAccess(access),
        prefix=_new_prefix(),
        expires_on=expires_on,
    )
    return _save(token)


@transaction.atomic
def api_token_create_integration(
    *,
    user: User,
    organisation: Organisation,
    name: str,
    roles: Sequence[str],
    access: str,
    expires_on: dt.date,
    rate_per_minute: int | None = None,
) -> NewToken:
    """A token for another system of the organisation: it acts as a service account of its own
    holding `roles` over the organisation's place (national, its province or its district)."""
    if not organisations_for_integrations(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    if not roles or not set(roles) <= set(INTEGRATION_ROLES):
        raise ValidationError({"roles": _("Choose what the integration works as.")})
    _check_expiry(expires_on)
    prefix = _new_prefix()
    account = User(username=f"{SERVICE_ACCOUNT_PREFIX}{prefix}", organisation=organisation)
    account.first_name = name[:150]
    account.set_unusable_password()
    account.save()
    audit_record(action=AuditAction.CREATE, obj=account, changes={"integration": name})
    for role in sorted(set(roles)):
        role_assign(
            user=account, role=role, province=organisation.province, district=organisation.district
        )
    token = ApiToken(
        name=name,
        kind=TokenKind.INTEGRATION,
        organisation=organisation,
        user=account,
        created_by=user,
        access=TokenAccess(access),
        prefix=prefix,
        expires_on=expires_on,
        rate_per_minute=rate_per_minute,
    )
    return _save(token)


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """Stop the token at once. An integration's service account is switched off with it."""
    if not can_manage_api_token(user, token):
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at, token.revoked_by = timezone.now(), user
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(action=AuditAction.REVOKE, obj=token, changes={"revoked_at": [None, "now"]})
    if token.is_integration:
        account = token.user
        account.is_active = False
        account.save(update_fields=["is_active"])
        audit_record(action=AuditAction.UPDATE, obj=account, changes={"is_active": [True, False]})
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The usable token this secret proves, or None (unknown, wrong, revoked or expired)."""
    parts = secret.split("_")
    if len(parts) < 3 or f"{parts[0]}_" != TOKEN_START:
        return None
    token = ApiToken.objects.select_related("user", "organisation").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, token_hash(secret)):
        return None
    if not token.is_usable or not token.user.is_active:
        return None
    return token


USE_RESOLUTION = dt.timedelta(minutes=1)


def api_token_used(*, token: ApiToken) -> None:
    """Remember when the token was last used (at most one write a minute per token)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
