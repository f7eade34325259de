"""The DHIS2 mapping page (/exchange/dhis2/mapping/): organisation units of the provinces, data
elements of the indicators. National administrators and M&E managers only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_manage_dhis2_mapping, requires_any
from pokpong.exchange.dhis2 import mapping
from pokpong.exchange.dhis2.forms import DataElementForm, OrgUnitForm
from pokpong.exchange.models import Dhis2DataElement, Dhis2OrgUnit
from pokpong.monitoring.engine import DIMENSIONS

mappers = requires_any(Capability.MANAGE_REFERENCE_LISTS, Capability.MANAGE_INDICATORS)


def _id(value: str | None) -> int:
    """A record id from a button's value: ASCII digits that fit a database key, else 0 (no
    record has it)."""
    if value and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return 0


def _delete(request: AuthenticatedHttpRequest) -> bool:
    """A delete button was pressed: remove that entry (a stale or bad id is ignored)."""
    if "delete_org_unit" in request.POST:
        unit = Dhis2OrgUnit.objects.filter(pk=_id(request.POST["delete_org_unit"])).first()
        if unit is not None:
            mapping.dhis2_org_unit_delete(user=request.user, unit=unit)
        return True
    if "delete_element" in request.POST:
        element = Dhis2DataElement.objects.filter(pk=_id(request.POST["delete_element"])).first()
        if element is not None:
            mapping.dhis2_element_delete(user=request.user, element=element)
        return True
    return False


def _save(request: AuthenticatedHttpRequest, units: OrgUnitForm, elements: DataElementForm) -> bool:
    which = request.POST.get("form")
    try:
        if which == "org_unit" and units.is_valid():
            data = units.cleaned_data
            mapping.dhis2_org_unit_set(
                user=request.user, province=data["province"], code=data["code"]
            )
            return True
        if which == "element" and elements.is_valid():
            data = elements.cleaned_data
            mapping.dhis2_element_set(
                user=request.user,
                indicator=data["indicator"],
                dimension=data["dimension"],
                row=data["row"].strip() if data["dimension"] else "",
                data_element=data["data_element"],
                category_option_combo=data["category_option_combo"],
            )
            return True
    except ValidationError as error:
        form = units if which == "org_unit" else elements
        form.add_error(None, error)
    return False


@mappers
def dhis2_mapping(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_manage_dhis2_mapping(request.user):
        raise Http404
    which = request.POST.get("form") if request.method == "POST" else None
    units = OrgUnitForm(request.POST if which == "org_unit" else None, prefix="unit")
    elements = DataElementForm(request.POST if which == "element" else None, prefix="element")
    if request.method == "POST" and (_delete(request) or _save(request, units, elements)):
        messages.success(request, _("The DHIS2 mapping is saved."))
        return redirect("exchange:dhis2_mapping")
    context = {
        "units": Dhis2OrgUnit.objects.select_related("province"),
        "elements": Dhis2DataElement.objects.select_related("indicator"),
        "dimension_labels": {key: dim.label for key, dim in DIMENSIONS.items()},
        "unit_form": units,
        "element_form": elements,
    }
    failed = units.errors or elements.errors
    return render(request, "exchange/dhis2_mapping.html", context, status=400 if failed else 200)
