"""Reads of the audit trail that need no access decision (the caller has made it)."""

from django.db import models
from django.db.models import Q

from pokpong.core.audit import audit_type_names
from pokpong.core.models import AuditAction, AuditEntry


def audit_entries_for_object(
    *, obj: models.Model, limit: int = 50, with_parts: bool = False
) -> list[AuditEntry]:
    """Who created, changed or viewed one record (for "who accessed this" on its page).
    `with_parts`: also who viewed pages of its parts that showed it (a person's case, screening,
    forms), which name the record as their parent."""
    labels, pk = audit_type_names(obj._meta.label_lower), str(obj.pk)
    condition = Q(object_type__in=labels, object_id=pk)
    if with_parts:
        condition |= Q(parent_type__in=labels, parent_id=pk, action=AuditAction.VIEW)
    return list(AuditEntry.objects.filter(condition).order_by("-sequence")[:limit])
