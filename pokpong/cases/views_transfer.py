"""Transfer of a case to another province's office: ask, then answer (accept or decline)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_answer_transfer,
    can_cancel_transfer,
    can_request_transfer,
    can_view_case,
    requires,
)
from pokpong.cases import selectors, services
from pokpong.cases.forms_transfer import TransferDeclineForm, TransferRequestForm
from pokpong.cases.models import TransferStatus
from pokpong.core.audit import audit_view
from pokpong.core.confirm import confirmation_page

manage_cases = requires(Capability.MANAGE_CASES)


@manage_cases
def case_transfer_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not can_request_transfer(request.user, case):
        raise Http404
    targets = services.transfer_targets(case=case)
    form = TransferRequestForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.case_transfer_request(
                user=request.user, case=case, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Transfer requested."))
            return redirect("cases:transfer_detail", pk=transfer.pk)
    audit_view(obj=case, fields=["summary"], parent=case.person)
    context = {"case": case, "form": form, "moving": services.cases_moving_with(case=case)}
    return render(request, "cases/transfer_form.html", context)


@manage_cases
def transfer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Both offices see the request; the person's name only while the user sees the case."""
    transfer = selectors.transfer_get_for_user(user=request.user, pk=pk)
    case = transfer.case
    is_receiver = can_answer_transfer(request.user, transfer)
    shows_person = can_view_case(request.user, case) or (
        is_receiver and transfer.status == "requested"
    )
    fields = ["reason", "summary"] if shows_person else ["reason"]
    audit_view(obj=transfer, fields=fields, parent=case.person)
    waiting = transfer.status == TransferStatus.REQUESTED
    context = {
        # what will move with it: the other open cases' numbers (never their contents)
        "moving": services.cases_moving_with(case=case) if waiting and shows_person else [],
        "can_cancel": waiting and can_cancel_transfer(request.user, transfer),
        "transfer": transfer,
        "case": case,
        "shows_person": shows_person,
        "sees_case": can_view_case(request.user, case),
        "is_receiver": is_receiver,
        "decline_form": TransferDeclineForm(),
    }
    return render(request, "cases/transfer_detail.html", context)


def _answer(request: AuthenticatedHttpRequest, pk: int, *, accept: bool) -> HttpResponse:
    transfer = selectors.transfer_get_for_user(user=request.user, pk=pk)
    form = TransferDeclineForm(request.POST)
    try:
        if accept:
            services.case_transfer_accept(user=request.user, transfer=transfer)
        else:
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.case_transfer_decline(user=request.user, transfer=transfer, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:transfer_detail", pk=transfer.pk)
    if accept:
        messages.success(request, _("The case is now held by your office."))
        return redirect("cases:case_detail", pk=transfer.case_id)
    messages.success(request, _("Transfer declined."))
    return redirect("cases:transfer_detail", pk=transfer.pk)


@manage_cases
@require_POST
def transfer_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@manage_cases
@require_POST
def transfer_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The office that asked withdraws its request while it waits."""
    transfer = selectors.transfer_get_for_user(user=request.user, pk=pk)
    if not can_cancel_transfer(request.user, transfer):
        raise Http404
    asking = confirmation_page(
        request,
        question=_("Cancel this transfer request? The case stays with your office."),
        confirm_label=_("Cancel the request"),
        back_url=reverse("cases:transfer_detail", args=[pk]),
    )
    if asking is not None:
        return asking
    try:
        services.case_transfer_cancel(user=request.user, transfer=transfer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:transfer_detail", pk=transfer.pk)
    messages.success(request, _("Transfer request cancelled: the case stays with your office."))
    return redirect("cases:transfer_detail", pk=transfer.pk)


@manage_cases
@require_POST
def transfer_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)
