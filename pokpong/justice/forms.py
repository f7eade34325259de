"""Forms of the justice file: parsing and validation only (the services write)."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.core.forms import (
    LaoDateField,
    LaoIntegerField,
    ModelChoiceField,
    ModelForm,
    typed_field,
)
from pokpong.justice.models import (
    Charge,
    HearingKind,
    JusticeFile,
    LawArticle,
    Suspect,
    Verdict,
    WitnessSupport,
)
from pokpong.places.forms import country_field

MAX_LAK = 10**13  # ten thousand billion kip: far above any award, far below the column's limit


def _money(label: Any) -> LaoIntegerField:
    return LaoIntegerField(label=label, required=False, min_value=0, max_value=MAX_LAK)


class FileForm(ModelForm[JusticeFile]):
    class Meta:
        model = JusticeFile
        fields = [
            "complaint_filed_on",
            "complaint_place",
            "complaint_received_by",
            "investigation_unit",
            "investigation_reference",
            "investigation_status",
            "investigation_opened_on",
            "prosecutor_office",
            "prosecution_reference",
            "indicted_on",
            "is_appealed",
            "appealed_on",
            "appeal_outcome",
        ]


class SuspectForm(ModelForm[Suspect]):
    name = forms.CharField(label=_("Name"), max_length=200)
    identifying_details = forms.CharField(
        label=_("Other identifying details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other names, identity card number, address, description."),
    )
    nationality = country_field(label=_("Nationality"), required=False)

    class Meta:
        model = Suspect
        fields = [
            "name",
            "identifying_details",
            "nationality",
            "role",
            "relationship",
            "is_arrested",
        ]


class SuspectChoiceField(ModelChoiceField[Suspect]):
    """A suspect by name (the page that offers the choice audits the names it shows)."""

    def label_from_instance(self, obj: Suspect) -> str:
        return obj.name


def _suspect_field() -> SuspectChoiceField:
    return SuspectChoiceField(label=_("Suspect"), required=False, queryset=Suspect.objects.none())


class ChargeForm(ModelForm[Charge]):
    suspect = _suspect_field()
    article = ModelChoiceField(
        label=_("Article of the law"), queryset=LawArticle.objects.filter(is_active=True)
    )
    charged_on = LaoDateField(label=_("Charged on"), initial=timezone.localdate)

    class Meta:
        model = Charge
        fields = ["suspect", "article", "charged_on"]

    def __init__(self, *args: Any, suspects: QuerySet[Suspect], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "suspect", SuspectChoiceField).queryset = suspects


class HearingForm(forms.Form):
    court = forms.CharField(label=_("Court"), max_length=200)
    day = LaoDateField(label=_("Date"))
    time = forms.TimeField(
        label=_("Time"),
        initial=dt.time(9, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    kind = forms.ChoiceField(label=_("Kind of hearing"), choices=HearingKind.choices)
    outcome_note = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a hearing already held."),
    )

    def starts_at(self) -> dt.datetime:
        """The hearing's moment in local time (Asia/Vientiane), as an aware datetime."""
        day: dt.date = self.cleaned_data["day"]
        time: dt.time = self.cleaned_data["time"]
        return timezone.make_aware(dt.datetime.combine(day, time))


class VerdictForm(ModelForm[Verdict]):
    suspect = _suspect_field()
    prison_years = LaoIntegerField(
        label=_("Prison: years"), required=False, min_value=0, max_value=99
    )
    prison_months = LaoIntegerField(
        label=_("Prison: months"), required=False, min_value=0, max_value=11
    )
    fine_lak = _money(_("Fine (LAK)"))

    class Meta:
        model = Verdict
        fields = [
            "suspect",
            "decided_on",
            "court",
            "outcome",
            "prison_years",
            "prison_months",
            "fine_lak",
        ]

    def __init__(self, *args: Any, suspects: QuerySet[Suspect], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "suspect", SuspectChoiceField).queryset = suspects


class WitnessForm(ModelForm[WitnessSupport]):
    legal_aid_by = ModelChoiceField(
        label=_("Legal aid by"),
        required=False,
        queryset=Organisation.objects.filter(is_active=True),
    )
    reflection_days = LaoIntegerField(
        label=_("Reflection period (days)"), required=False, min_value=0, max_value=365
    )
    compensation_claimed_lak = _money(_("Compensation claimed (LAK)"))
    compensation_awarded_lak = _money(_("Compensation awarded (LAK)"))
    compensation_paid_lak = _money(_("Compensation paid so far (LAK)"))

    class Meta:
        model = WitnessSupport
        fields = [
            "has_legal_aid",
            "legal_aid_by",
            "legal_aid_from",
            "is_accompanied",
            "protection_measures",
            "reflection_days",
            "compensation_claimed_lak",
            "claimed_on",
            "compensation_awarded_lak",
            "awarded_on",
            "compensation_paid_lak",
            "paid_on",
        ]
        widgets = {"protection_measures": forms.Textarea(attrs={"rows": 2})}
