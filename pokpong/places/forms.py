"""Choices of places for the forms of the apps above: countries with the common ones first."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pokpong.core.forms import PinnedChoiceField
from pokpong.places.loaders import DEFAULT_ORDER
from pokpong.places.models import Country


def country_field(*, label: StrOrPromise, **kwargs: Any) -> PinnedChoiceField[Country]:
    """A country: Laos, its neighbours and the main destinations first (an order below 100,
    editable in the reference list), then every other country by name; typing filters."""
    return PinnedChoiceField(
        Country.objects.filter(is_active=True),
        is_pinned=lambda country: country.sort_order < DEFAULT_ORDER,
        pinned_label=_("Neighbours and main destinations"),
        others_label=_("All countries"),
        label=label,
        **kwargs,
    )
