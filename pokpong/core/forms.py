"""Form fields that accept what Lao users type (Lao digits, dd/mm/yyyy dates) and show places
in Lao alphabetical order."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

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


class _GroupedPlaces(ModelChoiceIterator):
    """Lazily (at rendering, in the reader's language): the places grouped under their parent."""

    def __iter__(self) -> Iterator[Any]:
        from pokpong.matching.sorting import lao_sort_key  # matching builds on core

        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        groups: dict[Any, list[tuple[Any, str]]] = {}
        for place in self.queryset.select_related(field.parent):
            groups.setdefault(getattr(place, field.parent), []).append(self.choice(place))
        for parent in sorted(groups, key=lambda p: getattr(p, "national_code", "") or p.pk):
            yield (str(parent), sorted(groups[parent], key=lambda c: lao_sort_key(str(c[1]))))


class PlaceChoiceField(forms.ModelChoiceField):
    """Places (districts) grouped under their parent (province, in the official order), each
    group in Lao alphabetical order of the names shown (ເ ແ ໂ ໃ ໄ sort with their consonant)."""

    iterator = _GroupedPlaces

    def __init__(self, *args: Any, parent: str = "province", **kwargs: Any) -> None:
        self.parent = parent
        super().__init__(*args, **kwargs)
