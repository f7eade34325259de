"""Reads of the reference lists and the audit trail."""

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from pokpong.core.lao import digits_to_ascii, lao_sort_key
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.core.reference import ReferenceList


def reference_items_list(*, user: Any, ref: ReferenceList, query: str = "") -> QuerySet | list[Any]:
    """The entries of one list the user may edit (policy), found by the query."""
    from pokpong.accounts.policy import reference_items_manageable_by

    items = reference_items_manageable_by(user, ref, ref.model._default_manager.all())
    related = [f for f in ref.columns if ref.model._meta.get_field(f).is_relation]
    if related:
        items = items.select_related(*related)
    query = digits_to_ascii(query.strip())
    if query:
        text_fields = [
            f
            for f in ref.columns
            if ref.model._meta.get_field(f).get_internal_type() in {"CharField", "SlugField"}
        ]
        condition = Q()
        for field in text_fields:
            condition |= Q(**{f"{field}__icontains": query})
        items = items.filter(condition)
    if ref.lao_order_within:
        keyed = items.annotate(_group=F(ref.lao_order_within))
        return sorted(keyed, key=lambda item: (item._group, lao_sort_key(item.name_lo)))
    return items


def reference_item_get_for_user(*, user: Any, ref: ReferenceList, pk: int) -> Any:
    """One entry; the same 404 for a missing entry and one outside the user's scope."""
    from django.shortcuts import get_object_or_404

    from pokpong.accounts.policy import reference_items_manageable_by

    return get_object_or_404(
        reference_items_manageable_by(user, ref, ref.model._default_manager.all()), pk=pk
    )


def audit_entries_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """The audit trail the user may read (policy), newest first, narrowed by the filters."""
    from pokpong.accounts.policy import audit_entries_visible_to

    entries = audit_entries_visible_to(user, AuditEntry.objects.all())
    entries = entries.select_related("actor").order_by("-sequence")
    if filters.get("actor"):
        entries = entries.filter(actor_username__iexact=filters["actor"].strip())
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("object_type"):
        entries = entries.filter(object_type=filters["object_type"].strip().lower())
    if filters.get("object_id"):
        entries = entries.filter(object_id=filters["object_id"].strip())
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        start = dt.datetime.combine(filters["date_from"], dt.time.min, tzinfo=tz)
        entries = entries.filter(at__gte=start)
    if filters.get("date_to"):
        end = dt.datetime.combine(filters["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        entries = entries.filter(at__lt=end)
    return entries


def audit_entries_for_object(
    *, obj: models.Model, limit: int = 50, with_parts: bool = False
) -> list[AuditEntry]:
    """Who created, changed or viewed one record (for "who accessed this" on its page).
    `with_parts`: also who viewed pages of its parts that showed it (a person's case, screening,
    forms), which name the record as their parent."""
    label, pk = obj._meta.label_lower, str(obj.pk)
    condition = Q(object_type=label, object_id=pk)
    if with_parts:
        condition |= Q(parent_type=label, parent_id=pk, action=AuditAction.VIEW)
    return list(AuditEntry.objects.filter(condition).order_by("-sequence")[:limit])
