"""The case pages: caseload, opening, the case page with its plan, notes and files, workflow."""

from collections.abc import Callable
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
from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    CASE_SECTIONS,
    Capability,
    can_add_case_note,
    can_approve_for,
    can_correct_service,
    can_manage_case,
    can_open_case_for,
    can_record_service_for,
    case_access_remembered,
    case_sections_for,
    cases_visible_to,
    follow_ups_visible_to,
    requires,
    requires_any,
    roles_with,
)
from pokpong.cases import attachments, selectors, services
from pokpong.cases.forms_case import (
    ActionForm,
    ActionUpdateForm,
    AttachmentForm,
    CaseEditForm,
    CaseFilterForm,
    CaseForm,
    ClosureApproveForm,
    ClosureRequestForm,
    NeedForm,
    NoteForm,
    PlanGoalsForm,
    PlanReturnForm,
    ReopenForm,
)
from pokpong.cases.models import ActionStatus, Case, CasePlan, CaseStatus, PlanAction
from pokpong.cases.next_step import case_next_step
from pokpong.cases.workflow import allowed_transitions
from pokpong.core.audit import audit_view, audit_views
from pokpong.core.confirm import confirmation_page
from pokpong.core.forms import show_every_option
from pokpong.core.pagination import bounded_count, keyset_page
from pokpong.core.panels import panels_render_list
from pokpong.core.web_security import CSP_WITH_OWN_OBJECTS
from pokpong.people.selectors import person_get_for_user

view_cases = requires(Capability.VIEW_CASES)
manage_cases = requires(Capability.MANAGE_CASES)


@view_cases
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list_for_user(user=request.user, filters=filters)
    shown = keyset_page(request, cases, per_page=25)  # no count of the whole caseload
    audit_views(objs=[case.person for case in shown], fields=["names"])
    context = {
        "form": form,
        "page": shown,
        "found": bounded_count(cases),
    }
    template = "cases/case_list.html#results" if request.htmx else "cases/case_list.html"
    return render(request, template, context)


@manage_cases
def case_open(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=person_pk)
    if not can_open_case_for(request.user, person):
        raise Http404
    form = CaseForm(request.POST or None)
    show_every_option(request, form)
    if request.method == "POST" and form.is_valid():
        data, forms_of_trafficking = form.split()
        case = services.case_open(
            user=request.user,
            person=person,
            details=services.CaseDetails(**data),
            forms_of_trafficking=forms_of_trafficking,
        )
        messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
        return redirect("cases:case_detail", pk=case.pk)
    audit_view(obj=person, fields=["names"])
    return render(request, "cases/case_form.html", {"form": form, "person": person})


@requires_any(Capability.VIEW_CASES, Capability.VIEW_REFERRALS)
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    with case_access_remembered():  # the page only reads: its parts ask about the case once
        return _case_detail(request, pk)


def _case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    sections = case_sections_for(request.user, case)
    audit_view(obj=case, fields=sorted(sections), parent=case.person)
    context = {
        "case": case,
        "sections": sections,
        "referral_only": sections != CASE_SECTIONS,
        "referrals": selectors.case_referrals_for_user(user=request.user, case=case),
        "services": _services(request, case),
        "can_manage": can_manage_case(request.user, case),
        "can_approve": can_approve_for(request.user, case),
        "can_record_service": can_record_service_for(request.user, case),
        "notes": selectors.notes_visible_to(user=request.user, case=case),
        # the office: every visit; a receiver: the visits assigned to it (policy)
        "follow_ups": follow_ups_visible_to(
            request.user, case, case.follow_ups.all()
        ).select_related("assigned_organisation"),
        "today": timezone.localdate(),
        "statuses": CaseStatus.choices,
        "note_form": NoteForm(),
        # what apps above add to the page (the justice file: only with its "justice" section)
        "panels": panels_render_list("case", user=request.user, record=case, sections=sections),
    }
    if sections == CASE_SECTIONS:  # the office's view; a receiver's page never holds these
        context.update(_office_parts(request, case))
    context["counts"] = _counts(context)
    return render(request, "cases/case_detail.html", context)


def _counts(context: dict[str, Any]) -> dict[str, int]:
    """The menu's counts: records that count, voided ones (shown struck through) left out."""
    services = [d for d, _correctable in context["services"]]
    return {
        name: sum(1 for record in context.get(name, []) if not record.is_voided)
        for name in ("needs", "actions")
    } | {"services": sum(1 for d in services if not d.is_voided)}


