"""Choices of places for the forms of the apps above: countries with the common ones first."""

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pokpong.core.forms import ModelChoiceField, PinnedChoiceField
from pokpong.core.lao import lao_sort_key
from pokpong.places.loaders import DEFAULT_ORDER
from pokpong.places.models import Country

OTHERS_LABEL = _("All countries")


def is_common(country: Country) -> bool:
    return country.sort_order < DEFAULT_ORDER


def other_countries(*, leave_out: Country | None = None) -> list[Country]:
    """The active countries that are not among the common ones, in the order of the names
    shown (Lao alphabetical order in Lao): what a country select loads on demand."""
    countries = Country.objects.filter(is_active=True, sort_order__gte=DEFAULT_ORDER)
    if leave_out is not None:
        countries = countries.exclude(pk=leave_out.pk)
    return sorted(countries, key=lambda country: lao_sort_key(country.name))


class CountryOptionsForm(forms.Form):
    """The country already in the select (sent with the page), left out of the answer."""

    leave_out = ModelChoiceField(queryset=Country.objects.all(), required=False)


def country_field(*, label: StrOrPromise, **kwargs: Any) -> PinnedChoiceField[Country]:
    """A country: Laos, its neighbours and the main destinations first (an order below 100,
    editable in the reference list), then every other country by name; typing filters. The page
    sends the common ones and the current choice; the others come when asked (`country_options`)
    and any active country is accepted."""
    return PinnedChoiceField(
        Country.objects.filter(is_active=True),
        is_pinned=is_common,
        pinned_label=_("Neighbours and main destinations"),
        others_label=OTHERS_LABEL,
        more_url=reverse_lazy("places:country_options"),
        label=label,
        **kwargs,
    )
