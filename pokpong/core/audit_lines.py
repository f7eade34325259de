"""Audit entries told in the reader's language: each change as (field label, "old → new").

The records a change points to (a caseworker, a country, an organisation) are named with one
query per kind of record for a whole list of entries, never one query per line. Choice values
are shown as their labels (also inside lists and answer sheets kept as JSON, whose labels the
owning app registers with `value_labels_register`), dates and times in local time.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext

from pokpong.core.audit import audit_type_current
from pokpong.core.models import AuditEntry

Line = tuple[str, str]
Names = dict[type[models.Model], dict[str, str]]
Labels = Callable[[], Mapping[str, Any]]

# (app_label.model, field) → (labels of the values, labels of the keys of an answer sheet)
_VALUE_LABELS: dict[tuple[str, str], tuple[Labels, Labels | None]] = {}


def value_labels_register(
    *, model: str, field: str, values: Labels, keys: Labels | None = None
) -> None:
    """Name the values kept as JSON in `model.field` (a list of codes, or a dict of code →
    value): `values()` maps a value to its label, `keys()` a dict's key to its label."""
    _VALUE_LABELS[(model.lower(), field)] = (values, keys)


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


def _is_many(field: Any) -> bool:
    return field is not None and bool(field.many_to_many) and field.concrete


def _key_name(model: type[models.Model]) -> str:
    """How a many-to-many change names its records: by their code when they have one."""
    return "code" if any(f.name == "code" for f in model._meta.fields) else "pk"


def _pairs(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """(name, field, change) of each change of the entry."""
    model = _model(entry.object_type)
    return [(name, _field(model, name), change) for name, change in entry.changes.items()]


def _related_names(entries: Sequence[AuditEntry]) -> Names:
    """The name of every record the entries' changes point to: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        for _name, field, change in _pairs(entry):
            if not (isinstance(change, list) and len(change) == 2):
                continue
            if _is_reference(field):
                wanted[field.related_model].update(v for v in change if v not in (None, ""))
            elif _is_many(field):
                for side in change:
                    wanted[field.related_model].update(side if isinstance(side, list) else ())
    return {model: _names_of(model, keys) for model, keys in wanted.items()}


def _names_of(model: type[models.Model], keys: set[Any]) -> dict[str, str]:
    key = _key_name(model)
    found = model._default_manager.filter(**{f"{key}__in": [str(k) for k in keys]})
    return {str(getattr(obj, key)): str(obj) for obj in found}


def when_text(value: Any) -> str | None:
    """An ISO date or date-time (as the trail keeps them) in local time, without seconds'
    fractions; None when `value` is neither."""
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit():
        return None
    try:  # a bare date first: parse_datetime would read "2026-11-17" as its midnight
        day = parse_date(value) if len(value) == 10 else None
        moment = None if day else parse_datetime(value)
    except ValueError:
        return None
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, dt.UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else None


def _registered(field: Any) -> tuple[Labels, Labels | None] | None:
    model = getattr(field, "model", None)
    if model is None:
        return None
    return _VALUE_LABELS.get((model._meta.label_lower, field.name))


def _item_text(labels: Mapping[str, Any], value: Any) -> str:
    return str(labels.get(str(value), value))


def _json_text(field: Any, value: list[Any] | dict[str, Any], names: Names) -> str:
    """A list of codes (a multiple choice, many-to-many) or a dict (an answer sheet)."""
    registered = _registered(field)
    values: Mapping[str, Any] = registered[0]() if registered else {}
    if _is_many(field):
        values = names.get(field.related_model, {})
    if isinstance(value, dict):
        keys = registered[1]() if registered and registered[1] else {}
        return "; ".join(
            f"{_item_text(keys, k)}: {_item_text(values, v)}" for k, v in value.items()
        )
    return ", ".join(_item_text(values, v) for v in value)


def value_text(field: Any, value: Any, names: Names | None = None) -> str:
    """One value of an audit change (or detail) as the reader should see it."""
    names = names or {}
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list | tuple | dict):  # many-to-many and JSON fields
        return _json_text(field, value if isinstance(value, dict) else list(value), names)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if _is_reference(field):
        return names.get(field.related_model, {}).get(str(value), f"#{value}")
    if isinstance(value, bool):
        return str(gettext("Yes") if value else gettext("No"))
    return when_text(value) or str(value)


def _lines(entry: AuditEntry, names: Names) -> list[Line]:
    lines = []
    for name, field, change in _pairs(entry):
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(change, list) and len(change) == 2:
            old, new = (value_text(field, value, names) for value in change)
            if old == new:  # e.g. an empty field on creation: nothing to tell
                continue
            text = f"{old} → {new}"
        else:
            text = "✱"  # a secret field: it changed, the value is not in the trail
        lines.append((str(label), text))
    return lines


def detail_lines(entry: AuditEntry) -> list[Line]:
    """An entry's details (the day of an attendance sheet, a count) with values for readers."""
    return [(str(name), value_text(None, value)) for name, value in entry.extra.items()]


def change_lines(entries: Sequence[AuditEntry]) -> list[list[Line]]:
    """Each entry's changes as (field label, "old → new"), in the order of `entries`."""
    names = _related_names(entries)
    return [_lines(entry, names) for entry in entries]
