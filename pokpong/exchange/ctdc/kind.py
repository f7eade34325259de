"""The CTDC export as a kind of the registry: its form, its builder, its summary."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_export_ctdc
from pokpong.exchange.ctdc.build import (
    DEFAULT_K,
    DEFAULT_QUASI_IDENTIFIERS,
    MINIMUM_K,
    UNITS,
    CtdcOptions,
    ctdc_dataset,
)
from pokpong.exchange.registry import BuiltFile, ExportKind, ParametersForm, Progress

QUASI_IDENTIFIER_LABELS = {
    "gender": _("Gender"),
    "ageBroad": _("Age band"),
    "majorityStatus": _("Adult or minor"),
    "citizenship": _("Citizenship"),
    "CountryOfExploitation": _("Country of exploitation"),
    "yearOfRegistration": _("Year of registration"),
    "exploitation": _("Type of exploitation (all its flags)"),
    "RecruiterRelationship": _("Relationship to the recruiter"),
}


class CtdcForm(ParametersForm):
    year = forms.TypedChoiceField(
        label=_("Year of registration"), coerce=int, required=False, empty_value=None
    )
    k = forms.IntegerField(
        label=_("k (smallest group of alike records)"),
        initial=DEFAULT_K,
        min_value=MINIMUM_K,
        max_value=1000,
        help_text=_("CTDC publishes with k = 11."),
    )
    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Quasi-identifiers"),
        choices=[(code, QUASI_IDENTIFIER_LABELS[code]) for code in UNITS],
        initial=list(DEFAULT_QUASI_IDENTIFIERS),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Values a reader could know of a person; each combination is shared by k records "
            "or more."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        this_year = timezone.localdate().year
        years = [(str(y), str(y)) for y in range(this_year, this_year - 11, -1)]
        self.fields["year"].choices = [("", _("Every year")), *years]  # type: ignore[attr-defined]

    def parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = set(data["quasi_identifiers"])
        return {
            "k": data["k"],
            "year": data["year"],
            "quasi_identifiers": [code for code in UNITS if code in chosen],
        }


def options_of(parameters: dict[str, Any]) -> CtdcOptions:
    chosen = [q for q in parameters.get("quasi_identifiers") or [] if q in UNITS]
    return CtdcOptions(
        k=int(parameters.get("k") or DEFAULT_K),
        quasi_identifiers=tuple(chosen) or DEFAULT_QUASI_IDENTIFIERS,
        year=parameters.get("year"),
    )


def ctdc_build(*, requested_by: User, parameters: dict[str, Any], progress: Progress) -> BuiltFile:
    options = options_of(parameters)
    result = ctdc_dataset(options)
    progress(95)
    stamp = timezone.localdate().isoformat()
    year = f"-{options.year}" if options.year else ""
    return BuiltFile(
        content=result.content,
        filename=f"ctdc-global-dataset{year}-k{options.k}-{stamp}.csv",
        content_type="text/csv; charset=utf-8",
        summary=result.summary(options),
    )


def ctdc_summary(summary: dict[str, Any]) -> list[str]:
    if "written" not in summary:
        return []
    return [
        gettext("%(written)s records written, %(suppressed)s suppressed to reach k = %(k)s.")
        % summary,
        gettext(
            "%(generalised)s records with some values set to unknown; %(without_consent)s "
            "cases left out without consent to statistics."
        )
        % summary,
    ]


CTDC = ExportKind(
    code="ctdc",
    label=_("CTDC Global Dataset"),
    description=_(
        "One anonymised row per case, in the 63 columns of the Counter Trafficking Data "
        "Collaborative, only for persons who consented to statistics, k-anonymised."
    ),
    may_request=can_export_ctdc,
    form_class=CtdcForm,
    build=ctdc_build,
    per_record=True,
    summary_lines=ctdc_summary,
)
