"""Typing helpers shared by the apps. Imports nothing from the project's other apps."""

from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

_T = TypeVar("_T")


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (every request does: see settings)."""

    htmx: HtmxDetails


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field[Any, Any]:
    """`model._meta.get_field(name)` for a field of the model itself, not a reverse relation
    (which `get_field` may also return, so its type is a union)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise FieldDoesNotExist(f"{model._meta.label}.{name} is a reverse relation, not a field")
    return field


def required(value: _T | None) -> _T:
    """`value`, which its type lets be None but the caller knows is set (say, the organisation
    of a demo user): a ValueError at once if it is not."""
    if value is None:
        raise ValueError("a required value is missing")
    return value
