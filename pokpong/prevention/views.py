"""Awareness activities and the hotline call log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.core.policy import Capability, requires
from pokpong.prevention import selectors, services
from pokpong.prevention.forms import ActivityFilterForm, ActivityForm, AssessmentForm, CallForm


@requires(Capability.MANAGE_PREVENTION)
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    activities = selectors.activity_list_for_user(user=request.user, filters=filters)
    context = {
        "form": form,
        "totals": selectors.activity_totals(activities),
        "page": Paginator(activities, 25).get_page(request.GET.get("page")),
    }
    return render(request, "prevention/activity_list.html", context)


@requires(Capability.MANAGE_PREVENTION)
def activity_new(request: HttpRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record(user=request.user, data=form.cleaned_data)
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:activity_list")
    return render(request, "prevention/activity_form.html", {"form": form})


@requires(Capability.LOG_HOTLINE_CALLS)
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.call_list_for_user(user=request.user)
    context = {
        "totals": selectors.call_totals(calls),
        "page": Paginator(calls, 25).get_page(request.GET.get("page")),
    }
    return render(request, "prevention/call_list.html", context)


@requires(Capability.LOG_HOTLINE_CALLS)
def call_new(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_record(
                user=request.user, data=form.call_data(), person=form.person_data()
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Call logged."))
            if call.person_id:
                return redirect("people:detail", pk=call.person_id)
            return redirect("prevention:call_list")
    return render(request, "prevention/call_form.html", {"form": form})


@requires(Capability.MANAGE_PREVENTION)
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = selectors.assessment_list_for_user(user=request.user)
    return render(
        request,
        "prevention/assessment_list.html",
        {"page": Paginator(assessments, 50).get_page(request.GET.get("page"))},
    )


@requires(Capability.MANAGE_PREVENTION)
def assessment_new(request: HttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(user=request.user, data=form.place(), answers=form.answers())
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:assessment_list")
    return render(request, "prevention/assessment_form.html", {"form": form})
