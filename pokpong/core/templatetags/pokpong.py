from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import ngettext

from pokpong.core.audit import audit_type_current
from pokpong.core.audit_lines import change_lines, detail_lines, when_text
from pokpong.core.models import AuditEntry

register = template.Library()


@register.filter
def field_value(obj: Any, name: str) -> Any:
    """The value of a model field by name, for generic tables."""
    return getattr(obj, name, None)


@register.filter
def hours(value: Any) -> str:
    """A number of hours with its unit in the reader's language and no trailing zero:
    16.0 → "16 ຊົ່ວໂມງ", 12.50 → "12.5 ຊົ່ວໂມງ"."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    count = int(number) if number == number.to_integral_value() else 2  # 2: plural form
    return ngettext("%(num)s hour", "%(num)s hours", count) % {"num": text}


@register.filter
def audit_change(value: Any) -> str:
    """An audit change as "old → new"; secret fields carry only "changed" or "set"."""
    if isinstance(value, list) and len(value) == 2:
        old, new = ("—" if v in (None, "") else v for v in value)
        return f"{old} → {new}"
    return str(value)


@register.filter
def audit_changes(entry: AuditEntry) -> list[tuple[str, str]]:
    """An audit entry's changes as (field label, "old → new"), in the reader's language.
    For a list of entries, `change_lines` names the records they point to in a few queries."""
    return change_lines([entry])[0]


@register.filter
def audit_details(entry: AuditEntry) -> list[tuple[str, str]]:
    """An audit entry's details (`extra`), dates and times in local time."""
    return detail_lines(entry)


@register.filter
def audit_when(value: Any) -> str:
    """A date or date-time kept as ISO text, in local time without fractions of seconds."""
    return when_text(value) or str(value)


@register.filter
def audit_object(entry: AuditEntry) -> str:
    """What an audit entry is about, named in the reader's language (e.g. "Case plan")."""
    try:
        model = apps.get_model(audit_type_current(entry.object_type))
    except (LookupError, ValueError):
        return entry.object_label or entry.object_type
    return str(capfirst(model._meta.verbose_name))