def _services(request: AuthenticatedHttpRequest, case: Case) -> list[tuple[Any, bool]]:
    """Every service given, voided ones too (struck through), each with whether the user may
    correct it."""
    given = case.services(manager="all_objects").select_related(
        "case", "service_type", "provider", "referral"
    )
    return [(d, not d.is_voided and can_correct_service(request.user, d)) for d in given]


def _office_parts(request: AuthenticatedHttpRequest, case: Case) -> dict[str, Any]:
    """Return plan, follow-ups, needs, plan, documents, history and the office's forms."""
    plan = CasePlan.objects.filter(case=case).first()
    plan_is_mine = plan is not None and services.plan_is_by(plan=plan, user=request.user)
    closure_is_mine = case.closure_requested_by_id == request.user.pk
    waiting = (plan is not None and plan.status == "submitted" and not plan_is_mine) or (
        case.closure_pending and not closure_is_mine
    )
    return {
        # a manager with a decision to take sees it, not "waits for a manager"
        "deciding": waiting and can_approve_for(request.user, case),
        # Four eyes: the author or submitter of a plan, and who asked to close, do not approve.
        "plan_is_mine": plan_is_mine,
        "closure_is_mine": closure_is_mine,
        "return_plan": getattr(case, "return_plan", None),
        "follow_up_assignees": selectors.follow_up_assignees(case=case),
        "transitions": allowed_transitions(case),
        "next_step": case_next_step(case, plan),
        "return_form": PlanReturnForm(),
        "needs": case.needs(manager="all_objects").all(),
        "plan": plan,
        "actions": (
            plan.actions(manager="all_objects").select_related("responsible_organisation", "need")
            if plan
            else []
        ),
        "action_statuses": ActionStatus.choices,
        "attachments": case.attachments.all(),
        "timeline": selectors.case_timeline(case=case, limit=30),
        "need_form": NeedForm(),
        "action_form": ActionForm(case=case),
        "goals_form": PlanGoalsForm(initial={"goals": plan.goals if plan else ""}),
        "attachment_form": AttachmentForm(),
        "closure_form": ClosureRequestForm(),
        "approve_form": ClosureApproveForm(),
        "reopen_form": ReopenForm(),
    }


def _initial(case: Case) -> dict[str, Any]:
    initial = {**vars(services.CaseDetails.of(case)), "version": case.version}
    initial["forms_of_trafficking"] = list(case.forms_of_trafficking.all())
    initial["caseworker"] = case.caseworker_id
    initial["team"] = list(case.team.all())
    return initial


def _colleagues(case: Case) -> Any:
    """Who may hold the case: active staff of its office with case management rights."""
    return (
        User.objects.filter(
            organisation=case.organisation,
            is_active=True,
            role_assignments__role__in=roles_with(Capability.MANAGE_CASES),
        )
        .distinct()
        .order_by("username")
    )


@manage_cases
def case_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not can_manage_case(request.user, case):
        raise Http404
    form = CaseEditForm(request.POST or None, initial=_initial(case), colleagues=_colleagues(case))
    show_every_option(request, form)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data, forms_of_trafficking = form.split()
        try:
            services.case_update(
                user=request.user,
                case=case,
                details=services.CaseDetails(**data),
                expected_version=form.cleaned_data["version"],
                caseworker=form.cleaned_data["caseworker"],
                team=list(form.cleaned_data["team"]),
                forms_of_trafficking=forms_of_trafficking,
            )
        except services.ConcurrentEdit as exc:
            conflict = exc.latest
            form.add_error(
                None,
                _(
                    "Someone else saved this case while you were editing it. "
                    "Nothing was overwritten: check their change below, then "
                    "reload the case and enter yours again."
                ),
            )
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:case_detail", pk=case.pk)
    audit_view(obj=case, fields=["case", "person"], parent=case.person)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "person": case.person, "conflict": conflict},
    )


def _case_step(
    step: Callable[..., Any], request: AuthenticatedHttpRequest, case: Case, **kwargs: Any
) -> None:
    """Run one workflow step and turn its refusals into messages on the case page."""
    try:
        step(user=request.user, case=case, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))


def _post_case(
    request: AuthenticatedHttpRequest,
    pk: int,
    allowed: Callable[[Any, Case], bool] = can_manage_case,
) -> Case:
    """The case, if the policy lets the user make this change (else the same 404: a receiver
    of a referral reaches none of the office's steps, even with a form that would not validate)."""
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not allowed(request.user, case):
        raise Http404
    return case


def _confirm(
    request: AuthenticatedHttpRequest, case: Case, question: str, label: str
) -> HttpResponse | None:
    """The no-JS confirmation page of a decision, until the user confirmed it."""
    back = reverse("cases:case_detail", args=[case.pk])
    return confirmation_page(request, question=question, confirm_label=label, back_url=back)


