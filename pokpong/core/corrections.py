"""Corrections shared by every app: change a record's fields, or void one entered by mistake.

The owning app's service asks the policy first, then calls these (one audited write each)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.core.audit import audit_record, diff, snapshot
from pokpong.core.models import AuditAction, Voidable

VOID_FIELDS = ("voided_at", "voided_by", "void_reason")


@transaction.atomic
def record_update(
    *,
    user: Any,
    record: models.Model,
    values: Mapping[str, Any],
    parent: models.Model | None = None,
) -> dict[str, Any]:
    """Set `values` on the record, validate, save and audit the difference (nothing if none)."""
    if getattr(record, "is_voided", False):
        raise ValidationError(_("This record was voided: it can no longer be changed."))
    before = snapshot(record, values)
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    changes = diff(before, record)
    if changes:
        record.save(update_fields=[*changes, *_touched(record)])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=record, changes=changes, parent=parent
        )
    return changes


def _touched(record: models.Model) -> Iterable[str]:
    return ["updated_at"] if hasattr(record, "updated_at") else []


@transaction.atomic
def record_void(
    *, user: Any, record: Voidable, reason: str, parent: models.Model | None = None
) -> None:
    """Void a record entered by mistake: kept, audited, no longer counted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why this record is voided."))
    if record.is_voided:
        raise ValidationError(_("This record was already voided."))
    before = snapshot(record, VOID_FIELDS)
    record.voided_at = timezone.now()
    record.voided_by = user
    record.void_reason = reason[:300]
    record.save(update_fields=[*VOID_FIELDS, *_touched(record)])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=record,
        changes=diff(before, record),
        extra={"voided": True},
        parent=parent,
    )
