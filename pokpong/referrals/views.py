"""Service directory, referrals (both sides), services delivered, reintegration, report."""

import datetime as dt
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_answer_referral,
    can_manage_case,
    can_print_referral_letter,
    can_record_service_for,
    can_schedule_follow_up_for,
    can_view_dashboard,
    has_capability,
    requires,
    requires_any,
)
from pokpong.cases.selectors import (
    case_get_for_user,
    case_referrals_for_user,
    follow_up_assignees,
)
from pokpong.cases.services import active_consent
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.confirm import confirmation_page
from pokpong.core.forms import ModelChoiceField, VoidForm, typed_field
from pokpong.core.pagination import keyset_page
from pokpong.referrals import selectors, services
from pokpong.referrals.forms import (
    CasePickForm,
    DeclineForm,
    DirectoryFilterForm,
    FollowUpAddForm,
    FollowUpAssignForm,
    FollowUpForm,
    ReceiverFilterForm,
    ReferralForm,
    ReferralPrefillForm,
    ReportForm,
    ReturnPlanForm,
    ServiceDeliveryForm,
    ServiceOfferForm,
)
from pokpong.referrals.models import ServiceOffer

referral_work = requires_any(Capability.VIEW_CASES, Capability.VIEW_REFERRALS)
manage_cases = requires(Capability.MANAGE_CASES)


def _run(step: Callable[..., Any], request: AuthenticatedHttpRequest, **kwargs: Any) -> bool:
    """Run a service; refusals become messages, missing rights the same 404 as elsewhere."""
    try:
        step(user=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("Saved."))
    return True


@referral_work
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    offers = selectors.service_offers(
        province=data.get("province"), service_type=data.get("service_type")
    )
    can_refer = has_capability(request.user, Capability.MANAGE_CASES)
    context = {"form": form, "offers": offers, "can_refer": can_refer}
    return render(request, "referrals/directory.html", context)


@requires(Capability.VIEW_REFERRALS)
def offer_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Staff keep their own organisation's entries of the directory up to date."""
    if pk is None:
        offer = ServiceOffer(organisation=request.user.organisation)
    else:
        offer = get_object_or_404(ServiceOffer, pk=pk, organisation=request.user.organisation)
    if request.user.organisation is None:
        raise Http404
    form = ServiceOfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        done = _run(
            services.service_offer_save,
            request,
            offer=form.save(commit=False),
            provinces=list(form.cleaned_data["provinces"]),
        )
        if done:
            return redirect("referrals:directory")
    return render(request, "referrals/offer_form.html", {"form": form, "offer": offer})


@manage_cases
def offer_refer(request: AuthenticatedHttpRequest) -> HttpResponse:
    """From an entry of the directory (?offer=): choose the case to refer to this service."""
    if "offer" not in request.GET:  # choose an entry first
        return redirect("referrals:directory")
    form = CasePickForm(request.GET)
    if not form.is_valid():
        raise Http404
    offer = selectors.service_offer_get(pk=form.cleaned_data["offer"].pk)
    number = form.cleaned_data["number"]
    cases = selectors.cases_to_refer(user=request.user, number=number)
    shown = keyset_page(request, cases, per_page=20)
    audit_views(objs=[case.person for case in shown], fields=["names"])
    context = {"offer": offer, "form": form, "page": shown}
    return render(request, "referrals/offer_refer.html", context)


@manage_cases
def referral_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=case_pk)
    if not can_manage_case(request.user, case):  # a receiver does not refer the case onwards
        raise Http404
    filters = ReceiverFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    to = ReferralPrefillForm(request.GET).organisation()  # from an entry of the directory
    initial = {"service_type": chosen.get("service"), "to_organisation": to}
    form = ReferralForm(request.POST or None, initial=initial)
    receivers = selectors.referral_receivers(
        province=case.province,
        service_type=chosen.get("service"),
        everywhere=request.method == "POST" or chosen.get("everywhere", False) or to is not None,
    )
    typed_field(form, "to_organisation", ModelChoiceField).queryset = receivers
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Referral sent."))
            return redirect("referrals:referral_detail", pk=referral.pk)
    consent = active_consent(case.person)
    context = {
        "form": form,
        "filters": filters,
        "case": case,
        "consented": list(consent.share_with.all()) if consent else [],
        "none_offer": not receivers.exists(),
    }
    return render(request, "referrals/referral_form.html", context)


