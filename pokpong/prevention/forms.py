from typing import Any

from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.cases.forms_case import CaseForm
from pokpong.core.forms import (
    LaoCharField,
    LaoDateField,
    LaoIntegerField,
    ModelChoiceField,
    PlaceChoiceField,
    places_within_check,
    typed_field,
)
from pokpong.people.services import PersonDetails
from pokpong.places.models import District, Province
from pokpong.prevention.models import ActivityType, CallerType, CallOutcome, CallTopic, Channel
from pokpong.prevention.risk import QUESTIONS, SCALE
from pokpong.prevention.services import CallDetails
from pokpong.referrals.models import Urgency


class ActivityForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=ActivityType.choices)
    held_on = LaoDateField(label=_("Date"), initial=timezone.localdate)
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    district = PlaceChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.filter(is_active=True),
        within="province",
    )
    village = forms.CharField(label=_("Village or place"), required=False)
    topics = forms.CharField(label=_("Topics"), required=False)
    materials = forms.CharField(label=_("Materials distributed"), required=False)
    girls = LaoIntegerField(label=_("Girls (under 18)"), min_value=0, initial=0)
    boys = LaoIntegerField(label=_("Boys (under 18)"), min_value=0, initial=0)
    women = LaoIntegerField(label=_("Women"), min_value=0, initial=0)
    men = LaoIntegerField(label=_("Men"), min_value=0, initial=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        district, province = data.get("district"), data.get("province")
        if district and province and district.province_id != province.pk:
            self.add_error("district", _("The district is not in the chosen province."))
        if data.get("held_on") and data["held_on"] > timezone.localdate():
            self.add_error("held_on", _("The date is in the future."))
        return data


class ActivityFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *ActivityType.choices]
    )
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    since = LaoDateField(label=_("Since"), required=False)
    until = LaoDateField(label=_("Until"), required=False)


class CallForm(forms.Form):
    received_at = forms.DateTimeField(label=_("Received at"), initial=timezone.now)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    caller_type = forms.ChoiceField(label=_("Caller"), choices=CallerType.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=CallTopic.choices)
    province = ModelChoiceField(
        label=_("Province concerned"), required=False, queryset=Province.objects.all()
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Only what the follow-up needs."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallOutcome.choices)
    person_name = forms.CharField(
        label=_("Name of the person concerned"),
        required=False,
        help_text=_("For a potential case: Lao or Latin script."),
    )
    person_sex = forms.ChoiceField(
        label=_("Sex of the person concerned"),
        required=False,
        choices=[("", "—"), ("female", _("Female")), ("male", _("Male"))],
    )
    person_phone = LaoCharField(label=_("Phone of the person or family"), required=False)

    def person_details(self) -> PersonDetails | None:
        data = self.cleaned_data
        name = (data.get("person_name") or "").strip()
        if not name:
            return None
        given, _sep, family = name.partition(" ")
        sex, phone = data.get("person_sex") or "unknown", data.get("person_phone") or ""
        if any("\u0e80" <= ch <= "\u0eff" for ch in name):  # Lao script
            return PersonDetails(given_name_lo=given, family_name_lo=family, sex=sex, phone=phone)
        return PersonDetails(given_name_latin=given, family_name_latin=family, sex=sex, phone=phone)

    def call_details(self) -> CallDetails:
        data = self.cleaned_data
        return CallDetails(**{k: v for k, v in data.items() if not k.startswith("person_")})


class CallEditForm(forms.Form):
    """Correct a call's facts; the person of a potential case is corrected on the person's page."""

    received_at = forms.DateTimeField(label=_("Received at"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    caller_type = forms.ChoiceField(label=_("Caller"), choices=CallerType.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=CallTopic.choices)
    province = ModelChoiceField(
        label=_("Province concerned"), required=False, queryset=Province.objects.all()
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Only what the follow-up needs."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallOutcome.choices)

    def __init__(self, data: Any = None, *, call: Any) -> None:
        super().__init__(data, initial={name: getattr(call, name) for name in self.base_fields})
        field = typed_field(self, "outcome", forms.ChoiceField)
        potential = bool(call.person_id)  # a potential case stays one, and only it
        field.choices = [
            (value, label)
            for value, label in CallOutcome.choices
            if (value == CallOutcome.POTENTIAL_CASE) == potential
        ]

    def call_details(self) -> CallDetails:
        return CallDetails(**self.cleaned_data)


class AssessmentForm(forms.Form):
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    district = PlaceChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.filter(is_active=True),
        within="province",
    )
    village = forms.CharField(label=_("Village"), max_length=200)
    assessed_on = LaoDateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in QUESTIONS:
            self.fields[f"q_{code}"] = forms.TypedChoiceField(
                label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places_within_check(self)
        return data

    def answers(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"q_{code}"] for code, _label in QUESTIONS}

    def place(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("province", "district", "village", "assessed_on")}


class CallReferForm(forms.Form):
    to_organisation: ModelChoiceField[Organisation] = ModelChoiceField(
        label=_("Office of the province of origin"),
        queryset=None,
        help_text=_("The social welfare office that will take the person on and open a case."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.URGENT)
    caller_agreed = forms.BooleanField(
        label=_("The caller agreed that the report is passed on to this office"),
        error_messages={
            "required": _("Ask the caller first: the report is passed on only if they agree.")
        },
    )
    message = forms.CharField(
        label=_("Message to the office"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept encrypted. What the office needs to act: where, how urgent, who to call."
        ),
    )

    def __init__(self, *args: Any, offices: Any, origin: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = typed_field(self, "to_organisation", forms.ModelChoiceField)
        provincial_first = F("district_id").asc(nulls_first=True)
        field.queryset = offices.order_by("province__national_code", provincial_first, "name_en")
        if origin is not None and not self.is_bound:
            # The provincial office of the province of origin comes first; district offices follow.
            suggested = offices.filter(province=origin).order_by(provincial_first, "pk").first()
            if suggested is not None:
                field.initial = suggested.pk


class CallReferralAcceptForm(CaseForm):
    """Accepting a potential case opens its case: the case form, the source being the hotline."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["came_to_light"]
