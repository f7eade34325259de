"""Correcting prevention records: edit pages, voiding, and a hotline call's own page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_correct_call, requires
from pokpong.core.audit import audit_view
from pokpong.core.forms import VoidForm
from pokpong.prevention import selectors, services
from pokpong.prevention.forms import ActivityForm, AssessmentForm, CallEditForm
from pokpong.prevention.risk import QUESTIONS


def _edit_page(
    request: AuthenticatedHttpRequest, form: Any, *, title: str, back: str, void: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back_url": back,
        "back_label": _("Back"),
        "void_url": void,
        "void_form": VoidForm(),
    }
    return render(request, "corrections/edit.html", context)


def _void(
    request: AuthenticatedHttpRequest, void: Callable[[str], None], *, back: str
) -> HttpResponse:
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this record is voided."))
        return redirect(back)
    try:
        void(form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect(back)


@requires(Capability.MANAGE_PREVENTION)
def activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_to_correct(user=request.user, pk=pk)
    initial = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        details = services.ActivityDetails(**form.cleaned_data)
        try:
            services.activity_update(user=request.user, activity=activity, details=details)
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:activity_list")
    back = reverse("prevention:activity_list")
    void = reverse("prevention:activity_void", args=[pk])
    return _edit_page(request, form, title=_("Correct an activity"), back=back, void=void)


@require_POST
@requires(Capability.MANAGE_PREVENTION)
def activity_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_to_correct(user=request.user, pk=pk)
    return _void(
        request,
        lambda reason: services.activity_void(user=request.user, activity=activity, reason=reason),
        back=reverse("prevention:activity_list"),
    )


@requires(Capability.MANAGE_PREVENTION)
def assessment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_to_correct(user=request.user, pk=pk)
    initial: dict[str, Any] = {
        name: getattr(assessment, name)
        for name in ("province", "district", "village", "assessed_on")
    }
    initial.update({f"q_{code}": assessment.answers.get(code) for code, _label in QUESTIONS})
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                user=request.user, assessment=assessment, answers=form.answers(), **form.place()
            )
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:assessment_list")
    back = reverse("prevention:assessment_list")
    void = reverse("prevention:assessment_void", args=[pk])
    return _edit_page(request, form, title=_("Correct an assessment"), back=back, void=void)


@require_POST
@requires(Capability.MANAGE_PREVENTION)
def assessment_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_to_correct(user=request.user, pk=pk)
    return _void(
        request,
        lambda reason: services.assessment_void(
            user=request.user, assessment=assessment, reason=reason
        ),
        back=reverse("prevention:assessment_list"),
    )


@requires(Capability.LOG_HOTLINE_CALLS)
def call_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_get_for_user(user=request.user, pk=pk)
    audit_view(obj=call, fields=["summary", *(["person"] if call.person_id else [])])
    context = {
        "call": call,
        "referrals": call.referrals.all(),
        "can_correct": can_correct_call(request.user, call) and not call.is_voided,
    }
    return render(request, "prevention/call_detail.html", context)


@requires(Capability.LOG_HOTLINE_CALLS)
def call_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_to_correct(user=request.user, pk=pk)
    form = CallEditForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(user=request.user, call=call, details=form.call_details())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:call_detail", pk=pk)
    audit_view(obj=call, fields=["summary"])
    back = reverse("prevention:call_detail", args=[pk])
    void = reverse("prevention:call_void", args=[pk])
    return _edit_page(request, form, title=_("Correct a call"), back=back, void=void)


@require_POST
@requires(Capability.LOG_HOTLINE_CALLS)
def call_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_to_correct(user=request.user, pk=pk)
    return _void(
        request,
        lambda reason: services.call_void(user=request.user, call=call, reason=reason),
        back=reverse("prevention:call_detail", args=[pk]),
    )
