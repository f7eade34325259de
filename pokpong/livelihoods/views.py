"""The livelihood part of a case: its page, the forms that add to it, the employer directory.

Access is the policy's (through the selectors); each page showing a survivor's data is
audited; a refusal by a service is the same 404 as elsewhere."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_manage_livelihoods,
    provinces_in_scope,
    requires,
    requires_any,
)
from pokpong.cases.models import Case
from pokpong.cases.selectors import case_referrals_for_user
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.forms import VoidForm
from pokpong.livelihoods import forms as lf
from pokpong.livelihoods import selectors, services
from pokpong.livelihoods.chart import income_chart_svg
from pokpong.places.models import Province

manage_or_receive = requires_any(Capability.MANAGE_CASES, Capability.VIEW_REFERRALS)
manage = requires(Capability.MANAGE_CASES)


def _form_page(
    request: AuthenticatedHttpRequest,
    *,
    case: Case,
    form: forms.Form,
    title: Any,
    save: Callable[[dict[str, Any]], Any],
    about: models.Model | None = None,
) -> HttpResponse:
    """The shared path of every form: valid → service → back to the livelihood page; a
    refusal of the service is shown on the form. The page names the case: audited."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("livelihoods:case", case_pk=case.pk)
    audit_view(obj=about or case, fields=["livelihoods"], parent=case if about else case.person)
    context = {"form": form, "case": case, "title": title, "about": about}
    return render(request, "livelihoods/form.html", context)


@manage_or_receive
def case_livelihoods(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_case_get(user=request.user, pk=case_pk)
    context = selectors.livelihood_summary(user=request.user, case=case)
    audit_view(obj=case, fields=["livelihoods"], parent=case.person)
    # a reason for leaving a job belongs to its check (no personal record above it but the case)
    shown = [c for p in context.get("placements", []) for c in p.checks.all() if c.leaving_reason]
    audit_views(objs=shown, fields=["livelihoods"], parent=case)
    context.update(
        case=case,
        chart=income_chart_svg(context.get("income", []), chart_id=f"income-{case.pk}"),
    )
    return render(request, "livelihoods/case_livelihoods.html", context)


@manage
def assessment_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_managed_case_get(user=request.user, pk=case_pk)
    return _form_page(
        request,
        case=case,
        form=lf.AssessmentForm(request.POST or None),
        title=gettext_lazy("Livelihood assessment"),
        save=lambda data: services.livelihood_assessment_record(
            user=request.user, case=case, details=services.AssessmentDetails(**data)
        ),
    )


@manage_or_receive
def training_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_case_get(user=request.user, pk=case_pk)
    is_office = can_manage_livelihoods(request.user, case)
    form = lf.TrainingForm(
        request.POST or None,
        referrals=case_referrals_for_user(user=request.user, case=case),
        receiver=None if is_office else request.user.organisation,
    )
    return _form_page(
        request,
        case=case,
        form=form,
        title=gettext_lazy("Vocational training"),
        save=lambda data: services.vocational_training_record(
            user=request.user, case=case, details=services.TrainingDetails(**data)
        ),
    )


@manage_or_receive
def training_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_for_user(user=request.user, pk=pk)
    initial = {
        name: getattr(training, name)
        for name in ("status", "ended_on", "dropout_reason", "has_certificate")
    }
    return _form_page(
        request,
        case=training.case,
        form=lf.TrainingOutcomeForm(request.POST or None, initial=initial),
        title=gettext_lazy("Vocational training"),
        about=training,
        save=lambda data: services.vocational_training_update(
            user=request.user, training=training, outcome=services.TrainingOutcome(**data)
        ),
    )


@manage
def placement_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_managed_case_get(user=request.user, pk=case_pk)
    return _form_page(
        request,
        case=case,
        form=lf.PlacementForm(request.POST or None),
        title=gettext_lazy("Job placement"),
        save=lambda data: services.job_placement_record(
            user=request.user, case=case, details=services.PlacementDetails(**data)
        ),
    )


@manage
def retention_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check = selectors.retention_check_get_for_user(user=request.user, pk=pk)
    initial = {"wage_lak": check.wage_lak or check.placement.wage_lak}
    return _form_page(
        request,
        case=check.placement.case,
        form=lf.RetentionForm(request.POST or None, initial=initial),
        title=gettext_lazy("Job retention check"),
        about=check,
        save=lambda data: services.retention_check_record(
            user=request.user, check=check, details=services.RetentionDetails(**data)
        ),
    )


@manage
def business_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_managed_case_get(user=request.user, pk=case_pk)
    return _form_page(
        request,
        case=case,
        form=lf.BusinessForm(request.POST or None),
        title=gettext_lazy("Business start-up support"),
        save=lambda data: services.business_support_record(
            user=request.user, case=case, details=services.BusinessDetails(**data)
        ),
    )


@manage
def business_check_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    business = selectors.business_get_for_user(user=request.user, pk=pk)
    return _form_page(
        request,
        case=business.case,
        form=lf.BusinessCheckForm(request.POST or None),
        title=gettext_lazy("How is the business doing?"),
        about=business,
        save=lambda data: services.business_check_record(
            user=request.user, business=business, details=services.BusinessCheckDetails(**data)
        ),
    )


@manage
def finance_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.livelihood_managed_case_get(user=request.user, pk=case_pk)
    return _form_page(
        request,
        case=case,
        form=lf.FinanceForm(request.POST or None),
        title=gettext_lazy("Savings group or loan"),
        save=lambda data: services.financial_inclusion_record(
            user=request.user, case=case, details=services.FinanceDetails(**data)
        ),
    )


@manage
def record_void(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """Void an entry of the office's (assessment, job, business, savings) made by mistake."""
    return _void(request, pk=pk, kind=kind)


@manage_or_receive
def training_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Void a training made by mistake: the office, or the provider that recorded it."""
    return _void(request, pk=pk, kind="training")


def _void(request: AuthenticatedHttpRequest, *, pk: int, kind: str) -> HttpResponse:
    """The page names the record, the form asks why."""
    record = selectors.livelihood_record_to_void(user=request.user, kind=kind, pk=pk)
    return _form_page(
        request,
        case=record.case,
        form=VoidForm(request.POST or None),
        title=gettext_lazy("Void an entry made by mistake"),
        about=record,
        save=lambda data: services.livelihood_record_void(
            user=request.user, record=record, reason=data["reason"]
        ),
    )


# --- the employer directory ---------------------------------------------------------------


def _provinces(request: AuthenticatedHttpRequest) -> Any:
    provinces = provinces_in_scope(request.user)
    everywhere = Province.objects.all()
    return everywhere if provinces is None else everywhere.filter(pk__in=provinces)


@manage
def employer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = lf.EmployerFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    employers = selectors.employers_for_user(
        user=request.user, province=data.get("province"), q=data.get("q", "")
    )
    editable = set(_provinces(request).values_list("pk", flat=True))
    context = {"form": form, "employers": employers, "editable": editable}
    return render(request, "livelihoods/employer_list.html", context)


@manage
def employer_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    employer = selectors.employer_get_for_user(user=request.user, pk=pk) if pk else None
    fields = lf.EmployerForm.base_fields
    initial = {name: getattr(employer, name) for name in fields} if employer else {}
    form = lf.EmployerForm(request.POST or None, initial=initial, provinces=_provinces(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_save(
                user=request.user,
                employer=employer,
                details=services.EmployerDetails(**form.cleaned_data),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("livelihoods:employer_list")
    context = {"form": form, "employer": employer}
    return render(request, "livelihoods/employer_form.html", context)
