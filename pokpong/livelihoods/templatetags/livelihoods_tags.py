from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def lak(value: Any) -> str:
    """A sum in kip with its thousands grouped: 1,500,000 ₭ (nothing when unknown)."""
    if value is None or value == "":
        return ""
    return f"{number_format(value, force_grouping=True)} ₭"
