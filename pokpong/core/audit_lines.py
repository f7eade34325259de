"""Audit entries told in the reader's language: each change as (field label, "old → new").

The records a change points to (a caseworker, a country, an organisation) are named with one
query per kind of record for a whole list of entries, never one query per line.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from pokpong.core.audit import audit_type_current
from pokpong.core.models import AuditEntry

Line = tuple[str, str]
Names = dict[type[models.Model], dict[str, str]]


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(audit_type_current(object_type))  # entries before a move too
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _is_reference(field: Any) -> bool:
    return field is not None and bool(field.many_to_one or field.one_to_one)


def _pairs(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """(name, field, change) of each change of the entry."""
    model = _model(entry.object_type)
    return [(name, _field(model, name), change) for name, change in entry.changes.items()]


def _related_names(entries: Sequence[AuditEntry]) -> Names:
    """The name of every record the entries' changes point to: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        for _name, field, change in _pairs(entry):
            if _is_reference(field) and isinstance(change, list) and len(change) == 2:
                wanted[field.related_model].update(v for v in change if v not in (None, ""))
    return {
        model: {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=pks)}
        for model, pks in wanted.items()
    }


def _value_text(field: Any, value: Any, names: Names) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list | tuple):  # many-to-many and list fields are stored as lists
        return ", ".join(str(v) for v in value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if _is_reference(field):
        return names.get(field.related_model, {}).get(str(value), f"#{value}")
    return str(value)


def _lines(entry: AuditEntry, names: Names) -> list[Line]:
    lines = []
    for name, field, change in _pairs(entry):
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(change, list) and len(change) == 2:
            old, new = (_value_text(field, value, names) for value in change)
            if old == new:  # e.g. an empty field on creation: nothing to tell
                continue
            text = f"{old} → {new}"
        else:
            text = "✱"  # a secret field: it changed, the value is not in the trail
        lines.append((str(label), text))
    return lines


def change_lines(entries: Sequence[AuditEntry]) -> list[list[Line]]:
    """Each entry's changes as (field label, "old → new"), in the order of `entries`."""
    names = _related_names(entries)
    return [_lines(entry, names) for entry in entries]
