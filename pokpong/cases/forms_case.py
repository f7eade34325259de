"""Forms of the case pages: details, caseload filters, workflow steps, plan, notes, files."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.accounts.models import Organisation, User
from pokpong.cases.attachments import MAX_BYTES
from pokpong.cases.models import (
    ActionStatus,
    CameToLight,
    CaseStatus,
    ClosureReason,
    FormOfTrafficking,
    MeansOfControl,
    Need,
    NeedDomain,
    NoteVisibility,
    Priority,
    RecruiterRelationship,
    RiskLevel,
    Transport,
)
from pokpong.core.forms import (
    LaoCharField,
    LaoDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    typed_field,
)
from pokpong.places.forms import country_field
from pokpong.places.models import Province


class CaseForm(forms.Form):
    came_to_light = forms.ChoiceField(
        label=_("How the case came to light"), choices=CameToLight.choices
    )
    forms_of_trafficking = ModelMultipleChoiceField(
        label=_("Forms of trafficking"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=FormOfTrafficking.objects.filter(is_active=True),
    )
    country_of_exploitation = country_field(label=_("Country of exploitation"), required=False)
    province_of_exploitation = ModelChoiceField(
        label=_("Province of exploitation (inside Laos)"),
        required=False,
        queryset=Province.objects.all(),
    )
    exploitation_began_on = LaoDateField(label=_("Exploitation began"), required=False)
    exploitation_ended_on = LaoDateField(label=_("Exploitation ended"), required=False)
    recruiter_relationship = forms.ChoiceField(
        label=_("Relationship to the recruiter"),
        required=False,
        choices=RecruiterRelationship.choices,
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Means of control"),
        required=False,
        choices=MeansOfControl.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    transport = forms.ChoiceField(label=_("Transport"), required=False, choices=Transport.choices)
    risk_level = forms.ChoiceField(
        label=_("Risk level"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM
    )
    risk_reason = forms.CharField(
        label=_("Reason for the risk level"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        began, ended = data.get("exploitation_began_on"), data.get("exploitation_ended_on")
        if began and ended and ended < began:
            self.add_error("exploitation_ended_on", _("The end is before the beginning."))
        if data.get("risk_level") == RiskLevel.HIGH and not data.get("risk_reason"):
            self.add_error("risk_reason", _("Say why the risk is high."))
        return data

    def split(self) -> tuple[dict[str, Any], list[Any]]:
        data = dict(self.cleaned_data)
        return data, list(data.pop("forms_of_trafficking", []))


class _ColleagueChoiceField(ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class _ColleaguesChoiceField(ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class CaseEditForm(CaseForm):
    caseworker = _ColleagueChoiceField(label=_("Caseworker"), queryset=User.objects.none())
    team = _ColleaguesChoiceField(
        label=_("Team"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "caseworker", _ColleagueChoiceField).queryset = colleagues
        typed_field(self, "team", _ColleaguesChoiceField).queryset = colleagues

    def split(self) -> tuple[dict[str, Any], list[Any]]:
        """The case's details and its forms of trafficking (the caseworker, team and version
        are read from cleaned_data)."""
        data, forms_ = super().split()
        for name in ("version", "caseworker", "team"):
            data.pop(name, None)
        return data, forms_


class CaseFilterForm(forms.Form):
    number = LaoCharField(label=_("Case number"), required=False)
    name = forms.CharField(
        label=_("Name"), required=False, help_text=_("Lao or Latin script, any spelling.")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CaseStatus.choices]
    )
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    form = ModelChoiceField(
        label=_("Form of trafficking"),
        required=False,
        queryset=FormOfTrafficking.objects.filter(is_active=True),
    )
    risk = forms.ChoiceField(
        label=_("Risk level"), required=False, choices=[("", _("All")), *RiskLevel.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue actions only"), required=False)
    mine = forms.BooleanField(label=_("My cases only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("oldest", _("Oldest")),
            ("number", _("Case number")),
            ("risk", _("Risk, highest first")),
            ("updated", _("Recently changed")),
        ],
    )


class ClosureRequestForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closure"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClosureApproveForm(forms.Form):
    closed_on = LaoDateField(label=_("Closed on"), initial=timezone.localdate)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the case reopened?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NeedForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), choices=NeedDomain.choices)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    description = forms.CharField(
        label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanGoalsForm(forms.Form):
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(forms.Form):
    description = forms.CharField(
        label=pgettext_lazy("plan", "Action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    need = ModelChoiceField(label=_("For the need"), required=False, queryset=Need.objects.none())
    responsible_organisation = ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    due_on = LaoDateField(label=_("Due on"))

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if case is not None:
            typed_field(self, "need", forms.ModelChoiceField).queryset = case.needs.all()


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.CharField(
        label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=NoteVisibility.choices,
        initial=NoteVisibility.OWN_ORGANISATION,
        widget=forms.RadioSelect,
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"), required=False, max_length=200
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG or WebP, up to 10 MB."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
