"""Reads of programme management and coordination."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    can_follow_up_action,
    can_manage_programme_in,
    programme_records_visible_to,
)
from pokpong.programme.models import (
    ActionItem,
    ActionStatus,
    BudgetLine,
    Committee,
    CommitteeMeeting,
    Component,
    MeetingAttendance,
    WorkPlanActivity,
    fiscal_quarter_starts,
)


def committees_with_meetings(start: dt.date, end: dt.date) -> QuerySet[Committee]:
    """Active committees that met at least once from `start` to `end` (both days included).

    For the M&E engine's "active local committees" indicator: a count over committees, not
    personal data, so it is not scoped to a user (the engine scopes its own output)."""
    met = CommitteeMeeting.objects.filter(
        committee=OuterRef("pk"), held_on__gte=start, held_on__lte=end
    )
    return Committee.objects.filter(Exists(met), is_active=True).select_related(
        "province", "district"
    )


# --- scoped reads for the pages ------------------------------------------------------------


def activity_list_for_user(*, user: User, filters: dict[str, Any]) -> QuerySet[WorkPlanActivity]:
    activities = programme_records_visible_to(user, WorkPlanActivity.objects.all())
    if filters.get("component"):
        activities = activities.filter(component=filters["component"])
    if filters.get("province"):
        activities = activities.filter(province=filters["province"])
    if filters.get("status"):
        activities = activities.filter(status=filters["status"])
    return activities.select_related("province", "partner")


def activity_get_for_user(*, user: User, pk: int) -> WorkPlanActivity:
    return get_object_or_404(activity_list_for_user(user=user, filters={}), pk=pk)


@dataclass(frozen=True)
class BudgetCell:
    budget_lak: int
    spent_lak: int
    budget_usd: Decimal | None
    spent_usd: Decimal | None

    @property
    def percent_spent(self) -> int | None:
        if not self.budget_lak:
            return None
        return round(self.spent_lak * 100 / self.budget_lak)


def _cell(lines: list[BudgetLine]) -> BudgetCell:
    """Totals of some lines; in USD at each line's own rate (None when no line has one)."""
    budget = sum(line.budget_lak for line in lines)
    spent = sum(line.spent_lak for line in lines)
    if not lines:
        return BudgetCell(budget, spent, None, None)
    return BudgetCell(
        budget,
        spent,
        sum((line.budget_usd for line in lines), Decimal(0)),
        sum((line.spent_usd for line in lines), Decimal(0)),
    )


@dataclass(frozen=True)
class BudgetRow:
    component: Component
    cells: list[tuple[BudgetCell, BudgetLine | None]]
    total: BudgetCell


@dataclass(frozen=True)
class BudgetTable:
    fiscal_year: int
    quarters: list[dt.date]
    rows: list[BudgetRow]
    quarter_totals: list[BudgetCell]
    total: BudgetCell


def budget_table(*, fiscal_year: int) -> BudgetTable:
    """Budget and expenditure of a fiscal year by component × quarter, with totals (a few
    dozen lines: summed here, after one query)."""
    quarters = fiscal_quarter_starts(fiscal_year)
    lines = {
        (line.component, line.quarter_start_on): line
        for line in BudgetLine.objects.filter(quarter_start_on__in=quarters)
    }
    rows = []
    for component in Component:
        found = [lines.get((component.value, q)) for q in quarters]
        rows.append(
            BudgetRow(
                component=component,
                cells=[(_cell([line] if line else []), line) for line in found],
                total=_cell([line for line in found if line]),
            )
        )
    quarter_totals = [
        _cell([line for (_c, q), line in lines.items() if q == quarter]) for quarter in quarters
    ]
    return BudgetTable(fiscal_year, quarters, rows, quarter_totals, _cell(list(lines.values())))


def budget_line_find(*, component: str, quarter_start_on: dt.date) -> BudgetLine | None:
    return BudgetLine.objects.filter(component=component, quarter_start_on=quarter_start_on).first()


def committee_list_for_user(*, user: User) -> QuerySet[Committee]:
    last_met = Max("meetings__held_on")
    return (
        programme_records_visible_to(user, Committee.objects.all())
        .select_related("province", "district")
        .annotate(last_met_on=last_met, meeting_count=Count("meetings"))
    )


def committee_get_for_user(*, user: User, pk: int) -> Committee:
    return get_object_or_404(committee_list_for_user(user=user), pk=pk)


def meeting_get_for_user(*, user: User, pk: int) -> CommitteeMeeting:
    """A meeting of a committee the user manages, or one that gave the user an action."""
    committees = programme_records_visible_to(user, Committee.objects.all())
    visible = Q(committee__in=committees.values("pk"))
    if user.is_authenticated:
        visible |= Q(pk__in=ActionItem.objects.filter(owner=user).values("meeting_id"))
    meetings = CommitteeMeeting.objects.filter(visible).select_related(
        "committee__province", "committee__district", "recorded_by"
    )
    return get_object_or_404(meetings, pk=pk)


def managed_meeting_get_for_user(*, user: User, pk: int) -> CommitteeMeeting:
    """A meeting the user may change (its committee is the user's to manage); else 404."""
    meeting = meeting_get_for_user(user=user, pk=pk)
    if not can_manage_programme_in(user, province_id=meeting.committee.province_id):
        raise Http404
    return meeting


def meetings_of(*, committee: Committee) -> QuerySet[CommitteeMeeting]:
    """A committee's meetings, newest first, with how many attended and open actions."""
    return committee.meetings.annotate(
        women=Coalesce(Sum("attendance__women"), 0),
        men=Coalesce(Sum("attendance__men"), 0),
    ).annotate(
        open_actions=Subquery(
            ActionItem.objects.filter(meeting=OuterRef("pk"), status=ActionStatus.OPEN)
            .values("meeting")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
    )


def attendance_of(*, meeting: CommitteeMeeting) -> QuerySet[MeetingAttendance]:
    return meeting.attendance.select_related("organisation")


def actions_of(*, meeting: CommitteeMeeting) -> QuerySet[ActionItem]:
    return meeting.actions.select_related("owner__organisation", "meeting__committee")


def action_get_for_user(*, user: User, pk: int) -> ActionItem:
    """An action the user may follow up (owner, or manager of its committee); else 404."""
    items = ActionItem.objects.select_related("meeting__committee", "owner")
    action = get_object_or_404(items, pk=pk)
    if not can_follow_up_action(user, action):
        raise Http404
    return action


# Actions are listed in their owner's inbox this many days before they fall due.
ACTION_DUE_SOON_DAYS = 7


def actions_due_for(*, user: User, limit: int) -> list[ActionItem]:
    """The user's open actions due within a week or overdue, the most urgent first."""
    horizon = timezone.localdate() + dt.timedelta(days=ACTION_DUE_SOON_DAYS)
    items = ActionItem.objects.filter(
        owner=user, status=ActionStatus.OPEN, due_on__lte=horizon
    ).select_related("meeting__committee")
    return list(items.order_by("due_on", "pk")[:limit])
