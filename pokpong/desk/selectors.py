"""Reads of the desk: the inbox, the reference lists and the audit trail."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.policy import audit_entries_visible_to, reference_items_manageable_by
from pokpong.core.audit import audit_type_names
from pokpong.core.inbox import InboxSection, inbox_sections
from pokpong.core.lao import digits_to_ascii, lao_sort_key
from pokpong.core.models import AuditEntry
from pokpong.core.reference import ReferenceList


def reference_items_list(
    *, user: Any, ref: ReferenceList, query: str = ""
) -> QuerySet[models.Model] | list[models.Model]:
    """The entries of one list the user may edit (policy), found by the query."""
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
    return get_object_or_404(
        reference_items_manageable_by(user, ref, ref.model._default_manager.all()), pk=pk
    )


def audit_entries_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """The audit trail the user may read (policy), newest first, narrowed by the filters."""
    entries = audit_entries_visible_to(user, AuditEntry.objects.all())
    entries = entries.select_related("actor").order_by("-sequence")
    if filters.get("actor"):
        entries = entries.filter(actor_username__iexact=filters["actor"].strip())
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("object_type"):
        wanted = audit_type_names(filters["object_type"].strip().lower())
        entries = entries.filter(object_type__in=wanted)
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


@dataclass
class Inbox:
    """The sections with something waiting, in the registry's order."""

    sections: list[tuple[InboxSection, list[Any]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.sections)

    def items(self, key: str) -> list[Any]:
        return next((items for section, items in self.sections if section.key == key), [])


def inbox_for(*, user: Any, limit: int = 20, tasks_only: bool = False) -> Inbox:
    """What waits for the user, from every app's registered sections (core.inbox); with
    `tasks_only`, without the lists of standing work (the user's open cases)."""
    inbox = Inbox()
    for section in inbox_sections():
        if tasks_only and not section.is_task:
            continue
        items = list(section.items(user=user, limit=limit))
        if items:
            inbox.sections.append((section, items))
    return inbox


BADGE_LIMIT = 99


def inbox_task_count(*, user: Any) -> int:
    """How many tasks wait (for the menu's badge), at most BADGE_LIMIT + 1: one query per
    section the user's roles reach, no cache."""
    return min(inbox_for(user=user, limit=BADGE_LIMIT + 1, tasks_only=True).count, BADGE_LIMIT + 1)
