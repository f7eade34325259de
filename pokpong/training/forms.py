import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.core.forms import (
    LaoDateField,
    ModelChoiceField,
    PlaceChoiceField,
    places_within_check,
    typed_field,
)
from pokpong.places.models import District, Province
from pokpong.training.models import AgeGroup, AppliedSkills, Course, Topic
from pokpong.training.services import ParticipantDetails


class CourseForm(forms.Form):
    name_lo = forms.CharField(label=_("Title in Lao"))
    name_en = forms.CharField(label=_("Title in English"))
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    audience = forms.CharField(label=_("Target audience"), required=False)
    hours = forms.DecimalField(
        label=_("Duration (hours)"), min_value=0, max_digits=5, decimal_places=1
    )
    min_attendance = forms.IntegerField(
        label=_("Minimum attendance for a certificate (percentage of hours)"),
        min_value=1,
        max_value=100,
        initial=80,
    )
    pass_mark = forms.DecimalField(
        label=_("Post-test pass mark for a certificate (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text=_("Leave empty when attendance alone is enough."),
    )


class SessionForm(forms.Form):
    course = ModelChoiceField(label=_("Course"), queryset=Course.objects.filter(is_active=True))
    starts_on = LaoDateField(label=_("First day"))
    ends_on = LaoDateField(label=_("Last day"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=5, decimal_places=1)
    venue = forms.CharField(label=_("Venue"))
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    district = PlaceChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.filter(is_active=True),
        within="province",
    )
    trainers = forms.CharField(label=_("Trainers"), required=False)
    funding_source = forms.CharField(label=_("Funding source"), required=False)
    gender_content = forms.BooleanField(
        label=_("Substantial gender-equality content"), required=False
    )
    first_responders = forms.BooleanField(
        label=_("For first responders (PS.5.1-28)"), required=False
    )
    prevention_actors = forms.BooleanField(
        label=_("For prevention actors (PS.5.3-15)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places_within_check(self)
        return data


class EnrolForm(forms.Form):
    """One line of a printed attendance sheet."""

    full_name = forms.CharField(label=_("Name"))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("female", _("Female")), ("male", _("Male"))])
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices)
    organisation = ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    position = forms.CharField(label=_("Position"), required=False)
    province = ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    pre_score = forms.DecimalField(
        label=_("Pre-test (%)"), required=False, min_value=0, max_value=100, decimal_places=1
    )
    post_score = forms.DecimalField(
        label=_("Post-test (%)"), required=False, min_value=0, max_value=100, decimal_places=1
    )

    def participant(self) -> ParticipantDetails:
        keys = ("full_name", "sex", "age_group", "organisation", "position", "province")
        return ParticipantDetails(**{k: self.cleaned_data[k] for k in keys})


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("Excel (.xlsx) or CSV, one participant per row.")
    )
    valid_only = forms.BooleanField(
        label=_("If some rows have errors, import the valid rows only"), required=False
    )


class FollowUpForm(forms.Form):
    surveyed_on = LaoDateField(label=_("Date of the follow-up"))
    applied_skills = forms.ChoiceField(
        label=_("Has the official applied the skills in their work?"),
        choices=AppliedSkills.choices,
        widget=forms.RadioSelect,
    )
    cases_identified = forms.IntegerField(
        label=_("Possible victims identified or referred since the training"),
        min_value=0,
        max_value=999,
        initial=0,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What helped, what was hard, what further training is needed."),
    )


class SessionFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All")), *Topic.choices]
    )
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    since = LaoDateField(label=_("Since"), required=False)
    until = LaoDateField(label=_("Until"), required=False)


class ScoresForm(forms.Form):
    pre_score = forms.DecimalField(
        label=_("Pre-test (%)"), required=False, min_value=0, max_value=100, decimal_places=1
    )
    post_score = forms.DecimalField(
        label=_("Post-test (%)"), required=False, min_value=0, max_value=100, decimal_places=1
    )
    hours_attended = forms.DecimalField(
        label=_("Hours attended"), min_value=0, max_digits=5, decimal_places=1
    )


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: issued by mistake, or the attendance was not genuine."),
    )


class AttendanceDayForm(forms.Form):
    """Which day of the session the attendance sheet shows: one of its days, else the first."""

    day = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, days: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.days = days
        typed_field(self, "day", forms.ChoiceField).choices = [
            (d.isoformat(), d.isoformat()) for d in days
        ]

    def chosen_day(self) -> dt.date:
        if self.is_valid() and self.cleaned_data["day"]:
            return dt.date.fromisoformat(self.cleaned_data["day"])
        return self.days[0]
