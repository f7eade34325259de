"""The DHIS2 export as a kind of the registry: its form, its builder, its summary."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_export_dhis2
from pokpong.exchange.dhis2.build import dhis2_data_value_set, dhis2_json
from pokpong.exchange.registry import BuiltFile, ExportKind, ParametersForm, Progress
from pokpong.monitoring.forms_reports import period_choices
from pokpong.monitoring.periods import parse


class Dhis2Form(ParametersForm):
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["period"].choices = period_choices(timezone.localdate())  # type: ignore[attr-defined]

    def parameters(self) -> dict[str, Any]:
        return {"period": parse(self.cleaned_data["period"]).code}


def dhis2_build(*, requested_by: User, parameters: dict[str, Any], progress: Progress) -> BuiltFile:
    period = parse(str(parameters.get("period", "")))
    result = dhis2_data_value_set(period, progress)
    return BuiltFile(
        content=dhis2_json(result),
        filename=f"dhis2-datavalueset-{period.code}.json",
        content_type="application/json",
        summary=result.summary(),
    )


def dhis2_summary(summary: dict[str, Any]) -> list[str]:
    if "values" not in summary:
        return []
    lines = [
        gettext(
            "%(values)s values for %(org_units)s organisation units; %(suppressed)s small "
            "numbers left out."
        )
        % summary
    ]
    if summary.get("unmapped"):
        lines.append(
            gettext("Indicators without a DHIS2 code, skipped: %(codes)s")
            % {"codes": ", ".join(summary["unmapped"])}
        )
    return lines


DHIS2 = ExportKind(
    code="dhis2",
    label=_("DHIS2 indicator values"),
    description=_(
        "The indicator values of a period as a DHIS2 dataValueSet (JSON), for each mapped "
        "province, small numbers left out."
    ),
    may_request=can_export_dhis2,
    form_class=Dhis2Form,
    build=dhis2_build,
    per_record=False,
    summary_lines=dhis2_summary,
)
