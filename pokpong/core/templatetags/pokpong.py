from typing import Any

from django import template

register = template.Library()


@register.filter
def field_value(obj: Any, name: str) -> Any:
    """The value of a model field by name, for generic tables."""
    return getattr(obj, name, None)


@register.filter
def audit_change(value: Any) -> str:
    """An audit change as "old → new"; secret fields carry only "changed" or "set"."""
    if isinstance(value, list) and len(value) == 2:
        old, new = ("—" if v in (None, "") else v for v in value)
        return f"{old} → {new}"
    return str(value)


@register.filter
def status_label(value: str) -> str:
    """The translated label of a case status value."""
    from pokpong.cases.models import CaseStatus

    try:
        return str(CaseStatus(value).label)
    except ValueError:
        return value
