"""Correcting a case's plan: edit or void a need or an action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, requires
from pokpong.cases import selectors, services
from pokpong.cases.forms_case import ActionForm, NeedForm
from pokpong.core.audit import audit_view
from pokpong.core.forms import VoidForm


def _page(
    request: AuthenticatedHttpRequest, form: object, *, title: str, case_pk: int, void: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back_url": reverse("cases:case_detail", args=[case_pk]),
        "back_label": _("Back to the case"),
        "void_url": void,
        "void_form": VoidForm(),
    }
    return render(request, "corrections/edit.html", context)


def _voided(request: AuthenticatedHttpRequest, form: VoidForm) -> str | None:
    if form.is_valid():
        return str(form.cleaned_data["reason"])
    messages.error(request, _("Say why this record is voided."))
    return None


@requires(Capability.MANAGE_CASES)
def need_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_to_correct(user=request.user, pk=pk)
    fields = ("domain", "priority", "description")
    form = NeedForm(request.POST or None, initial={n: getattr(need, n) for n in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(user=request.user, need=need, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:case_detail", pk=need.case_id)
    audit_view(obj=need, fields=["description"], parent=need.case)
    void = reverse("cases:need_void", args=[pk])
    return _page(request, form, title=_("Correct a need"), case_pk=need.case_id, void=void)


@require_POST
@requires(Capability.MANAGE_CASES)
def need_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_to_correct(user=request.user, pk=pk)
    reason = _voided(request, VoidForm(request.POST))
    if reason is None:
        return redirect("cases:need_edit", pk=pk)
    services.need_void(user=request.user, need=need, reason=reason)
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect("cases:case_detail", pk=need.case_id)


@requires(Capability.MANAGE_CASES)
def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_to_correct(user=request.user, pk=pk)
    case = action.plan.case
    fields = ("description", "responsible_organisation", "due_on")
    form = ActionForm(request.POST or None, initial={n: getattr(action, n) for n in fields})
    del form.fields["need"]
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_update(user=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:case_detail", pk=case.pk)
    audit_view(obj=action, fields=["description"], parent=case)
    void = reverse("cases:action_void", args=[pk])
    return _page(request, form, title=_("Correct an action"), case_pk=case.pk, void=void)


@require_POST
@requires(Capability.MANAGE_CASES)
def action_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_to_correct(user=request.user, pk=pk)
    reason = _voided(request, VoidForm(request.POST))
    if reason is None:
        return redirect("cases:action_edit", pk=pk)
    services.plan_action_void(user=request.user, action=action, reason=reason)
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect("cases:case_detail", pk=action.plan.case_id)


@require_POST
@requires(Capability.SCREEN_PERSONS)
def screening_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening = selectors.screening_get_for_user(user=request.user, pk=pk)
    reason = _voided(request, VoidForm(request.POST))
    if reason is None:
        return redirect("cases:screening_detail", pk=pk)
    services.screening_void(user=request.user, screening=screening, reason=reason)
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect("people:detail", pk=screening.person_id)
