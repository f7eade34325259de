"""Transfer of a case to another province's office: ask, then answer (accept or decline)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_answer_transfer,
    can_request_transfer,
    can_view_case,
    requires,
)
from pokpong.cases import selectors, services
from pokpong.cases.forms_transfer import TransferDeclineForm, TransferRequestForm
from pokpong.core.audit import audit_view

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
    return render(request, "cases/transfer_form.html", {"case": case, "form": form})


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
    context = {
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
def transfer_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)