@manage_cases
@require_POST
def case_transition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    _case_step(services.case_transition, request, case, target=request.POST.get("target", ""))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_closure_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    question = _("Ask a manager to close case %(number)s?") % {"number": case.number}
    if asked := _confirm(request, case, question, _("Ask to close")):
        return asked
    form = ClosureRequestForm(request.POST)
    if form.is_valid():
        _case_step(
            services.case_closure_request,
            request,
            case,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    else:
        messages.error(request, _("Choose a reason for the closure."))
    return redirect("cases:case_detail", pk=case.pk)


@requires(Capability.APPROVE_DECISIONS)
@require_POST
def case_closure_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk, can_approve_for)
    question = _("Close case %(number)s?") % {"number": case.number}
    if asked := _confirm(request, case, question, _("Approve the closure")):
        return asked
    form = ClosureApproveForm(request.POST)
    if form.is_valid():
        _case_step(
            services.case_closure_approve, request, case, closed_on=form.cleaned_data["closed_on"]
        )
    else:
        messages.error(request, _("Give the date of closure."))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _case_step(services.case_reopen, request, case, reason=reason)
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_need_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    form = NeedForm(request.POST)
    if form.is_valid():
        _case_step(services.case_need_add, request, case, **form.cleaned_data)
    else:
        messages.error(request, _("Describe the need."))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_plan_goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    form = PlanGoalsForm(request.POST)
    if form.is_valid():
        _case_step(services.case_plan_save, request, case, goals=form.cleaned_data["goals"])
    else:
        messages.error(request, _("Write the goals of the plan."))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_plan_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    _case_step(services.case_plan_submit, request, case)
    return redirect("cases:case_detail", pk=case.pk)


@requires(Capability.APPROVE_DECISIONS)
@require_POST
def case_plan_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk, can_approve_for)
    question = _("Approve the plan of case %(number)s?") % {"number": case.number}
    if asked := _confirm(request, case, question, _("Approve the plan")):
        return asked
    _case_step(services.case_plan_approve, request, case)
    return redirect("cases:case_detail", pk=case.pk)


@requires(Capability.APPROVE_DECISIONS)
@require_POST
def case_plan_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk, can_approve_for)
    form = PlanReturnForm(request.POST)
    if form.is_valid():
        _case_step(services.case_plan_return, request, case, comment=form.cleaned_data["comment"])
    else:
        messages.error(request, _("Say what should change in the plan."))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    form = ActionForm(request.POST, case=case)
    if form.is_valid():
        _case_step(services.case_action_add, request, case, **form.cleaned_data)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # ErrorList yields the messages
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_action_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        PlanAction.objects.select_related("plan__case"),
        pk=pk,
        plan__case__in=cases_visible_to(request.user, Case.objects.all()),
    )
    case = action.plan.case
    if not can_manage_case(request.user, case):
        raise Http404
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        services.case_action_update(user=request.user, action=action, **form.cleaned_data)
        messages.success(request, _("Saved."))
    return redirect("cases:case_detail", pk=case.pk)


@requires_any(Capability.VIEW_CASES, Capability.VIEW_REFERRALS)
@require_POST
def case_note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk, can_add_case_note)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.case_note_add(user=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("Write the note."))
    return redirect("cases:case_detail", pk=case.pk)


@manage_cases
@require_POST
def case_attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _post_case(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        _case_step(
            services.case_attachment_add,
            request,
            case,
            title=form.cleaned_data["title"],
            filename=upload.name,
            data=upload.read(),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # ErrorList yields the messages
    return redirect("cases:case_detail", pk=case.pk)


@view_cases
def attachment_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A preview page (images and PDFs shown inside the app) with a download link."""
    attachment = selectors.attachment_get_for_user(user=request.user, pk=pk)
    audit_view(obj=attachment, fields=["title", "filename"], parent=attachment.case)
    response = render(request, "cases/attachment.html", {"attachment": attachment})
    response["Content-Security-Policy"] = CSP_WITH_OWN_OBJECTS  # the PDF preview's <object>
    return response


@view_cases
def attachment_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The decrypted bytes, only after the permission check; every read is audited."""
    attachment = selectors.attachment_get_for_user(user=request.user, pk=pk)
    audit_view(obj=attachment, fields=["file"], parent=attachment.case)
    response = HttpResponse(
        attachments.read(attachment.storage_name), content_type=attachment.content_type
    )
    disposition = "inline" if request.GET.get("inline") else "attachment"
    safe_name = "".join(ch for ch in attachment.filename if ch.isalnum() or ch in "._- ")[:80]
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name or "file"}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
