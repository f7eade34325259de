"""Correcting training records: a session (edited or voided) and a course of the catalogue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, requires
from pokpong.core.forms import VoidForm
from pokpong.training import selectors, services
from pokpong.training.forms import CourseForm, SessionForm

trainers = requires(Capability.MANAGE_TRAINING)


def _page(request: AuthenticatedHttpRequest, form: object, **context: object) -> HttpResponse:
    context = {"form": form, "back_label": _("Back"), "void_form": VoidForm(), **context}
    return render(request, "corrections/edit.html", context)


@trainers
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_to_correct(user=request.user, pk=pk)
    initial = {name: getattr(session, name) for name in SessionForm.base_fields}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        details = services.SessionDetails(**form.cleaned_data)
        try:
            services.session_update(user=request.user, session=session, details=details)
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session_detail", pk=pk)
    return _page(
        request,
        form,
        title=_("Correct a session"),
        back_url=reverse("training:session_detail", args=[pk]),
        void_url=reverse("training:session_void", args=[pk]),
    )


@require_POST
@trainers
def session_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_to_correct(user=request.user, pk=pk)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this record is voided."))
        return redirect("training:session_edit", pk=pk)
    services.session_void(user=request.user, session=session, reason=form.cleaned_data["reason"])
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect("training:session_list")


@trainers
def course_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_to_correct(user=request.user, pk=pk)
    initial = {name: getattr(course, name) for name in CourseForm.base_fields}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        details = services.CourseDetails(**form.cleaned_data)
        try:
            services.course_update(user=request.user, course=course, details=details)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session_list")
    return _page(
        request,
        form,
        title=_("Correct a course"),
        back_url=reverse("training:session_list") + "#courses",
        void_url=reverse("training:course_void", args=[pk]),
    )


@require_POST
@trainers
def course_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_to_correct(user=request.user, pk=pk)
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this record is voided."))
        return redirect("training:course_edit", pk=pk)
    try:
        services.course_void(user=request.user, course=course, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("training:course_edit", pk=pk)
    messages.success(request, _("Voided: the record is kept but no longer counted."))
    return redirect(reverse("training:session_list") + "#courses")
