"""Form fields that accept what Lao users type: Lao digits, dd/mm/yyyy dates."""

from typing import Any

from django import forms

from pokpong.core.lao import digits_to_ascii


def _ascii(value: Any) -> Any:
    return digits_to_ascii(value) if isinstance(value, str) else value


class LaoIntegerField(forms.IntegerField):
    def to_python(self, value: Any) -> int | None:
        return super().to_python(_ascii(value))


class LaoDateField(forms.DateField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(_ascii(value))


class LaoCharField(forms.CharField):
    """Free text whose digits are stored as ASCII (phone numbers, document numbers)."""

    def to_python(self, value: Any) -> str | None:
        return super().to_python(_ascii(value))
