"""Writes of programme management and coordination: each checked, validated and audited."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    can_follow_up_action,
    can_manage_budget,
    can_manage_programme_in,
)
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.places.models import District, Province
from pokpong.programme.models import (
    ActionItem,
    ActionStatus,
    BudgetLine,
    Committee,
    CommitteeMeeting,
    MeetingAttendance,
    WorkPlanActivity,
)

ACTIVITY_FIELDS = (
    "title",
    "component",
    "province",
    "partner",
    "planned_start_on",
    "planned_end_on",
    "actual_start_on",
    "actual_end_on",
    "status",
    "notes",
)
BUDGET_FIELDS = ("component", "quarter_start_on", "budget_lak", "spent_lak", "lak_per_usd", "notes")
COMMITTEE_FIELDS = ("name", "level", "province", "district", "is_active")
MEETING_FIELDS = ("committee", "held_on", "place", "decisions")
ACTION_FIELDS = ("description", "owner", "due_on", "status", "follow_up", "done_on")


def _create(*, user: User, obj: models.Model, fields: tuple[str, ...]) -> None:
    obj.full_clean()
    obj.save()
    audit_record(
        actor=user, action=AuditAction.CREATE, obj=obj, changes=creation_changes(obj, fields)
    )


def _update(*, user: User, obj: models.Model, before: dict[str, object]) -> None:
    obj.full_clean()
    changes = diff(before, obj)
    if changes:
        obj.save()
        audit_record(actor=user, action=AuditAction.UPDATE, obj=obj, changes=changes)


# --- the work plan -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ActivityDetails:
    title: str
    component: str
    partner: Organisation
    planned_start_on: dt.date
    planned_end_on: dt.date
    province: Province | None = None
    actual_start_on: dt.date | None = None
    actual_end_on: dt.date | None = None
    status: str = "planned"
    notes: str = ""


def _check_place(user: User, province: Province | None) -> None:
    if not can_manage_programme_in(user, province_id=province.pk if province else None):
        raise PermissionDenied


@transaction.atomic
def activity_record(*, user: User, details: ActivityDetails) -> WorkPlanActivity:
    _check_place(user, details.province)
    activity = WorkPlanActivity(**vars(details))
    _create(user=user, obj=activity, fields=ACTIVITY_FIELDS)
    return activity


@transaction.atomic
def activity_update(
    *, user: User, activity: WorkPlanActivity, details: ActivityDetails
) -> WorkPlanActivity:
    current = WorkPlanActivity.objects.select_for_update().get(pk=activity.pk)
    _check_place(user, current.province)
    _check_place(user, details.province)
    before = snapshot(current, ACTIVITY_FIELDS)
    for name, value in vars(details).items():
        setattr(current, name, value)
    _update(user=user, obj=current, before=before)
    return current


# --- budget and expenditure ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BudgetDetails:
    component: str
    quarter_start_on: dt.date
    budget_lak: int
    spent_lak: int
    lak_per_usd: Decimal
    notes: str = ""


@transaction.atomic
def budget_line_save(*, user: User, details: BudgetDetails) -> BudgetLine:
    """Set the budget and expenditure of a component in a quarter (one line each)."""
    if not can_manage_budget(user):
        raise PermissionDenied
    line = (
        BudgetLine.objects.select_for_update()
        .filter(component=details.component, quarter_start_on=details.quarter_start_on)
        .first()
    )
    if line is None:
        line = BudgetLine(**vars(details))
        _create(user=user, obj=line, fields=BUDGET_FIELDS)
        return line
    before = snapshot(line, BUDGET_FIELDS)
    for name, value in vars(details).items():
        setattr(line, name, value)
    _update(user=user, obj=line, before=before)
    return line


# --- committees and their meetings ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CommitteeDetails:
    name: str
    level: str
    province: Province | None = None
    district: District | None = None
    is_active: bool = True


@transaction.atomic
def committee_record(*, user: User, details: CommitteeDetails) -> Committee:
    _check_place(user, details.province)
    committee = Committee(**vars(details))
    _create(user=user, obj=committee, fields=COMMITTEE_FIELDS)
    return committee


@transaction.atomic
def committee_update(*, user: User, committee: Committee, details: CommitteeDetails) -> Committee:
    current = Committee.objects.select_for_update().get(pk=committee.pk)
    _check_place(user, current.province)
    _check_place(user, details.province)
    before = snapshot(current, COMMITTEE_FIELDS)
    for name, value in vars(details).items():
        setattr(current, name, value)
    _update(user=user, obj=current, before=before)
    return current


@dataclass(frozen=True, kw_only=True)
class MeetingDetails:
    held_on: dt.date
    place: str = ""
    decisions: str = ""


@dataclass(frozen=True, kw_only=True)
class Attendance:
    """How many women and men of one organisation attended."""

    organisation: Organisation
    women: int = 0
    men: int = 0


def _attendance_set(*, user: User, meeting: CommitteeMeeting, attendance: list[Attendance]) -> None:
    """Replace the meeting's attendance (one line an organisation, at least one person)."""
    organisations = [a.organisation.pk for a in attendance]
    if len(set(organisations)) != len(organisations):
        raise ValidationError(_("Each organisation once: add its women and men together."))
    before = {str(a.organisation_id): [a.women, a.men] for a in meeting.attendance.all()}
    meeting.attendance.all().delete()
    for line in attendance:
        if line.women < 0 or line.men < 0:
            raise ValidationError(_("A number of people cannot be negative."))
        row = MeetingAttendance(meeting=meeting, **vars(line))
        row.full_clean(exclude=["meeting"])
        row.save()
    after = {str(a.organisation.pk): [a.women, a.men] for a in attendance}
    if before != after:
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=meeting,
            changes={"attendance": [before, after]},
        )


