"""Awareness activities and the hotline call log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    call_referral_shows_person,
    can_accept_call_referral,
    can_answer_call_referral,
    requires,
    requires_any,
)
from pokpong.cases.services import CaseDetails
from pokpong.core.audit import audit_view
from pokpong.core.confirm import confirmation_page
from pokpong.core.pagination import keyset_page
from pokpong.prevention import selectors, services
from pokpong.prevention.forms import (
    ActivityFilterForm,
    ActivityForm,
    AssessmentForm,
    CallForm,
    CallReferForm,
    CallReferralAcceptForm,
)
from pokpong.prevention.models import CallReferralStatus
from pokpong.referrals.forms import DeclineForm


@requires(Capability.MANAGE_PREVENTION)
def activity_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    form.is_valid()  # a value that does not parse is left out, with a message
    filters = form.cleaned_data if form.is_bound else {}
    if form.errors:
        messages.warning(request, _("Some filters were not understood and are left out."))
    activities = selectors.activity_list_for_user(
        user=request.user, filters=filters, with_voided=True
    )
    context = {
        "form": form,
        "totals": selectors.activity_totals(activities),
        "page": keyset_page(request, activities, per_page=25),
    }
    return render(request, "prevention/activity_list.html", context)


@requires(Capability.MANAGE_PREVENTION)
def activity_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record(
                user=request.user, details=services.ActivityDetails(**form.cleaned_data)
            )
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:activity_list")
    return render(request, "prevention/activity_form.html", {"form": form})


@requires(Capability.LOG_HOTLINE_CALLS)
def call_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    calls = selectors.call_list_for_user(user=request.user, with_voided=True)
    context = {
        "totals": selectors.call_totals(calls),
        "page": keyset_page(request, calls, per_page=25),
    }
    return render(request, "prevention/call_list.html", context)


@requires(Capability.LOG_HOTLINE_CALLS)
def call_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_record(
                user=request.user, details=form.call_details(), person=form.person_details()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if call.person_id:
                messages.success(
                    request,
                    _("Call logged. Now refer the potential case to the province of origin."),
                )
                return redirect("prevention:call_refer", pk=call.pk)
            messages.success(request, _("Call logged."))
            return redirect("prevention:call_list")
    return render(request, "prevention/call_form.html", {"form": form})


@requires(Capability.LOG_HOTLINE_CALLS)
def call_refer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Refer the potential case of one of the office's calls to the province of origin."""
    calls = selectors.call_list_for_user(user=request.user).filter(person__isnull=False)
    call = get_object_or_404(calls, pk=pk)
    current = call.referrals.exclude(status=CallReferralStatus.DECLINED).first()
    if current is not None:  # waiting for the office's answer, or the office holds the person
        return redirect("prevention:call_referral", pk=current.pk)
    person = call.person
    if person is None:  # left out by the filter above
        raise Http404
    form = CallReferForm(
        request.POST or None,
        offices=services.receiving_offices(),
        origin=person.origin_province or call.province,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.call_refer(user=request.user, call=call, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Referred to %(office)s.") % {"office": referral.to_organisation},
            )
            return redirect("prevention:call_referral", pk=referral.pk)
    audit_view(obj=person, fields=["names"])
    context = {"form": form, "call": call, "person": person, "earlier": call.referrals.all()}
    return render(request, "prevention/call_refer.html", context)


@requires_any(Capability.LOG_HOTLINE_CALLS, Capability.VIEW_REFERRALS, Capability.MANAGE_CASES)
def call_referral(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A referred potential case: the receiving office reads the call and the person, then
    accepts (opening the case) or declines; the hotline follows the answer."""
    referral = selectors.call_referral_get_for_user(user=request.user, pk=pk)
    is_receiver = can_answer_call_referral(request.user, referral)
    waiting = referral.status == CallReferralStatus.REQUESTED
    can_accept = waiting and can_accept_call_referral(request.user, referral)
    form = CallReferralAcceptForm(request.POST or None) if can_accept else None
    if request.method == "POST":
        if form is None:
            raise Http404
        back = reverse("prevention:call_referral", args=[referral.pk])
        if form.is_valid() and (
            asked := confirmation_page(
                request,
                question=_("Accept this referral?"),
                confirm_label=_("Accept"),
                back_url=back,
            )
        ):
            return asked
        if form.is_valid():
            data, forms_of_trafficking = form.split()
            try:
                case = services.call_referral_accept(
                    user=request.user,
                    referral=referral,
                    details=CaseDetails(**data),
                    forms_of_trafficking=forms_of_trafficking,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
                return redirect("cases:case_detail", pk=case.pk)
    accepted = referral.status == CallReferralStatus.ACCEPTED
    show_person = call_referral_shows_person(
        request.user, referral, waiting=waiting, accepted=accepted
    )
    if show_person and referral.call.person is not None:  # a referred call has its person
        audit_view(obj=referral.call.person, fields=["person", "call summary"])
    context = {
        "referral": referral,
        "call": referral.call,
        "person": referral.call.person if show_person else None,
        "is_receiver": is_receiver,
        "form": form,
        "decline_form": DeclineForm() if is_receiver and waiting else None,
        "now": timezone.now(),
    }
    return render(request, "prevention/call_referral.html", context)


@require_POST
@requires_any(Capability.VIEW_REFERRALS, Capability.MANAGE_CASES)
def call_referral_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.call_referral_get_for_user(user=request.user, pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for declining."))
        return redirect("prevention:call_referral", pk=pk)
    if not can_answer_call_referral(request.user, referral):
        raise Http404  # asked only of who may answer (the hotline gets the same 404 as before)
    back = reverse("prevention:call_referral", args=[referral.pk])
    if asked := confirmation_page(
        request, question=_("Decline this referral?"), confirm_label=_("Decline"), back_url=back
    ):
        return asked
    try:
        services.call_referral_decline(
            user=request.user, referral=referral, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("prevention:call_referral", pk=pk)
    messages.success(request, _("Declined. The hotline has been told."))
    return redirect("desk:inbox")


@requires(Capability.MANAGE_PREVENTION)
def assessment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    assessments = selectors.assessment_list_for_user(user=request.user, with_voided=True)
    return render(
        request,
        "prevention/assessment_list.html",
        {"page": keyset_page(request, assessments, per_page=50)},
    )


@requires(Capability.MANAGE_PREVENTION)
def assessment_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(user=request.user, answers=form.answers(), **form.place())
        except PermissionDenied:
            form.add_error("province", _("You can only record activities within your own area."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("prevention:assessment_list")
    return render(request, "prevention/assessment_form.html", {"form": form})
