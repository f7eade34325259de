"""Input of the webhook screens: an endpoint's organisation, name, address and events."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.core.forms import ModelChoiceField
from pokpong.exchange.webhooks.models import SUBSCRIBABLE


def _event_choices() -> list[tuple[str, Any]]:
    return [(event.value, event.label) for event in SUBSCRIBABLE]


class EndpointForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For you: which system receives the events.")
    )
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("An https:// address of your organisation's system, reachable from Pokpong."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=_event_choices, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class EndpointCreateForm(EndpointForm):
    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)
    field_order = ("organisation", "name", "url", "events")

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, ModelChoiceField)  # noqa: S101  (narrows the type)
        field.queryset = organisations
        del self.fields["is_active"]  # a new endpoint is active (switched off by editing it)
