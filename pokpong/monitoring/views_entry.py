"""The indicator catalogue, hand-entered values and targets (for national report viewers)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_edit_programme_area,
    can_enter_indicator_values,
    can_set_indicator_targets,
    can_view_indicator_catalogue,
    requires,
    requires_any,
)
from pokpong.monitoring import engine, services_entry
from pokpong.monitoring.forms_entry import ManualValueForm, ProgrammeAreaForm, TargetForm
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.places.models import Province


def _require_catalogue(request: AuthenticatedHttpRequest) -> None:
    if not can_view_indicator_catalogue(request.user):
        raise Http404


def _indicator_or_404(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise Http404
    return indicator


@requires_any(Capability.VIEW_REPORTS, Capability.MANAGE_REFERENCE_LISTS)
def catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_catalogue(request)
    rows = [
        {
            "indicator": indicator,
            "rule": engine.rule_label(indicator),
            "manual": not indicator.rule,
            "dimensions": engine.dimension_labels(indicator),
        }
        for indicator in engine.catalogue(active_only=False)
    ]
    area_form = None
    if can_edit_programme_area(request.user):
        area_form = ProgrammeAreaForm(
            initial={"provinces": Province.objects.filter(in_programme_area=True)}
        )
    return render(
        request,
        "monitoring/catalogue.html",
        {
            "rows": rows,
            "area": Province.objects.filter(in_programme_area=True).order_by("national_code"),
            "area_form": area_form,
        },
    )


@requires_any(Capability.VIEW_REPORTS, Capability.MANAGE_REFERENCE_LISTS)
@require_POST
def programme_area(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_edit_programme_area(request.user):
        raise Http404
    form = ProgrammeAreaForm(request.POST)
    if form.is_valid():
        services_entry.programme_area_set(
            user=request.user, provinces=list(form.cleaned_data["provinces"])
        )
        messages.success(request, _("The programme area is saved."))
    else:
        messages.error(request, _("Choose provinces from the list."))
    return redirect("monitoring:catalogue")


def _detail(
    request: AuthenticatedHttpRequest,
    indicator: Indicator,
    *,
    value_form: ManualValueForm | None = None,
    target_form: TargetForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_enter = can_enter_indicator_values(request.user) and engine.accepts_values(indicator)
    may_target = can_set_indicator_targets(request.user)
    calendar = engine.needs_calendar_years(indicator)
    context: dict[str, Any] = {
        "indicator": indicator,
        "rule": engine.rule_label(indicator),
        "unit": engine.unit_label(indicator.unit),
        "dimensions": engine.dimension_labels(indicator),
        "accepts_values": engine.accepts_values(indicator),
        "population": calendar,
        "values": ManualValue.objects.filter(indicator=indicator)
        .select_related("province", "entered_by")
        .order_by("-period", "province__national_code")[:200],
        "targets": Target.objects.filter(indicator=indicator)
        .select_related("province", "set_by")
        .order_by("-period", "province__national_code")[:200],
        "value_form": (value_form or ManualValueForm(calendar_years=calendar, prefix="value"))
        if may_enter
        else None,
        "target_form": (target_form or TargetForm(prefix="target")) if may_target else None,
    }
    return render(request, "monitoring/catalogue_indicator.html", context, status=status)


@requires_any(Capability.VIEW_REPORTS, Capability.MANAGE_REFERENCE_LISTS)
def indicator_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    _require_catalogue(request)
    return _detail(request, _indicator_or_404(code))


@requires(Capability.VIEW_REPORTS)
@require_POST
def value_save(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    if not (can_enter_indicator_values(request.user) and engine.accepts_values(indicator)):
        raise Http404
    form = ManualValueForm(
        request.POST, calendar_years=engine.needs_calendar_years(indicator), prefix="value"
    )
    if not form.is_valid():
        return _detail(request, indicator, value_form=form)
    data = form.cleaned_data
    services_entry.manual_value_enter(
        user=request.user,
        indicator=indicator,
        period=data["period"],
        province=data["province"],
        value=data["value"],
        note=data.get("note") or "",
    )
    messages.success(request, _("The value is saved."))
    return redirect("monitoring:indicator", code=indicator.code)


@requires(Capability.VIEW_REPORTS)
@require_POST
def target_save(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    if not can_set_indicator_targets(request.user):
        raise Http404
    form = TargetForm(request.POST, prefix="target")
    if not form.is_valid():
        return _detail(request, indicator, target_form=form)
    data = form.cleaned_data
    services_entry.target_set(
        user=request.user,
        indicator=indicator,
        period=data["period"],
        province=data["province"],
        value=data["value"],
    )
    messages.success(request, _("The target is saved."))
    return redirect("monitoring:indicator", code=indicator.code)
