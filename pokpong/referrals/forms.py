"""Forms of the referral mechanism."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.forms import OrganisationChoiceField
from pokpong.accounts.models import Organisation
from pokpong.core.forms import (
    LaoCharField,
    LaoDateField,
    LaoIntegerField,
    LaoMoneyField,
    ModelChoiceField,
    ModelForm,
    PlaceChoiceField,
    places_within_check,
    typed_field,
)
from pokpong.places.models import District, Province
from pokpong.referrals.models import (
    Level,
    Referral,
    ReturnType,
    ServiceOffer,
    ServiceOutcome,
    ServiceType,
    Urgency,
)


class DirectoryFilterForm(forms.Form):
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    service_type = ModelChoiceField(
        label=_("Service"), required=False, queryset=ServiceType.objects.filter(is_active=True)
    )


class ServiceOfferForm(ModelForm[ServiceOffer]):
    capacity = LaoIntegerField(label=_("Places in all"), required=False, min_value=0)
    available = LaoIntegerField(label=_("Places free now"), required=False, min_value=0)

    class Meta:
        model = ServiceOffer
        fields = [
            "service_type",
            "provinces",
            "contact",
            "capacity",
            "available",
            "notes",
            "is_active",
        ]
        widgets = {"provinces": forms.CheckboxSelectMultiple}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        capacity, available = data.get("capacity"), data.get("available")
        if capacity is not None and available is not None and available > capacity:
            self.add_error("available", _("More places free than places in all."))
        return data


class ReceiverFilterForm(forms.Form):
    """The referral form's choice of receivers: by service, in the case's province or all."""

    service = ModelChoiceField(
        label=_("Service"), required=False, queryset=ServiceType.objects.filter(is_active=True)
    )
    everywhere = forms.BooleanField(label=_("Organisations of every province"), required=False)


class ReferralForm(forms.Form):
    to_organisation = OrganisationChoiceField(
        label=_("Refer to"),
        queryset=Organisation.objects.filter(is_active=True).select_related("province"),
    )
    service_type = ModelChoiceField(
        label=_("Service"), queryset=ServiceType.objects.filter(is_active=True)
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the receiving organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what they need to provide the service."),
    )


class ReferralPrefillForm(forms.Form):
    """The receiving organisation a link into the referral form may fill in (from an entry of
    the directory; the service comes through ReceiverFilterForm)."""

    to = ModelChoiceField(required=False, queryset=Organisation.objects.filter(is_active=True))

    def organisation(self) -> Organisation | None:
        found: Organisation | None = self.cleaned_data["to"] if self.is_valid() else None
        return found


class CasePickForm(forms.Form):
    """Which entry of the directory (open to every referral worker), and a case number to find."""

    offer = ModelChoiceField(
        queryset=ServiceOffer.objects.filter(is_active=True), widget=forms.HiddenInput
    )
    number = LaoCharField(label=_("Case number"), required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ServiceDeliveryForm(forms.Form):
    service_type = ModelChoiceField(
        label=_("Service"), queryset=ServiceType.objects.filter(is_active=True)
    )
    provider = ModelChoiceField(
        label=_("Provided by"), queryset=Organisation.objects.filter(is_active=True)
    )
    referral = ModelChoiceField(
        label=_("Referral"), required=False, queryset=Referral.objects.none()
    )
    started_on = LaoDateField(label=_("Started on"), initial=timezone.localdate)
    ended_on = LaoDateField(label=_("Ended on"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ServiceOutcome.choices)
    cost_lak = LaoIntegerField(
        label=_("Cost (LAK)"),
        required=False,
        min_value=0,
        help_text=_("For grants, courses and other paid services."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, referrals: Any = None, own_only: bool = False, **kwargs: Any
    ) -> None:
        """`referrals`: those of the case the user may see (a receiver: its own only);
        `own_only`: a receiver records the services of its own organisation only."""
        super().__init__(*args, **kwargs)
        if referrals is not None:
            typed_field(self, "referral", forms.ModelChoiceField).queryset = referrals
        if own_only:
            own = self.initial.get("provider")  # the user's organisation, if any
            typed_field(self, "provider", forms.ModelChoiceField).queryset = (
                Organisation.objects.filter(pk=own.pk)
                if isinstance(own, Organisation)
                else Organisation.objects.none()
            )


class ReturnPlanForm(forms.Form):
    return_type = forms.ChoiceField(
        label=_("Return to"), choices=ReturnType.choices, widget=forms.RadioSelect
    )
    returned_on = LaoDateField(label=_("Date of return"))
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    district = PlaceChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.filter(is_active=True),
        within="province",
    )
    village = forms.CharField(label=_("Village"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places_within_check(self)
        return data


class FollowUpForm(forms.Form):
    done_on = LaoDateField(label=_("Visited on"), initial=timezone.localdate)
    wellbeing = forms.ChoiceField(
        label=_("Wellbeing"), choices=Level.choices, widget=forms.RadioSelect
    )
    income = forms.ChoiceField(label=_("Income"), choices=Level.choices, widget=forms.RadioSelect)
    income_lak = LaoMoneyField(
        label=_("Monthly income (LAK)"),
        required=False,
        help_text=_("What the person earns in a month now, in kip. Leave empty if not known."),
    )
    education = forms.ChoiceField(
        label=_("Education or training"), choices=Level.choices, widget=forms.RadioSelect
    )
    safety = forms.ChoiceField(label=_("Safety"), choices=Level.choices, widget=forms.RadioSelect)
    retrafficking_risk = forms.BooleanField(
        label=_("Risk of re-trafficking"),
        required=False,
        help_text=_("Reopens the risk assessment of the case."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_done_on(self) -> Any:
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return done_on


class ReportForm(forms.Form):
    since = LaoDateField(label=_("Since"), required=False)


class FollowUpAssignForm(forms.Form):
    assigned_organisation = ModelChoiceField(
        label=_("Visit made by"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Our office"),
    )

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        """`assignees`: the partners holding an accepted referral of the case."""
        super().__init__(*args, **kwargs)
        typed_field(self, "assigned_organisation", forms.ModelChoiceField).queryset = assignees


class FollowUpAddForm(FollowUpAssignForm):
    due_on = LaoDateField(label=_("Date of the visit"))
