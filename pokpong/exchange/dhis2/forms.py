"""Forms of the DHIS2 mapping page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pokpong.core.forms import ModelChoiceField
from pokpong.monitoring.engine import DIMENSIONS
from pokpong.monitoring.models import Indicator
from pokpong.places.models import Province

CODE_HELP = _("The code as DHIS2 has it (letters, digits, - and _).")


def _code_field(label: Any, *, required: bool = True) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=r"^[A-Za-z0-9_.\-]{1,50}$",
        max_length=50,
        required=required,
        help_text=CODE_HELP,
        error_messages={"invalid": _("Use letters, digits, '-', '_' or '.' only.")},
    )


class OrgUnitForm(forms.Form):
    province = ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("national_code"),
        required=False,
        empty_label=_("Whole country"),
    )
    code = _code_field(_("DHIS2 organisation unit code"))


class DataElementForm(forms.Form):
    indicator = ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.filter(is_active=True)
    )
    dimension = forms.ChoiceField(label=_("Breakdown"), required=False)
    row = forms.CharField(
        label=_("Breakdown row"),
        max_length=60,
        required=False,
        help_text=_("The row's key, e.g. female, child, LA-SV, TH. Empty for the total."),
    )
    data_element = _code_field(_("DHIS2 data element code"))
    category_option_combo = _code_field(_("DHIS2 category option combo code"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("None: the indicator's total"))]
        choices += [(key, dim.label) for key, dim in DIMENSIONS.items()]
        self.fields["dimension"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("dimension")) != bool(data.get("row", "").strip()):
            self.add_error("row", _("Give both a breakdown and its row, or neither."))
        return data
