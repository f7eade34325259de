"""The form of the reports page: which report to produce."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import report_provinces_for, sees_small_numbers
from pokpong.monitoring.periods import fiscal_year_of, parse, recent_quarters
from pokpong.monitoring.reports.requests import ReportDetails
from pokpong.places.models import Province


def period_choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """Recent periods, newest first: calendar quarters and years, fiscal years and quarters."""
    quarters = list(reversed(recent_quarters(today, 8)))
    fiscal = fiscal_year_of(today)
    fiscal_years = [parse(f"FY{int(fiscal.code[2:]) - n}") for n in range(3)]
    fiscal_quarters = [q for fy in fiscal_years[:2] for q in reversed(fy.quarters())]
    fiscal_quarters = [q for q in fiscal_quarters if q.start <= today]
    years = [parse(str(today.year - n)) for n in range(3)]
    return [
        (str(_("Quarters")), [(p.code, f"{p.code} · {p.label}") for p in quarters]),
        (str(_("Years")), [(p.code, p.label) for p in years]),
        (str(_("Fiscal years (October–September)")), [(p.code, p.label) for p in fiscal_years]),
        (str(_("Fiscal quarters")), [(p.code, p.label) for p in fiscal_quarters]),
    ]


class ReportRequestForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.none(), required=False
    )
    area = forms.ChoiceField(
        label=_("Programme area"),
        choices=[
            ("all", _("Everywhere")),
            ("target", _("Programme target area")),
            ("rest", _("Outside the target area")),
        ],
        initial="all",
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("lo", "ລາວ"), ("en", "English")], initial="lo"
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("pdf", _("PDF"))],
        initial="xlsx",
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[
            ("public", _("Public: counts from 1 to 4 hidden")),
            ("internal", _("Internal: all numbers")),
        ],
        initial="public",
        help_text=_("Internal reports only for those who may open the cases behind the numbers."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["period"].choices = period_choices(timezone.localdate())  # type: ignore[attr-defined]
        provinces = report_provinces_for(user)
        field = self.fields["province"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (typing)
        if provinces is None:
            field.queryset = Province.objects.order_by("national_code")
            field.empty_label = str(_("Whole country"))
        else:
            field.queryset = Province.objects.filter(pk__in=provinces).order_by("national_code")
            field.required = True
            field.empty_label = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        province = data.get("province")
        if data.get("audience") == "internal" and not sees_small_numbers(
            self.user, province.pk if province else None
        ):
            self.add_error(
                "audience",
                _("You may not have counts from 1 to 4 for this scope: choose a public report."),
            )
        return data

    def details(self) -> ReportDetails:
        data = self.cleaned_data
        return ReportDetails(
            period=data["period"],
            province=data["province"],
            area=data["area"],
            language=data["language"],
            format=data["format"],
            audience=data["audience"],
        )
