import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.places.tests.factories import CHAMPASAK, district, province
from pokpong.programme import services
from pokpong.programme.models import (
    ActionStatus,
    BudgetLine,
    CommitteeLevel,
    Component,
    WorkPlanActivity,
    fiscal_quarter_of,
    fiscal_quarter_starts,
    fiscal_year_of,
    quarter_start,
)
from pokpong.programme.selectors import actions_due_for
from pokpong.programme.tests.factories import (
    ActionItemFactory,
    CommitteeFactory,
    CommitteeMeetingFactory,
    WorkPlanActivityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC), tick=False):
        yield


# --- quarters and fiscal years ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (dt.date(2026, 9, 30), 2026, 4),
        (dt.date(2026, 10, 1), 2027, 1),
        (dt.date(2026, 12, 31), 2027, 1),
        (dt.date(2027, 1, 1), 2027, 2),
        (dt.date(2027, 6, 30), 2027, 3),
        (dt.date(2027, 7, 1), 2027, 4),
    ],
)
def test_fiscal_year_and_quarter_run_october_to_september(day, year, quarter):
    assert (fiscal_year_of(day), fiscal_quarter_of(day)) == (year, quarter)


def test_the_quarters_of_a_fiscal_year_and_of_a_day():
    assert fiscal_quarter_starts(2027) == [
        dt.date(2026, 10, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 1),
        dt.date(2027, 7, 1),
    ]
    assert quarter_start(dt.date(2026, 11, 28)) == dt.date(2026, 10, 1)


# --- the work plan ----------------------------------------------------------------------------


def test_an_activity_is_overdue_after_its_planned_end_unless_done_or_cancelled():
    today = dt.date(2026, 11, 28)
    late = WorkPlanActivityFactory.build(planned_end_on=dt.date(2026, 11, 27))
    assert late.is_overdue_on(today)
    assert not WorkPlanActivityFactory.build(planned_end_on=today).is_overdue_on(today)
    for status in ("done", "cancelled"):
        closed = WorkPlanActivityFactory.build(planned_end_on=dt.date(2026, 1, 1), status=status)
        assert not closed.is_overdue_on(today)


def _activity(**changes):
    values: dict[str, Any] = {
        "title": "ກອງປະຊຸມປະຈຳປີ",
        "component": Component.COORDINATION,
        "partner": OrganisationFactory(),
        "planned_start_on": dt.date(2026, 10, 1),
        "planned_end_on": dt.date(2026, 12, 31),
        "province": province(),
    }
    values.update(changes)
    return services.ActivityDetails(**values)


def test_recording_an_activity_is_audited(secretariat):
    activity = services.activity_record(user=secretariat, details=_activity())
    entry = AuditEntry.objects.get(
        object_type="programme.workplanactivity",
        object_id=str(activity.pk),
        action=AuditAction.CREATE,
    )
    assert entry.changes["title"] == [None, "ກອງປະຊຸມປະຈຳປີ"]


def test_changing_an_activity_audits_the_difference(secretariat):
    activity = services.activity_record(user=secretariat, details=_activity())
    details = _activity(status="under_way", actual_start_on=dt.date(2026, 10, 3))
    services.activity_update(user=secretariat, activity=activity, details=details)
    entry = AuditEntry.objects.get(object_id=str(activity.pk), action=AuditAction.UPDATE)
    assert entry.changes["status"] == ["planned", "under_way"]
    assert entry.changes["actual_start_on"] == [None, "2026-10-03"]


def test_a_done_activity_needs_its_actual_dates(secretariat):
    with pytest.raises(ValidationError) as refused:
        services.activity_record(user=secretariat, details=_activity(status="done"))
    assert "actual_end_on" in refused.value.message_dict
    assert WorkPlanActivity.objects.count() == 0


def test_a_manager_cannot_move_an_activity_to_another_province(manager):
    activity = services.activity_record(user=manager, details=_activity())
    with pytest.raises(PermissionDenied):
        services.activity_update(
            user=manager, activity=activity, details=_activity(province=province(CHAMPASAK))
        )
    with pytest.raises(PermissionDenied):
        services.activity_record(user=manager, details=_activity(province=None))


# --- budget -----------------------------------------------------------------------------------


def _budget(**changes):
    values: dict[str, Any] = {
        "component": Component.CAPACITY,
        "quarter_start_on": dt.date(2026, 10, 1),
        "budget_lak": 215_000_000,
        "spent_lak": 0,
        "lak_per_usd": Decimal("21500"),
    }
    values.update(changes)
    return services.BudgetDetails(**values)


