"""Reads of the reference lists."""

from django.db.models import Q, QuerySet

from pokpong.core.lao import digits_to_ascii
from pokpong.core.reference import ReferenceList


def reference_items_list(*, ref: ReferenceList, query: str = "") -> QuerySet:
    items = ref.model._default_manager.all()
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
    return items