@transaction.atomic
def meeting_record(
    *,
    user: User,
    committee: Committee,
    details: MeetingDetails,
    attendance: list[Attendance],
) -> CommitteeMeeting:
    _check_place(user, committee.province)
    meeting = CommitteeMeeting(committee=committee, recorded_by=user, **vars(details))
    _create(user=user, obj=meeting, fields=MEETING_FIELDS)
    _attendance_set(user=user, meeting=meeting, attendance=attendance)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    user: User,
    meeting: CommitteeMeeting,
    details: MeetingDetails,
    attendance: list[Attendance],
) -> CommitteeMeeting:
    current = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    _check_place(user, current.committee.province)
    before = snapshot(current, MEETING_FIELDS)
    for name, value in vars(details).items():
        setattr(current, name, value)
    _update(user=user, obj=current, before=before)
    _attendance_set(user=user, meeting=current, attendance=attendance)
    return current


# --- action items --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ActionDetails:
    description: str
    owner: User
    due_on: dt.date


@transaction.atomic
def action_add(*, user: User, meeting: CommitteeMeeting, details: ActionDetails) -> ActionItem:
    _check_place(user, meeting.committee.province)
    if details.due_on < meeting.held_on:
        raise ValidationError({"due_on": _("The due date cannot be before the meeting.")})
    action = ActionItem(meeting=meeting, **vars(details))
    _create(user=user, obj=action, fields=ACTION_FIELDS)
    return action


@transaction.atomic
def action_follow_up(
    *,
    user: User,
    action: ActionItem,
    status: str,
    follow_up: str,
    done_on: dt.date | None,
) -> ActionItem:
    """Record what became of an action: still open, done (on a date) or dropped."""
    current = ActionItem.objects.select_for_update().select_related("meeting__committee")
    item = current.get(pk=action.pk)
    if not can_follow_up_action(user, item):
        raise PermissionDenied
    if status == ActionStatus.DONE and done_on is not None and done_on < item.meeting.held_on:
        raise ValidationError({"done_on": _("The action cannot be done before the meeting.")})
    before = snapshot(item, ACTION_FIELDS)
    item.status, item.follow_up = status, follow_up
    item.done_on = done_on if status == ActionStatus.DONE else None
    _update(user=user, obj=item, before=before)
    return item
