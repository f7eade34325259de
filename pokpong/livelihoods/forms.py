"""Forms of the livelihood part: parsing and validation (money in kip as people write it,
Lao digits, dates not in the future, an end not before its start)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.core.forms import (
    LaoCharField,
    LaoDateField,
    LaoMoneyField,
    ModelChoiceField,
    typed_field,
)
from pokpong.livelihoods.models import (
    BusinessStatus,
    BusinessType,
    ContractType,
    Creditor,
    EducationLevel,
    Employer,
    FinanceKind,
    Sector,
    SupportKind,
    TrainingStatus,
)
from pokpong.places.models import Province
from pokpong.referrals.models import Referral

TEXT = {"rows": 2}


def _not_future(day: dt.date | None) -> dt.date | None:
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(_("The date is in the future."))
    return day


def _text(label: Any, *, required: bool = False, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs=TEXT),
    )


class AssessmentForm(forms.Form):
    assessed_on = LaoDateField(label=_("Assessed on"), initial=timezone.localdate)
    education_level = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *EducationLevel.choices], required=False
    )
    skills = _text(_("Skills"), help_text=_("What she or he can already do."))
    work_history = _text(_("Work history"), help_text=_("Jobs before and during the journey."))
    interests = _text(_("Interests"), help_text=_("What work she or he would like to do."))
    household = _text(
        _("Household situation"), help_text=_("Who lives at home, who earns, who depends on her.")
    )
    debt_lak = LaoMoneyField(label=_("Debts (LAK)"), required=False)
    creditor = forms.ChoiceField(
        label=_("Debt owed to"), choices=[("", "—"), *Creditor.choices], required=False
    )
    baseline_income_lak = LaoMoneyField(
        label=_("Monthly income now (LAK)"),
        required=False,
        help_text=_("The baseline: what she or he earns in a month now, in kip."),
    )

    def clean_assessed_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("assessed_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("debt_lak") and data.get("creditor") in ("", "none", None):
            self.add_error("creditor", _("Say to whom the debt is owed."))
        return data


class TrainingForm(forms.Form):
    provider = ModelChoiceField(
        label=_("Training given by"), queryset=Organisation.objects.filter(is_active=True)
    )
    referral = ModelChoiceField(
        label=_("Referral"),
        queryset=Referral.objects.none(),
        required=False,
        empty_label=_("No referral (given by our office)"),
    )
    trade = forms.CharField(label=_("Trade"), max_length=200)
    started_on = LaoDateField(label=_("Started on"))
    ended_on = LaoDateField(label=_("Ended on"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=TrainingStatus.choices, initial=TrainingStatus.ENROLLED
    )
    dropout_reason = _text(_("Why she or he dropped out"))
    has_certificate = forms.BooleanField(label=_("Certificate obtained"), required=False)

    def __init__(
        self, *args: Any, referrals: Any, receiver: Organisation | None, **kwargs: Any
    ) -> None:
        """`referrals`: the case's referrals the user sees; `receiver`: the organisation of a
        referral receiver, who records its own training under one of its referrals."""
        super().__init__(*args, **kwargs)
        typed_field(self, "referral", forms.ModelChoiceField).queryset = referrals
        if receiver is not None:
            provider = typed_field(self, "provider", forms.ModelChoiceField)
            provider.queryset = Organisation.objects.filter(pk=receiver.pk)
            provider.initial = receiver.pk
            self.fields["referral"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end is before the start."))
        if data.get("status") == TrainingStatus.DROPPED_OUT and not data.get("dropout_reason"):
            self.add_error("dropout_reason", _("Say why the training was left."))
        return data


class TrainingOutcomeForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrainingStatus.choices)
    ended_on = LaoDateField(label=_("Ended on"), required=False)
    dropout_reason = _text(_("Why she or he dropped out"))
    has_certificate = forms.BooleanField(label=_("Certificate obtained"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == TrainingStatus.DROPPED_OUT and not data.get("dropout_reason"):
            self.add_error("dropout_reason", _("Say why the training was left."))
        return data


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Company"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = LaoCharField(label=_("Phone"), max_length=40, required=False)
    has_agreement = forms.BooleanField(label=_("Agreement with the programme"), required=False)
    agreement_on = LaoDateField(label=_("Agreement signed on"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, provinces: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provinces is not None:
            typed_field(self, "province", forms.ModelChoiceField).queryset = provinces

    def clean_agreement_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("agreement_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agreement_on") and not data.get("has_agreement"):
            self.add_error("agreement_on", _("A date of agreement needs an agreement."))
        return data


class EmployerFilterForm(forms.Form):
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class PlacementForm(forms.Form):
    employer = ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.filter(is_active=True)
    )
    position = forms.CharField(label=_("Position"), max_length=200)
    started_on = LaoDateField(label=_("Started on"))
    wage_lak = LaoMoneyField(label=_("Wage (LAK a month)"))
    contract_type = forms.ChoiceField(label=_("Contract"), choices=ContractType.choices)
    has_social_security = forms.BooleanField(label=_("Social security"), required=False)


class RetentionForm(forms.Form):
    checked_on = LaoDateField(label=_("Checked on"), initial=timezone.localdate)
    still_employed = forms.TypedChoiceField(
        label=_("Still employed?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    wage_lak = LaoMoneyField(label=_("Wage now (LAK a month)"), required=False)
    leaving_reason = _text(_("Why she or he left"))

    def clean_checked_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("checked_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("still_employed") is False and not data.get("leaving_reason"):
            self.add_error("leaving_reason", _("Say why she or he left the job."))
        return data


class BusinessForm(forms.Form):
    business_type = forms.ChoiceField(label=_("Business"), choices=BusinessType.choices)
    kind = forms.ChoiceField(label=_("Support given"), choices=SupportKind.choices)
    amount_lak = LaoMoneyField(label=_("Value (LAK)"))
    what = forms.CharField(label=_("What was given"), max_length=300)
    given_on = LaoDateField(label=_("Given on"))

    def clean_given_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("given_on"))


class BusinessCheckForm(forms.Form):
    checked_on = LaoDateField(label=_("Checked on"), initial=timezone.localdate)
    status = forms.ChoiceField(
        label=_("Status"), choices=BusinessStatus.choices, widget=forms.RadioSelect
    )
    monthly_income_lak = LaoMoneyField(
        label=_("Income from the business (LAK a month)"), required=False
    )

    def clean_checked_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("checked_on"))


class FinanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FinanceKind.choices)
    institution = forms.CharField(label=_("Group or institution"), max_length=200)
    joined_on = LaoDateField(label=_("Member since"))
    loan_lak = LaoMoneyField(label=_("Loan taken (LAK)"), required=False)
    loan_purpose = forms.CharField(label=_("Loan for"), max_length=200, required=False)

    def clean_joined_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("joined_on"))
