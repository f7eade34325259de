"""Access grants: the one write path. Every grant made, revoked, expired or given a new expiry
goes through these functions, each row locked and each change audited (one entry per grant).

The policy (`policy.granted_ids`) decides at read time: a grant counts while it is neither
revoked nor past its `expires_at`. `grant_expire_due` (a daily task) records the expiry that
the policy already enforces: it closes each lapsed grant (`revoked_at`) with an audit entry.
"""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from pokpong.core.audit import audit_record
from pokpong.core.models import AccessGrant, AuditAction


def _audit(*, user: Any, grant: AccessGrant, action: str, why: str, **extra: Any) -> None:
    audit_record(
        actor=user,
        action=action,
        object_type=f"{grant.content_type.app_label}.{grant.content_type.model}",
        object_id=grant.object_id,
        extra={
            "grant": grant.pk,
            "organisation": grant.grantee_organisation_id,
            "purpose": grant.purpose,
            "why": why,
            **extra,
        },
    )


def grants_on(
    *,
    obj: models.Model,
    organisation: Any = None,
    purpose: str | None = None,
    reason: str | None = None,
) -> QuerySet[AccessGrant]:
    """The grants on one record not yet revoked (expired or not), optionally narrowed."""
    grants = AccessGrant.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        revoked_at__isnull=True,
    )
    if organisation is not None:
        grants = grants.filter(grantee_organisation=organisation)
    if purpose is not None:
        grants = grants.filter(purpose=purpose)
    if reason is not None:
        grants = grants.filter(reason=reason)
    return grants


def grants_active(**filters: Any) -> QuerySet[AccessGrant]:
    """`grants_on`, only those giving access now (not past their expiry)."""
    now = timezone.now()
    return grants_on(**filters).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


@transaction.atomic
def grant_create(
    *,
    user: Any,
    obj: models.Model,
    organisation: Any,
    purpose: str,
    reason: str = "",
    expires_at: dt.datetime | None = None,
) -> AccessGrant:
    """Share one record with an organisation (until `expires_at`, if given)."""
    grant = AccessGrant(
        grantee_organisation=organisation,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        purpose=purpose,
        reason=reason[:300],
        granted_by=user,
        expires_at=expires_at,
    )
    grant.full_clean()
    grant.save()
    _audit(
        user=user,
        grant=grant,
        action=AuditAction.GRANT,
        why=reason[:300],
        expires_at=expires_at.isoformat() if expires_at else None,
    )
    return grant


def _locked(grants: QuerySet[AccessGrant]) -> list[AccessGrant]:
    ids = list(grants.values_list("pk", flat=True))
    return list(
        AccessGrant.objects.select_for_update()
        .select_related("content_type")
        .filter(pk__in=ids, revoked_at__isnull=True)
        .order_by("pk")
    )


@transaction.atomic
def grant_revoke(*, user: Any, grant: AccessGrant, why: str) -> bool:
    """End one grant now; False if it had already ended."""
    return grants_revoke(user=user, grants=AccessGrant.objects.filter(pk=grant.pk), why=why) == 1


@transaction.atomic
def grants_revoke(*, user: Any, grants: QuerySet[AccessGrant], why: str) -> int:
    """End these grants now, each with its own audit entry; returns how many ended."""
    now = timezone.now()
    ended = _locked(grants)
    for grant in ended:
        grant.revoked_at = now
        grant.save(update_fields=["revoked_at"])
        _audit(user=user, grant=grant, action=AuditAction.REVOKE, why=why)
    return len(ended)


def grants_revoke_for(
    *,
    user: Any,
    obj: models.Model,
    why: str,
    organisation: Any = None,
    purpose: str | None = None,
    reason: str | None = None,
) -> int:
    """End every grant on one record (narrowed by organisation, purpose, reason)."""
    grants = grants_on(obj=obj, organisation=organisation, purpose=purpose, reason=reason)
    return grants_revoke(user=user, grants=grants, why=why)


@transaction.atomic
def grants_set_expiry(
    *, user: Any, grants: QuerySet[AccessGrant], expires_at: dt.datetime | None, why: str
) -> int:
    """Give these grants a new expiry (None: until revoked). Grants already past their expiry
    are not revived: they end here, and the caller grants anew if access must go on."""
    now = timezone.now()
    changed = 0
    for grant in _locked(grants):
        if grant.expires_at is not None and grant.expires_at <= now:
            grant.revoked_at = now
            grant.save(update_fields=["revoked_at"])
            _audit(user=user, grant=grant, action=AuditAction.REVOKE, why="expired")
            continue
        old = grant.expires_at
        grant.expires_at = expires_at
        grant.save(update_fields=["expires_at"])
        _audit(
            user=user,
            grant=grant,
            action=AuditAction.GRANT,
            why=why,
            expires_at=[
                old.isoformat() if old else None,
                expires_at.isoformat() if expires_at else None,
            ],
        )
        changed += 1
    return changed


@transaction.atomic
def grant_expire_due(*, now: dt.datetime | None = None) -> int:
    """Record the grants whose expiry has passed: each is closed with an audit entry."""
    now = now or timezone.now()
    due = AccessGrant.objects.filter(revoked_at__isnull=True, expires_at__lte=now)
    return grants_revoke(user=None, grants=due, why="expired")
