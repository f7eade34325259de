"""The justice file of a case and its forms. Every page is audited: it shows the case and, on the
file's page and the charge and verdict forms, the suspects' names."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_edit_justice_file, requires
from pokpong.cases.models import Case
from pokpong.core.audit import audit_view, audit_views
from pokpong.justice import selectors, services
from pokpong.justice.forms import (
    ChargeForm,
    FileForm,
    HearingForm,
    SuspectForm,
    VerdictForm,
    WitnessForm,
)
from pokpong.justice.models import JusticeFile, Suspect

justice_work = requires(Capability.JUSTICE_FILES)


def _audit(case: Case, file: JusticeFile | None, parts: list[str], *, names_suspects: bool) -> None:
    """The file (or the case, before it has one), under the person; and each suspect whose
    name the page shows (the file's page, and the charge and verdict forms' choices)."""
    audit_view(obj=file or case, fields=["justice", *parts], parent=case.person)
    if file is not None and names_suspects:
        audit_views(objs=list(file.suspects.all()), fields=["name"], parent=file)


@justice_work
def file_detail(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.justice_case_get_for_user(user=request.user, case_pk=case_pk)
    file = selectors.justice_file_of(case=case)
    _audit(
        case, file, ["suspects", "charges", "hearings", "verdicts", "witness"], names_suspects=True
    )
    context = {
        "case": case,
        "file": file,
        "support": selectors.witness_support_of(file=file),
        "can_edit": can_edit_justice_file(request.user, case),
        "now": timezone.now(),
    }
    return render(request, "justice/file_detail.html", context)


def _editable_case(request: AuthenticatedHttpRequest, case_pk: int) -> Case:
    case = selectors.justice_case_get_for_user(user=request.user, case_pk=case_pk)
    if not can_edit_justice_file(request.user, case):
        raise Http404
    return case


def _saved(
    request: AuthenticatedHttpRequest, form: forms.BaseForm, write: Callable[[], Any]
) -> bool:
    """Run the service; its refusals become the form's errors (in the user's language)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        write()
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("Saved."))
    return True


def _form_page(
    request: AuthenticatedHttpRequest, case: Case, form: forms.BaseForm, title: str, part: str
) -> HttpResponse:
    names_suspects = part in ("charges", "verdicts")  # the suspects are choices of the form
    _audit(case, selectors.justice_file_of(case=case), [part], names_suspects=names_suspects)
    context = {"case": case, "form": form, "title": title, "part": part}
    return render(request, "justice/form.html", context)


def _suspects(case: Case) -> Any:
    return Suspect.objects.filter(file__case=case)


@justice_work
def file_edit(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = FileForm(request.POST or None, instance=selectors.justice_file_of(case=case))
    if _saved(
        request,
        form,
        lambda: services.justice_file_save(
            user=request.user, case=case, details=services.FileDetails(**form.cleaned_data)
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Complaint, investigation and court"), "file")


@justice_work
def suspect_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = SuspectForm(request.POST or None)
    if _saved(
        request,
        form,
        lambda: services.suspect_add(
            user=request.user, case=case, details=services.SuspectDetails(**form.cleaned_data)
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Add a suspect"), "suspects")


@justice_work
def charge_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = ChargeForm(request.POST or None, suspects=_suspects(case))
    if _saved(
        request,
        form,
        lambda: services.charge_add(user=request.user, case=case, **form.cleaned_data),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Add a charge"), "charges")


@justice_work
def hearing_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = HearingForm(request.POST or None)
    if _saved(
        request,
        form,
        lambda: services.hearing_add(
            user=request.user,
            case=case,
            court=form.cleaned_data["court"],
            starts_at=form.starts_at(),
            kind=form.cleaned_data["kind"],
            outcome_note=form.cleaned_data["outcome_note"],
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Add a hearing"), "hearings")


@justice_work
def verdict_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = VerdictForm(request.POST or None, suspects=_suspects(case))
    if _saved(
        request,
        form,
        lambda: services.verdict_add(
            user=request.user, case=case, details=services.VerdictDetails(**form.cleaned_data)
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Record a verdict"), "verdicts")


@justice_work
def witness_edit(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    support = selectors.witness_support_of(file=selectors.justice_file_of(case=case))
    form = WitnessForm(request.POST or None, instance=support)
    if _saved(
        request,
        form,
        lambda: services.witness_support_save(
            user=request.user, case=case, details=services.WitnessDetails(**form.cleaned_data)
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Support as a witness"), "witness")


@justice_work
def suspect_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suspect = selectors.suspect_get_for_user(user=request.user, pk=pk)
    case = _editable_case(request, suspect.file.case_id)
    form = SuspectForm(request.POST or None, instance=Suspect.objects.get(pk=suspect.pk))
    if _saved(
        request,
        form,
        lambda: services.suspect_update(
            user=request.user, suspect=suspect, details=services.SuspectDetails(**form.cleaned_data)
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    audit_views(objs=[suspect], fields=["name", "identifying_details"], parent=suspect.file)
    return _form_page(request, case, form, _("Change the suspect"), "suspects")


@justice_work
def hearing_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    case = _editable_case(request, hearing.file.case_id)
    local = timezone.localtime(hearing.starts_at)
    initial = {
        "court": hearing.court,
        "day": local.date(),
        "time": local.time(),
        "kind": hearing.kind,
        "outcome_note": hearing.outcome_note,
    }
    form = HearingForm(request.POST or None, initial=initial)
    if _saved(
        request,
        form,
        lambda: services.hearing_update(
            user=request.user,
            hearing=hearing,
            court=form.cleaned_data["court"],
            starts_at=form.starts_at(),
            kind=form.cleaned_data["kind"],
            outcome_note=form.cleaned_data["outcome_note"],
        ),
    ):
        return redirect("justice:file_detail", case_pk=case.pk)
    return _form_page(request, case, form, _("Change the hearing"), "hearings")
