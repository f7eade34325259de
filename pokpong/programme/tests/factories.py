"""Factories for programme management and coordination."""

import datetime as dt

import factory

from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.places.tests.factories import province
from pokpong.programme.models import (
    ActionItem,
    BudgetLine,
    Committee,
    CommitteeLevel,
    CommitteeMeeting,
    Component,
    MeetingAttendance,
    WorkPlanActivity,
)


class WorkPlanActivityFactory(ModelFactory[WorkPlanActivity]):
    class Meta:
        model = WorkPlanActivity

    title = factory.Sequence(lambda n: f"ຝຶກອົບຮົມເຈົ້າໜ້າທີ່ {n}")
    component = Component.CAPACITY
    province = factory.LazyFunction(province)
    partner = factory.SubFactory(OrganisationFactory)
    planned_start_on = dt.date(2026, 10, 1)
    planned_end_on = dt.date(2026, 12, 31)


class BudgetLineFactory(ModelFactory[BudgetLine]):
    class Meta:
        model = BudgetLine

    component = Component.CAPACITY
    quarter_start_on = dt.date(2026, 10, 1)
    budget_lak = 215_000_000
    spent_lak = 107_500_000
    lak_per_usd = 21_500


class CommitteeFactory(ModelFactory[Committee]):
    """A provincial committee (Savannakhet unless told)."""

    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"ຄະນະກຳມະການແຂວງ {n}")
    level = CommitteeLevel.PROVINCIAL
    province = factory.LazyFunction(province)


class CommitteeMeetingFactory(ModelFactory[CommitteeMeeting]):
    class Meta:
        model = CommitteeMeeting

    committee = factory.SubFactory(CommitteeFactory)
    held_on = dt.date(2026, 11, 10)
    place = "ຫ້ອງປະຊຸມແຂວງ"
    decisions = "ຕົກລົງກະກຽມແຜນປີ"
    recorded_by = factory.SubFactory(UserFactory)


class MeetingAttendanceFactory(ModelFactory[MeetingAttendance]):
    class Meta:
        model = MeetingAttendance

    meeting = factory.SubFactory(CommitteeMeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    women = 3
    men = 2


class ActionItemFactory(ModelFactory[ActionItem]):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(CommitteeMeetingFactory)
    description = "ສົ່ງບົດລາຍງານໄຕມາດ"
    owner = factory.SubFactory(UserFactory)
    due_on = dt.date(2026, 12, 1)
