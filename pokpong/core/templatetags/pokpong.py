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


def _value_text(field: Any, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list | tuple):  # many-to-many and list fields are stored as lists
        return ", ".join(str(v) for v in value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and (field.many_to_one or field.one_to_one):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    return str(value)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str]]:
    """An audit entry's changes as (field label, "old → new"), in the reader's language."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    from pokpong.core.audit import audit_type_current

    try:
        model = apps.get_model(audit_type_current(entry.object_type))
    except (LookupError, ValueError):
        model = None
    lines = []
    for name, change in entry.changes.items():
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(change, list) and len(change) == 2:
            old, new = _value_text(field, change[0]), _value_text(field, change[1])
            if old == new:  # e.g. an empty field on creation: nothing to tell
                continue
            text = f"{old} → {new}"
        else:
            text = "✱"  # a secret field: it changed, the value is not in the trail
        lines.append((label, text))
    return lines


@register.filter
def audit_object(entry: Any) -> str:
    """What an audit entry is about, named in the reader's language (e.g. "Case plan")."""
    from django.apps import apps
    from django.utils.text import capfirst

    from pokpong.core.audit import audit_type_current

    try:
        model = apps.get_model(audit_type_current(entry.object_type))
    except (LookupError, ValueError):
        return entry.object_label or entry.object_type
    return str(capfirst(model._meta.verbose_name))
