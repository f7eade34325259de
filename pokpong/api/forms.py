"""The forms of the token pages: a personal token, an integration's token."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation, Role
from pokpong.accounts.policy import INTEGRATION_ROLES
from pokpong.api.models import TokenAccess
from pokpong.core.forms import LaoDateField, ModelChoiceField, typed_field


def _in_90_days() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=90)


class PersonalTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the tablet of the Savannakhet office."),
    )
    access = forms.ChoiceField(
        label=_("Access"), choices=TokenAccess.choices, initial=TokenAccess.READ
    )
    expires_on = LaoDateField(label=_("Expires on"), initial=_in_90_days)


class IntegrationTokenForm(PersonalTokenForm):
    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    roles = forms.MultipleChoiceField(
        label=_("Works as"),
        choices=[(role, label) for role, label in Role.choices if role in INTEGRATION_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The integration reaches what a user with these roles in the organisation "
            "reaches, no more."
        ),
    )
    rate_per_minute = forms.IntegerField(
        label=_("Requests per minute"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Empty: the usual limit."),
    )
    field_order = ["name", "organisation", "roles", "access", "expires_on", "rate_per_minute"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "organisation", ModelChoiceField).queryset = organisations
