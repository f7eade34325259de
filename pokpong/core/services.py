"""Writes to the reference lists, validated and audited. Entries in use are deactivated."""

from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction


def _editable_fields(item: models.Model) -> list[str]:
    return [f.name for f in item._meta.concrete_fields if not f.primary_key]


@transaction.atomic
def reference_item_save(*, item: models.Model) -> models.Model:
    fields = _editable_fields(item)
    is_new = item.pk is None
    before = {} if is_new else snapshot(type(item)._default_manager.get(pk=item.pk), fields)
    item.full_clean()
    item.save()
    changes = creation_changes(item, fields) if is_new else diff(before, item)
    if is_new or changes:
        audit_record(
            action=AuditAction.CREATE if is_new else AuditAction.UPDATE, obj=item, changes=changes
        )
    return item


@transaction.atomic
def reference_item_set_active(*, item: Any, is_active: bool) -> None:
    if item.is_active == is_active:
        return
    item.is_active = is_active
    item.save(update_fields=["is_active"])
    audit_record(
        action=AuditAction.UPDATE, obj=item, changes={"is_active": [not is_active, is_active]}
    )


def reference_item_delete(*, item: Any) -> bool:
    """Delete an unused entry and return True; an entry in use is deactivated instead (False)."""
    pk, label = item.pk, item._meta.label_lower
    try:
        with transaction.atomic():
            item.delete()
            audit_record(action=AuditAction.DELETE, object_type=label, object_id=str(pk))
    except (ProtectedError, RestrictedError):
        reference_item_set_active(item=item, is_active=False)
        return False
    return True
