"""The base of the API's read-only record serializers."""

from collections.abc import MutableMapping
from typing import Any, TypeVar

from django.db import models
from rest_framework import serializers

_M = TypeVar("_M", bound=models.Model)


class RecordSerializer(serializers.ModelSerializer[_M]):
    """A read-only ModelSerializer whose fields keep saying that they may be blank (REST
    framework drops `allow_blank` from read-only fields, and the schema would then promise a
    value from the choices where the record holds "")."""

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank:
            kwargs["allow_blank"] = True
        return kwargs
