"""Writes to the reference lists. Entries in use are deactivated, never deleted."""

from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError


@transaction.atomic
def reference_item_save(*, item: models.Model) -> models.Model:
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def reference_item_set_active(*, item: Any, is_active: bool) -> None:
    item.is_active = is_active
    item.save(update_fields=["is_active"])


def reference_item_delete(*, item: Any) -> bool:
    """Delete an unused entry and return True; an entry in use is deactivated instead (False)."""
    try:
        with transaction.atomic():
            item.delete()
    except (ProtectedError, RestrictedError):
        reference_item_set_active(item=item, is_active=False)
        return False
    return True
