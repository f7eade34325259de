"""Work plan, budget and coordination pages: access → form → service → redirect/render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    ACTION_OWNER_CAPABILITIES,
    Capability,
    can_follow_up_action,
    can_manage_budget,
    can_manage_programme_in,
    requires,
    requires_any,
)
from pokpong.programme import selectors, services
from pokpong.programme.forms import (
    ActionFollowUpForm,
    ActionForm,
    ActivityFilterForm,
    ActivityForm,
    BudgetLineForm,
    BudgetPickForm,
    BudgetYearForm,
    CommitteeForm,
    MeetingForm,
)
from pokpong.programme.models import ActionStatus, quarter_start


def _refused(form: BaseForm, field: str | None) -> None:
    form.add_error(field, _("You can only record the programme's work within your own area."))


def _page(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Render a page of the programme (its tabs show the budget to those who keep it)."""
    context["can_budget"] = can_manage_budget(request.user)
    return render(request, template, context)


# --- the work plan -------------------------------------------------------------------------


@requires(Capability.MANAGE_PROGRAMME)
def activity_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    activities = list(selectors.activity_list_for_user(user=request.user, filters=filters))
    today = timezone.localdate()
    overdue = sum(1 for a in activities if a.is_overdue_on(today))
    context = {"form": form, "activities": activities, "today": today, "overdue": overdue}
    return _page(request, "programme/activity_list.html", context)


@requires(Capability.MANAGE_PROGRAMME)
def activity_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record(user=request.user, details=form.details())
        except PermissionDenied:
            _refused(form, "province")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:activity_list")
    return render(request, "programme/activity_form.html", {"form": form})


@requires(Capability.MANAGE_PROGRAMME)
def activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_for_user(user=request.user, pk=pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(user=request.user, activity=activity, details=form.details())
        except PermissionDenied:
            _refused(form, "province")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:activity_list")
    return render(request, "programme/activity_form.html", {"form": form, "activity": activity})


# --- budget and expenditure ----------------------------------------------------------------


@requires(Capability.MANAGE_BUDGET)
def budget(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_manage_budget(request.user):
        raise Http404
    form = BudgetYearForm(request.GET or None)
    table = selectors.budget_table(fiscal_year=form.fiscal_year())
    return _page(request, "programme/budget.html", {"form": form, "table": table})


@requires(Capability.MANAGE_BUDGET)
def budget_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_manage_budget(request.user):
        raise Http404
    pick = BudgetPickForm(request.GET or None)
    line = selectors.budget_line_find(**pick.picked()) if pick.is_valid() else None
    form = BudgetLineForm(request.POST or None, initial=pick.initial_for(line))
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_save(user=request.user, details=form.details())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            year = form.cleaned_data["fiscal_year"]
            return redirect(f"{reverse('programme:budget')}?year={year}")
    return render(request, "programme/budget_form.html", {"form": form})


# --- committees ----------------------------------------------------------------------------


@requires(Capability.MANAGE_PROGRAMME)
def committee_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    committees = selectors.committee_list_for_user(user=request.user)
    context = {"committees": committees, "quarter_start": quarter_start(timezone.localdate())}
    return _page(request, "programme/committee_list.html", context)


@requires(Capability.MANAGE_PROGRAMME)
def committee_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.committee_record(user=request.user, details=form.details())
        except PermissionDenied:
            _refused(form, "province")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:committee_detail", pk=committee.pk)
    return render(request, "programme/committee_form.html", {"form": form})


@requires(Capability.MANAGE_PROGRAMME)
def committee_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for_user(user=request.user, pk=pk)
    meetings = selectors.meetings_of(committee=committee)
    context = {"committee": committee, "meetings": meetings}
    return render(request, "programme/committee_detail.html", context)


@requires(Capability.MANAGE_PROGRAMME)
def committee_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for_user(user=request.user, pk=pk)
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_update(
                user=request.user, committee=committee, details=form.details()
            )
        except PermissionDenied:
            _refused(form, "province")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:committee_detail", pk=committee.pk)
    context = {"form": form, "committee": committee}
    return render(request, "programme/committee_form.html", context)


# --- meetings and their action items -------------------------------------------------------


@requires(Capability.MANAGE_PROGRAMME)
def meeting_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get_for_user(user=request.user, pk=pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(
                user=request.user,
                committee=committee,
                details=form.details(),
                attendance=form.attendance(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Meeting recorded. Now add its action items."))
            return redirect("programme:meeting_detail", pk=meeting.pk)
    context = {"form": form, "committee": committee}
    return render(request, "programme/meeting_form.html", context)


@requires_any(*ACTION_OWNER_CAPABILITIES)
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Whoever manages the committee, and the owner of one of its actions."""
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    manages = can_manage_programme_in(request.user, province_id=meeting.committee.province_id)
    actions = selectors.actions_of(meeting=meeting)
    context = {
        "meeting": meeting,
        "attendance": selectors.attendance_of(meeting=meeting),
        "actions": [(a, can_follow_up_action(request.user, a)) for a in actions],
        "manages": manages,
        "today": timezone.localdate(),
    }
    return render(request, "programme/meeting_detail.html", context)


@requires(Capability.MANAGE_PROGRAMME)
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.managed_meeting_get_for_user(user=request.user, pk=pk)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                user=request.user,
                meeting=meeting,
                details=form.details(),
                attendance=form.attendance(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:meeting_detail", pk=meeting.pk)
    context = {"form": form, "committee": meeting.committee, "meeting": meeting}
    return render(request, "programme/meeting_form.html", context)


@requires(Capability.MANAGE_PROGRAMME)
def action_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.managed_meeting_get_for_user(user=request.user, pk=pk)
    form = ActionForm(request.POST or None, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(user=request.user, meeting=meeting, details=form.details())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("programme:meeting_detail", pk=meeting.pk)
    return render(request, "programme/action_form.html", {"form": form, "meeting": meeting})


@requires_any(*ACTION_OWNER_CAPABILITIES)
def action_follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The action's owner, or whoever manages its committee, records what became of it."""
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    initial = {"status": action.status, "follow_up": action.follow_up, "done_on": action.done_on}
    if action.status == ActionStatus.OPEN:
        initial["done_on"] = timezone.localdate()
    form = ActionFollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_follow_up(
                user=request.user,
                action=action,
                status=data["status"],
                follow_up=data["follow_up"],
                done_on=data["done_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programme:meeting_detail", pk=action.meeting_id)
    return render(request, "programme/action_follow_up.html", {"form": form, "action": action})
