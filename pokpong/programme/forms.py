"""Input of programme management and coordination: parsed and checked, messages in Lao."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation, RoleAssignment, User
from pokpong.accounts.policy import action_owner_roles
from pokpong.core.forms import (
    LaoDateField,
    LaoIntegerField,
    ModelChoiceField,
    ModelForm,
    PlaceChoiceField,
    typed_field,
)
from pokpong.core.lao import digits_to_ascii
from pokpong.places.models import District, Province
from pokpong.programme.models import (
    ActionStatus,
    ActivityStatus,
    BudgetLine,
    Committee,
    CommitteeMeeting,
    Component,
    WorkPlanActivity,
    fiscal_quarter_of,
    fiscal_quarter_starts,
    fiscal_year_of,
)
from pokpong.programme.services import (
    ActionDetails,
    ActivityDetails,
    Attendance,
    BudgetDetails,
    CommitteeDetails,
    MeetingDetails,
)

TEXT_LIMIT = 5000
MAX_LAK = 10**15  # a thousand trillion kip: far above any budget, far below the column's limit
MAX_PEOPLE = 9999
NEGATIVE = _("An amount cannot be negative.")
TOO_LARGE = _("This amount is too large.")


def _money_field(label: Any) -> LaoIntegerField:
    return LaoIntegerField(
        label=label,
        min_value=0,
        max_value=MAX_LAK,
        error_messages={"min_value": NEGATIVE, "max_value": TOO_LARGE},
    )


def _people_field(label: Any) -> LaoIntegerField:
    return LaoIntegerField(
        label=label,
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        error_messages={
            "min_value": _("A number of people cannot be negative."),
            "max_value": _("This number is too large."),
        },
    )


class LaoDecimalField(forms.DecimalField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(digits_to_ascii(value) if isinstance(value, str) else value)


def _active_organisations() -> Any:
    return Organisation.objects.filter(is_active=True).order_by("name_lo")


# --- the work plan -------------------------------------------------------------------------


class ActivityFilterForm(forms.Form):
    component = forms.ChoiceField(
        label=_("Component"), required=False, choices=[("", _("All")), *Component.choices]
    )
    province = ModelChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all(), empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ActivityStatus.choices]
    )


class ActivityForm(ModelForm[WorkPlanActivity]):
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
    )

    class Meta:
        model = WorkPlanActivity
        fields = [
            "title",
            "component",
            "province",
            "partner",
            "planned_start_on",
            "planned_end_on",
            "actual_start_on",
            "actual_end_on",
            "status",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "partner", forms.ModelChoiceField).queryset = _active_organisations()
        typed_field(self, "province", forms.ModelChoiceField).empty_label = _("National")

    def details(self) -> ActivityDetails:
        return ActivityDetails(**{name: self.cleaned_data[name] for name in self.Meta.fields})


# --- budget and expenditure ----------------------------------------------------------------


class BudgetYearForm(forms.Form):
    """Which fiscal year's table to show."""

    year = LaoIntegerField(
        label=_("Fiscal year"),
        min_value=2000,
        max_value=2100,
        required=False,
        initial=lambda: fiscal_year_of(timezone.localdate()),
    )

    def fiscal_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            year: int = self.cleaned_data["year"]
            return year
        return fiscal_year_of(timezone.localdate())


class BudgetPickForm(forms.Form):
    """Which line to edit, from a cell of the table (`?component=1&year=2027&quarter=1`)."""

    component = forms.ChoiceField(choices=Component.choices)
    year = LaoIntegerField(min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(coerce=int, choices=[(q, q) for q in range(1, 5)])

    def quarter_start(self) -> dt.date:
        start: dt.date = fiscal_quarter_starts(self.cleaned_data["year"])[
            self.cleaned_data["quarter"] - 1
        ]
        return start

    def picked(self) -> dict[str, Any]:
        return {
            "component": self.cleaned_data["component"],
            "quarter_start_on": self.quarter_start(),
        }

    def initial_for(self, line: BudgetLine | None) -> dict[str, Any]:
        """The form's first values: the line as it is, or the quarter picked, or today's."""
        today = timezone.localdate()
        initial: dict[str, Any] = {
            "fiscal_year": fiscal_year_of(today),
            "fiscal_quarter": fiscal_quarter_of(today),
        }
        if self.is_valid():
            data = self.cleaned_data
            initial.update(
                component=data["component"],
                fiscal_year=data["year"],
                fiscal_quarter=data["quarter"],
            )
        if line is not None:
            initial.update(
                budget_lak=line.budget_lak,
                spent_lak=line.spent_lak,
                lak_per_usd=line.lak_per_usd,
                notes=line.notes,
            )
        return initial


class BudgetLineForm(forms.Form):
    component = forms.ChoiceField(label=_("Component"), choices=Component.choices)
    fiscal_year = LaoIntegerField(
        label=_("Fiscal year"),
        min_value=2000,
        max_value=2100,
        help_text=_("October to September, named after the year it ends in."),
    )
    fiscal_quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1 (October–December)")),
            (2, _("Q2 (January–March)")),
            (3, _("Q3 (April–June)")),
            (4, _("Q4 (July–September)")),
        ],
    )
    budget_lak = _money_field(_("Budget (LAK)"))
    spent_lak = _money_field(_("Spent (LAK)"))
    lak_per_usd = LaoDecimalField(
        label=_("Exchange rate (LAK per USD)"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("The exchange rate must be more than zero.")},
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
    )

    def details(self) -> BudgetDetails:
        data = self.cleaned_data
        quarter = fiscal_quarter_starts(data["fiscal_year"])[data["fiscal_quarter"] - 1]
        return BudgetDetails(
            component=data["component"],
            quarter_start_on=quarter,
            budget_lak=data["budget_lak"],
            spent_lak=data["spent_lak"],
            lak_per_usd=data["lak_per_usd"],
            notes=data["notes"],
        )


