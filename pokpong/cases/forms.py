"""Forms for screening, formal identification and consent."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.forms import OrganisationMultipleChoiceField
from pokpong.accounts.models import Organisation
from pokpong.cases.models import (
    ConsentGiver,
    ConsentMethod,
    FormOfTrafficking,
    IdentificationDecision,
    ScreeningOutcome,
)
from pokpong.cases.screening import Answer, Indicator, indicators_for
from pokpong.core.forms import LaoDateField, ModelMultipleChoiceField


class ScreeningForm(forms.Form):
    """One radio question per indicator, with its guidance; the outcome is the screener's."""

    screened_on = LaoDateField(label=_("Date of screening"), initial=timezone.localdate)
    location = forms.CharField(label=_("Place of the interview"), required=False)
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)

    def __init__(self, *args: Any, version: str, is_child: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version, self.is_child = version, is_child
        self.indicators: list[Indicator] = indicators_for(version)
        for indicator in self.indicators:
            optional = is_child and indicator.is_means_of_control
            self.fields[f"q_{indicator.code}"] = forms.ChoiceField(
                label=indicator.question,
                help_text=indicator.guidance,
                required=not optional,
                choices=Answer.choices,
                widget=forms.RadioSelect,
            )
        self.fields["notes"] = forms.CharField(
            label=_("Notes"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Kept encrypted. Write only what the case needs."),
        )
        self.fields["outcome"] = forms.ChoiceField(
            label=_("Your decision"),
            choices=ScreeningOutcome.choices,
            widget=forms.RadioSelect,
            help_text=_("Decide from what you heard. The system never decides from a count."),
        )

    def questions(self) -> list[tuple[Indicator, forms.BoundField]]:
        return [(i, self[f"q_{i.code}"]) for i in self.indicators]

    def answers(self) -> dict[str, str]:
        return {
            i.code: self.cleaned_data[f"q_{i.code}"]
            for i in self.indicators
            if self.cleaned_data.get(f"q_{i.code}")
        }


class IdentificationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=IdentificationDecision.choices, widget=forms.RadioSelect
    )
    decided_on = LaoDateField(label=_("Date of the decision"))
    police_unit = forms.CharField(label=_("Police unit"), max_length=200)
    reference = forms.CharField(label=_("Reference of the decision"), max_length=100)
    forms_of_trafficking = ModelMultipleChoiceField(
        label=_("Forms of trafficking"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=FormOfTrafficking.objects.filter(is_active=True),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return decided_on


class ConsentForm(forms.Form):
    for_services = forms.BooleanField(
        label=_("To receive services and have a case managed"), required=False
    )
    share_with = OrganisationMultipleChoiceField(
        label=_("To share the case with these organisations"),
        required=False,
        queryset=Organisation.objects.filter(is_active=True).select_related("province"),
        widget=forms.CheckboxSelectMultiple,
    )
    for_statistics = forms.BooleanField(
        label=_("To be counted in anonymised statistics"), required=False
    )
    for_photo = forms.BooleanField(label=_("To have a photo taken and kept"), required=False)
    given_by = forms.ChoiceField(
        label=_("Given by"), choices=ConsentGiver.choices, widget=forms.RadioSelect
    )
    guardian_name = forms.CharField(label=_("Name of the parent or guardian"), required=False)
    given_on = LaoDateField(label=_("Date"), initial=timezone.localdate)
    method = forms.ChoiceField(
        label=_("How"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    witness_name = forms.CharField(
        label=_("Witness"), required=False, help_text=_("Required for verbal consent.")
    )


class WithdrawConsentForm(forms.Form):
    withdrawn_on = LaoDateField(label=_("Withdrawn on"), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
