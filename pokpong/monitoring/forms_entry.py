"""Forms of the catalogue pages: a hand-entered value, a target, the programme area."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pokpong.core.forms import (
    LaoCharField,
    LaoIntegerField,
    ModelChoiceField,
    ModelMultipleChoiceField,
)
from pokpong.monitoring.periods import PeriodError, parse
from pokpong.places.models import Province

MAX_VALUE = 10**12


class _PeriodValueForm(forms.Form):
    period = LaoCharField(
        label=_("Period"),
        max_length=10,
        help_text=_("For example 2026Q4, 2026, FY2026 or FY2026Q1."),
    )
    province = ModelChoiceField(
        queryset=Province.objects.order_by("national_code"),
        required=False,
        empty_label=_("Whole country"),
        label=_("Province"),
    )
    value = LaoIntegerField(
        label=_("Value"),
        min_value=0,
        max_value=MAX_VALUE,
        error_messages={"min_value": _("Enter a number of zero or more.")},
    )

    def __init__(self, *args: Any, calendar_years: bool = False, **kwargs: Any) -> None:
        self.calendar_years = calendar_years
        super().__init__(*args, **kwargs)

    def clean_period(self) -> str:
        code = self.cleaned_data["period"]
        try:
            period = parse(code)
        except PeriodError as error:
            raise ValidationError(str(error)) from error
        if self.calendar_years and period.kind != "year":
            raise ValidationError(
                _("Population figures are entered per calendar year (for example 2026).")
            )
        return period.code


class ManualValueForm(_PeriodValueForm):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class TargetForm(_PeriodValueForm):
    value = LaoIntegerField(
        label=_("Target"),
        min_value=0,
        max_value=MAX_VALUE,
        error_messages={"min_value": _("Enter a number of zero or more.")},
    )


class ProgrammeAreaForm(forms.Form):
    provinces = ModelMultipleChoiceField(
        queryset=Province.objects.order_by("national_code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target provinces of the programme"),
    )