def test_a_budget_line_is_kept_once_a_quarter_and_the_change_audited(secretariat):
    services.budget_line_save(user=secretariat, details=_budget())
    line = services.budget_line_save(user=secretariat, details=_budget(spent_lak=43_000_000))
    assert BudgetLine.objects.count() == 1
    assert (line.budget_usd, line.spent_usd) == (10_000, 2_000)
    update = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(line.pk))
    assert update.changes == {"spent_lak": [0, 43_000_000]}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quarter_start_on": dt.date(2026, 11, 1)}, "quarter_start_on"),
        ({"budget_lak": -1}, "budget_lak"),
        ({"spent_lak": -1}, "spent_lak"),
        ({"lak_per_usd": Decimal(0)}, "lak_per_usd"),
    ],
)
def test_a_budget_line_refuses_bad_values(secretariat, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.budget_line_save(user=secretariat, details=_budget(**changes))
    assert field in refused.value.message_dict


def test_only_national_holders_keep_the_budget(manager):
    with pytest.raises(PermissionDenied):
        services.budget_line_save(user=manager, details=_budget())


# --- committees -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "place"),
    [
        (CommitteeLevel.NATIONAL_STEERING, "province"),
        (CommitteeLevel.PROVINCIAL, None),
        (CommitteeLevel.DISTRICT, "province"),
    ],
)
def test_a_committee_lies_where_its_level_says(secretariat, level, place):
    details = services.CommitteeDetails(
        name="ຄະນະ",
        level=level,
        province=province() if place else None,
        district=None,
    )
    with pytest.raises(ValidationError):
        services.committee_record(user=secretariat, details=details)


def test_a_district_committee_in_another_province_is_refused(secretariat):
    details = services.CommitteeDetails(
        name="ຄະນະເມືອງ",
        level=CommitteeLevel.DISTRICT,
        province=province(),
        district=district(CHAMPASAK),
    )
    with pytest.raises(ValidationError) as refused:
        services.committee_record(user=secretariat, details=details)
    assert "district" in refused.value.message_dict


def test_a_meeting_records_attendance_by_organisation_and_audits_it(manager):
    committee = CommitteeFactory()
    other = OrganisationFactory()
    meeting = services.meeting_record(
        user=manager,
        committee=committee,
        details=services.MeetingDetails(held_on=dt.date(2026, 11, 20), place="ແຂວງ"),
        attendance=[
            services.Attendance(organisation=manager.organisation, women=4, men=1),
            services.Attendance(organisation=other, men=2),
        ],
    )
    assert sum(a.total for a in meeting.attendance.all()) == 7
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(meeting.pk))
    assert entry.changes["attendance"][1] == {
        str(manager.organisation.pk): [4, 1],
        str(other.pk): [0, 2],
    }


def test_a_manager_cannot_record_a_meeting_of_another_province(manager):
    committee = CommitteeFactory(province=province(CHAMPASAK))
    with pytest.raises(PermissionDenied):
        services.meeting_record(
            user=manager,
            committee=committee,
            details=services.MeetingDetails(held_on=dt.date(2026, 11, 20)),
            attendance=[services.Attendance(organisation=manager.organisation, women=1)],
        )


# --- action items -----------------------------------------------------------------------------


def test_the_owner_follows_up_an_action_and_a_stranger_cannot():
    owner = UserFactory(roles=[Role.CASE_WORKER])
    action = ActionItemFactory(owner=owner, meeting__held_on=dt.date(2026, 11, 10))
    with pytest.raises(ValidationError):
        services.action_follow_up(
            user=owner, action=action, status="done", follow_up="", done_on=dt.date(2026, 11, 1)
        )
    done = services.action_follow_up(
        user=owner, action=action, status="done", follow_up="ແລ້ວ", done_on=dt.date(2026, 11, 20)
    )
    assert (done.status, done.done_on) == (ActionStatus.DONE, dt.date(2026, 11, 20))
    reopened = services.action_follow_up(
        user=owner, action=action, status="open", follow_up="", done_on=dt.date(2026, 11, 20)
    )
    assert reopened.done_on is None
    stranger = UserFactory(roles=[Role.CASE_WORKER])
    with pytest.raises(PermissionDenied):
        services.action_follow_up(
            user=stranger, action=action, status="dropped", follow_up="", done_on=None
        )


def test_the_inbox_lists_the_owners_open_actions_due_within_a_week():
    owner = UserFactory(roles=[Role.CASE_WORKER])
    overdue = ActionItemFactory(owner=owner, due_on=dt.date(2026, 11, 1))
    soon = ActionItemFactory(owner=owner, due_on=dt.date(2026, 12, 5))  # today + 7
    ActionItemFactory(owner=owner, due_on=dt.date(2026, 12, 6))  # later
    ActionItemFactory(owner=owner, due_on=dt.date(2026, 11, 1), status="dropped")
    ActionItemFactory(due_on=dt.date(2026, 11, 1))  # someone else's
    assert actions_due_for(user=owner, limit=10) == [overdue, soon]
    assert actions_due_for(user=owner, limit=1) == [overdue]


def test_the_inbox_section_is_registered_and_counts_in_the_reminder():
    from pokpong.core.inbox import inbox_sections

    section = next(s for s in inbox_sections() if s.key == "committee_actions_due")
    assert section.is_task
    assert "2" in section.reminder_for(2)


def test_committees_with_meetings_ignores_a_committee_met_only_before(secretariat):
    from pokpong.programme.selectors import committees_with_meetings

    CommitteeMeetingFactory(held_on=dt.date(2026, 6, 1))
    assert committees_with_meetings(dt.date(2026, 10, 1), dt.date(2026, 12, 31)).count() == 0
