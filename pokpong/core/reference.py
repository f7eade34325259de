"""Registry of the reference lists administrators edit in the UI (explicit, no signals)."""

from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from django_stubs_ext import StrOrPromise

from pokpong.core.typing import model_field


@dataclass(frozen=True)
class ReferenceList:
    slug: str
    model: type[models.Model]
    title: StrOrPromise
    fields: tuple[str, ...]
    columns: tuple[str, ...]
    help_text: StrOrPromise = ""
    # Lao alphabetical order of `name_lo` within each value of this field (a bounded list of
    # places: districts by province, villages by district), instead of the database's order.
    lao_order_within: str = ""
    # Lists of places that belong to a province (districts, villages): the path from an entry to
    # its province, and to its district if it has one. Empty: a national list, edited only by
    # national administrators (policy.can_manage_reference_list).
    province_field: str = ""
    district_field: str = ""

    @property
    def column_labels(self) -> list[StrOrPromise]:
        return [capfirst(model_field(self.model, c).verbose_name) for c in self.columns]


_REGISTRY: dict[str, ReferenceList] = {}


def register(ref: ReferenceList) -> None:
    if ref.slug in _REGISTRY and _REGISTRY[ref.slug].model is not ref.model:
        raise ValueError(f"Reference list {ref.slug!r} is registered twice.")
    _REGISTRY[ref.slug] = ref


def reference_lists() -> list[ReferenceList]:
    return sorted(_REGISTRY.values(), key=lambda ref: ref.slug)


def reference_list_get(slug: str) -> ReferenceList | None:
    return _REGISTRY.get(slug)