@referral_work
def referral_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    is_receiver = can_answer_referral(request.user, referral)
    audit_view(obj=referral, fields=["message", "case", "person"], parent=referral.case.person)
    context = {
        "referral": referral,
        "is_receiver": is_receiver,
        "can_print_letter": can_print_referral_letter(request.user, referral),
        "decline_form": DeclineForm(),
        "now": timezone.now(),
    }
    return render(request, "referrals/referral_detail.html", context)


def _referral_step(
    step: Callable[..., Any], request: AuthenticatedHttpRequest, pk: int, **kwargs: Any
) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    _run(step, request, referral=referral, **kwargs)
    return redirect("referrals:referral_detail", pk=referral.pk)


def _confirm(
    request: AuthenticatedHttpRequest, pk: int, question: str, label: str
) -> HttpResponse | None:
    """The no-JS confirmation page of an answer (after the same 404 as the answer itself)."""
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    back = reverse("referrals:referral_detail", args=[referral.pk])
    return confirmation_page(request, question=question, confirm_label=label, back_url=back)


@referral_work
@require_POST
def referral_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if asked := _confirm(request, pk, _("Accept this referral?"), _("Accept")):
        return asked
    return _referral_step(services.referral_accept, request, pk)


@referral_work
@require_POST
def referral_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if asked := _confirm(request, pk, _("Decline this referral?"), _("Decline")):
        return asked
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _referral_step(services.referral_decline, request, pk, reason=reason)


@referral_work
@require_POST
def referral_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _referral_step(services.referral_complete, request, pk)


@manage_cases
@require_POST
def referral_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _referral_step(services.referral_cancel, request, pk)


@referral_work
def service_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=case_pk)
    if not can_record_service_for(request.user, case):
        raise Http404
    form = ServiceDeliveryForm(
        request.POST or None,
        referrals=case_referrals_for_user(user=request.user, case=case),
        own_only=not can_manage_case(request.user, case),
        initial={"provider": request.user.organisation},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            services.service_delivery_record,
            request,
            case=case,
            details=services.ServiceDeliveryDetails(**form.cleaned_data),
        )
    ):
        return redirect("cases:case_detail", pk=case.pk)
    audit_view(obj=case, fields=["case", "person"], parent=case.person)
    return render(request, "referrals/service_form.html", {"form": form, "case": case})


SERVICE_FIELDS = tuple(f.name for f in dataclass_fields(services.ServiceDeliveryDetails))


@referral_work
def service_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct a service given: the same form as recording it, with voiding below."""
    delivery = selectors.service_delivery_to_correct(user=request.user, pk=pk)
    case = delivery.case
    form = ServiceDeliveryForm(
        request.POST or None,
        referrals=case_referrals_for_user(user=request.user, case=case),
        own_only=not can_manage_case(request.user, case),
        initial={name: getattr(delivery, name) for name in SERVICE_FIELDS},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            services.service_delivery_update,
            request,
            delivery=delivery,
            details=services.ServiceDeliveryDetails(**form.cleaned_data),
        )
    ):
        return redirect(reverse("cases:case_detail", args=[case.pk]) + "#services")
    audit_view(obj=delivery, fields=["service", "notes"], parent=case)
    context = {
        "form": form,
        "title": _("Correct a service given"),
        "back_url": reverse("cases:case_detail", args=[case.pk]) + "#services",
        "back_label": _("Back to the case"),
        "void_url": reverse("referrals:service_void", args=[pk]),
        "void_form": VoidForm(),
    }
    return render(request, "corrections/edit.html", context)


@referral_work
def service_void(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Void a service recorded by mistake: the page names it, the form asks why."""
    delivery = selectors.service_delivery_to_correct(user=request.user, pk=pk)
    form = VoidForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            services.service_delivery_void,
            request,
            delivery=delivery,
            reason=form.cleaned_data["reason"],
        )
    ):
        return redirect("cases:case_detail", pk=delivery.case_id)
    audit_view(obj=delivery, fields=["service"], parent=delivery.case)
    context = {"delivery": delivery, "void_form": form}
    return render(request, "referrals/service_void.html", context)


