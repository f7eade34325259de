from typing import Any

from django import template

register = template.Library()


@register.filter
def field_value(obj: Any, name: str) -> Any:
    """The value of a model field by name, for generic tables."""
    return getattr(obj, name, None)