# --- committees and meetings ---------------------------------------------------------------


class CommitteeForm(ModelForm[Committee]):
    district = PlaceChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.filter(is_active=True),
        within="province",
    )

    class Meta:
        model = Committee
        fields = ["name", "level", "province", "district", "is_active"]

    def details(self) -> CommitteeDetails:
        return CommitteeDetails(**{name: self.cleaned_data[name] for name in self.Meta.fields})


# The attendance part of a meeting's form: this many rows at least, and two spare ones.
ATTENDANCE_ROWS = 5


class MeetingForm(forms.Form):
    held_on = LaoDateField(label=_("Date"), initial=timezone.localdate)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    decisions = forms.CharField(
        label=_("Decisions"), required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
    )

    def __init__(self, *args: Any, meeting: CommitteeMeeting | None = None, **kwargs: Any) -> None:
        current = list(meeting.attendance.all()) if meeting else []
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "held_on": meeting.held_on,
                "place": meeting.place,
                "decisions": meeting.decisions,
            }
        super().__init__(*args, **kwargs)
        self.rows = max(ATTENDANCE_ROWS, len(current) + 2)
        for i in range(self.rows):
            line = current[i] if i < len(current) else None
            self.fields[f"organisation_{i}"] = ModelChoiceField(
                label=_("Organisation"),
                required=False,
                queryset=_active_organisations(),
                initial=line.organisation_id if line else None,
            )
            self.fields[f"women_{i}"] = _people_field(_("Women"))
            self.fields[f"men_{i}"] = _people_field(_("Men"))
            if line:
                self.fields[f"women_{i}"].initial = line.women
                self.fields[f"men_{i}"].initial = line.men

    def meeting_fields(self) -> list[forms.BoundField]:
        return [self["held_on"], self["place"], self["decisions"]]

    def attendance_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (i + 1, [self[f"organisation_{i}"], self[f"women_{i}"], self[f"men_{i}"]])
            for i in range(self.rows)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("held_on") and data["held_on"] > timezone.localdate():
            self.add_error("held_on", _("The date is in the future."))
        seen: set[int] = set()
        for i in range(self.rows):
            organisation = data.get(f"organisation_{i}")
            women, men = data.get(f"women_{i}") or 0, data.get(f"men_{i}") or 0
            if organisation is None and (women or men):
                self.add_error(f"organisation_{i}", _("Choose the organisation of these people."))
            elif organisation is not None and organisation.pk in seen:
                self.add_error(
                    f"organisation_{i}",
                    _("Each organisation once: add its women and men together."),
                )
            elif organisation is not None and not (women or men):
                self.add_error(f"women_{i}", _("Count at least one person of this organisation."))
            if organisation is not None:
                seen.add(organisation.pk)
        if not self.errors and not seen:
            self.add_error(None, _("Record who attended: at least one organisation."))
        return data

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            held_on=data["held_on"], place=data["place"], decisions=data["decisions"]
        )

    def attendance(self) -> list[Attendance]:
        data = self.cleaned_data
        return [
            Attendance(
                organisation=data[f"organisation_{i}"],
                women=data.get(f"women_{i}") or 0,
                men=data.get(f"men_{i}") or 0,
            )
            for i in range(self.rows)
            if data.get(f"organisation_{i}") is not None
        ]


def action_owner_choices(committee: Committee) -> Any:
    """Who may own an action of this committee: active staff (not administrators) of the
    committee's province's organisations or of national ones (a national committee: all)."""
    users = User.objects.filter(
        is_active=True,
        organisation__isnull=False,
        pk__in=RoleAssignment.objects.filter(role__in=action_owner_roles()).values("user_id"),
    )
    if committee.province_id is not None:
        users = users.filter(
            Q(organisation__province_id=committee.province_id)
            | Q(organisation__province__isnull=True)
        )
    return users.select_related("organisation").order_by("organisation__name_lo", "username")


class OwnerChoiceField(ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} · {obj.organisation}"


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Action"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = OwnerChoiceField(label=_("Responsible"), queryset=User.objects.none())
    due_on = LaoDateField(label=_("Due date"))

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "owner", forms.ModelChoiceField).queryset = action_owner_choices(
            committee
        )

    def details(self) -> ActionDetails:
        data = self.cleaned_data
        return ActionDetails(
            description=data["description"], owner=data["owner"], due_on=data["due_on"]
        )


class ActionFollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    follow_up = forms.CharField(
        label=_("Follow-up"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    done_on = LaoDateField(label=_("Done on"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        done_on: dt.date | None = data.get("done_on")
        if data.get("status") == ActionStatus.DONE and not done_on and "done_on" not in self.errors:
            self.add_error("done_on", _("Give the date the action was done."))
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", _("The date is in the future."))
        return data