@manage_cases
def return_plan(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=case_pk)
    if not can_manage_case(request.user, case):  # the return place is never a receiver's
        raise Http404
    current = getattr(case, "return_plan", None)
    initial = (
        {
            name: getattr(current, name)
            for name in ("return_type", "returned_on", "province", "district", "village", "notes")
        }
        if current
        else {"province": case.person.origin_province}
    )
    form = ReturnPlanForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(services.return_plan_save, request, case=case, **form.cleaned_data)
    ):
        return redirect("cases:case_detail", pk=case.pk)
    audit_view(obj=current or case, fields=["return plan", "person"], parent=case.person)
    return render(request, "referrals/return_plan_form.html", {"form": form, "case": case})


@referral_work
def follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a visit: the office any visit, a partner the visits assigned to it."""
    visit = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    form = FollowUpForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            services.follow_up_record,
            request,
            visit=visit,
            details=services.VisitDetails(**form.cleaned_data),
        )
    ):
        return redirect("cases:case_detail", pk=visit.case_id)
    audit_view(obj=visit, fields=["follow-up", "person"], parent=visit.case.person)
    context = {"form": form, "visit": visit, "assign_form": _assign_form(request, visit)}
    return render(request, "referrals/follow_up_form.html", context)


def _assign_form(request: AuthenticatedHttpRequest, visit: Any) -> FollowUpAssignForm | None:
    """The office (only) may give a visit not yet made to a partner."""
    if visit.done_on or not can_schedule_follow_up_for(request.user, visit.case):
        return None
    return FollowUpAssignForm(
        assignees=follow_up_assignees(case=visit.case),
        initial={"assigned_organisation": visit.assigned_organisation_id},
    )


@manage_cases
@require_POST
def follow_up_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    if not can_schedule_follow_up_for(request.user, visit.case):
        raise Http404
    form = FollowUpAssignForm(request.POST, assignees=follow_up_assignees(case=visit.case))
    if form.is_valid():
        _run(services.follow_up_assign, request, visit=visit, **form.cleaned_data)
    else:
        messages.error(request, _("This organisation holds no accepted referral of the case."))
    return redirect("referrals:follow_up", pk=visit.pk)


@requires_any(Capability.VIEW_REPORTS, Capability.APPROVE_DECISIONS, Capability.MANAGE_CASES)
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The office's report (the cases it holds). Reporting roles read the same figures over
    their reporting scope, protected, on the monitoring dashboard's page (by URL name only)."""
    if can_view_dashboard(request.user):
        return redirect("monitoring:referrals")
    form = ReportForm(request.GET or None)
    since = (form.cleaned_data.get("since") if form.is_valid() else None) or (
        timezone.localdate() - dt.timedelta(days=90)
    )
    return render(
        request,
        "referrals/report.html",
        {"form": form, "report": selectors.referral_report(user=request.user, since=since)},
    )


@manage_cases
@require_POST
def follow_up_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    """Add a visit to the schedule (the default one is 1, 3, 6 and 12 months)."""
    case = case_get_for_user(user=request.user, pk=case_pk)
    if not can_schedule_follow_up_for(request.user, case):
        raise Http404
    form = FollowUpAddForm(request.POST, assignees=follow_up_assignees(case=case))
    if form.is_valid():
        _run(services.follow_up_schedule, request, case=case, **form.cleaned_data)
    else:
        messages.error(request, _("Give the date of the visit and who makes it."))
    return redirect("cases:case_detail", pk=case.pk)
