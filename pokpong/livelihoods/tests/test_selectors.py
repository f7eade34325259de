"""Income over time, the change six months after the return, and the retention checks that
reach the case worker's inbox — with values computed by hand."""

import datetime as dt

import pytest
import time_machine
from django.utils.html import escape

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.livelihoods import selectors
from pokpong.livelihoods.chart import income_chart_svg
from pokpong.livelihoods.selectors import IncomePoint, income_changes, income_points
from pokpong.livelihoods.tests.factories import (
    JobPlacementFactory,
    LivelihoodAssessmentFactory,
    RetentionCheckFactory,
    VocationalTrainingFactory,
)
from pokpong.referrals.tests.factories import FollowUpVisitFactory, ReturnPlanFactory

pytestmark = pytest.mark.django_db
RETURNED = dt.date(2026, 5, 1)  # six months later: 1 November 2026; 15 days early: 17 October


def _survivor(*, baseline, visits, returned=RETURNED, **fields):
    """A returned survivor with a baseline income and visits [(done_on, income_lak), …]."""
    case = CaseFactory(**fields)
    ReturnPlanFactory(case=case, returned_on=returned)
    if baseline is not None:
        LivelihoodAssessmentFactory(case=case, baseline_income_lak=baseline)
    for done_on, lak in visits:
        FollowUpVisitFactory(case=case, due_on=done_on, done_on=done_on, income_lak=lak)
    return case


def test_income_points_are_the_baseline_then_every_visit_with_a_number():
    case = _survivor(
        baseline=500_000,
        visits=[(dt.date(2026, 8, 1), 900_000), (dt.date(2026, 6, 1), 600_000)],
    )
    FollowUpVisitFactory(case=case, done_on=dt.date(2026, 7, 1), income_lak=None)  # no number
    FollowUpVisitFactory(case=case, due_on=dt.date(2026, 12, 1))  # not yet made
    assert income_points(case=case) == [
        IncomePoint(dt.date(2026, 5, 4), 500_000, True),
        IncomePoint(dt.date(2026, 6, 1), 600_000, False),
        IncomePoint(dt.date(2026, 8, 1), 900_000, False),
    ]


def test_the_baseline_is_the_first_assessment_and_a_voided_one_does_not_count():
    case = _survivor(baseline=None, visits=[])
    LivelihoodAssessmentFactory(case=case, assessed_on=dt.date(2026, 6, 1), baseline_income_lak=2)
    LivelihoodAssessmentFactory(case=case, assessed_on=dt.date(2026, 5, 1), baseline_income_lak=1)
    LivelihoodAssessmentFactory(
        case=case,
        assessed_on=dt.date(2026, 4, 1),
        baseline_income_lak=9,
        voided_at=dt.datetime(2026, 4, 2, tzinfo=dt.UTC),
    )
    assert income_points(case=case) == [IncomePoint(dt.date(2026, 5, 1), 1, True)]


def test_income_change_six_months_after_return_computed_by_hand():
    rose = _survivor(
        baseline=500_000,
        visits=[
            (dt.date(2026, 8, 1), 400_000),  # three months: too early
            (dt.date(2026, 10, 20), 1_200_000),  # 12 days before the mark: counts
            (dt.date(2027, 5, 1), 2_000_000),  # later visits do not replace it
        ],
    )
    fell = _survivor(baseline=800_000, visits=[(dt.date(2026, 11, 3), 700_000)])
    same = _survivor(baseline=600_000, visits=[(dt.date(2026, 11, 1), 600_000)])
    too_early = _survivor(baseline=100_000, visits=[(dt.date(2026, 10, 16), 900_000)])
    no_baseline = _survivor(baseline=None, visits=[(dt.date(2026, 11, 1), 900_000)])
    CaseFactory()  # never returned: left out

    changes = {c.case_id: c for c in income_changes()}

    assert set(changes) == {rose.pk, fell.pk, same.pk}
    assert (changes[rose.pk].after_lak, changes[rose.pk].change_lak) == (1_200_000, 700_000)
    assert changes[rose.pk].measured_on == dt.date(2026, 10, 20)
    assert changes[rose.pk].rose and changes[rose.pk].person_id == rose.person_id
    assert changes[fell.pk].change_lak == -100_000 and not changes[fell.pk].rose
    assert changes[same.pk].change_lak == 0 and not changes[same.pk].rose
    assert too_early.pk not in changes and no_baseline.pk not in changes


def test_income_changes_read_a_few_queries_whatever_the_number_of_cases(
    django_assert_num_queries,
):
    for n in range(5):
        _survivor(baseline=100_000 * n, visits=[(dt.date(2026, 11, 2), 500_000)])
    with django_assert_num_queries(4):
        assert len(income_changes()) == 5


def test_the_chart_draws_each_value_as_text_with_an_accessible_title():
    svg = income_chart_svg(
        [
            IncomePoint(dt.date(2026, 5, 4), 500_000, True),
            IncomePoint(dt.date(2026, 11, 1), 1_200_000, False),
        ]
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "500,000" in svg and "1,200,000" in svg
    assert "<rect" in svg and "<circle" in svg  # the baseline is a square, visits are dots
    assert "<script" not in svg and "style=" not in svg


def test_the_chart_escapes_what_it_is_given_and_is_empty_without_points():
    assert income_chart_svg([]) == ""
    svg = income_chart_svg([IncomePoint(dt.date(2026, 5, 4), 1, True)], chart_id='"><script>')
    assert "<script>" not in svg and escape('"><script>') in svg


def test_retention_checks_due_within_a_week_reach_the_case_worker(caseworker):
    case = CaseFactory(person__registered_by=caseworker)
    placement = JobPlacementFactory(case=case)
    due = RetentionCheckFactory(placement=placement, month=3, due_on=dt.date(2026, 9, 5))
    overdue = RetentionCheckFactory(placement=placement, month=6, due_on=dt.date(2026, 8, 1))
    RetentionCheckFactory(placement=placement, month=12, due_on=dt.date(2026, 9, 9))  # later
    RetentionCheckFactory(
        placement=JobPlacementFactory(case=case),
        due_on=dt.date(2026, 9, 1),
        checked_on=dt.date(2026, 9, 1),  # done
    )
    other = UserFactory(organisation=caseworker.organisation, roles=[Role.CASE_WORKER])
    with time_machine.travel(dt.datetime(2026, 9, 1, 3, tzinfo=dt.UTC)):
        assert selectors.retention_checks_due(user=caseworker) == [overdue, due]
        assert selectors.retention_checks_due(user=other) == []  # not their case


def test_retention_checks_of_a_voided_placement_or_a_closed_case_leave_the_inbox(caseworker):
    case = CaseFactory(person__registered_by=caseworker)
    voided = JobPlacementFactory(case=case, voided_at=dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    RetentionCheckFactory(placement=voided, due_on=dt.date(2026, 9, 1))
    closed = CaseFactory(
        person__registered_by=caseworker, status="closed", closed_on=dt.date(2026, 8, 1)
    )
    RetentionCheckFactory(placement__case=closed, due_on=dt.date(2026, 9, 1))
    with time_machine.travel(dt.datetime(2026, 9, 1, 3, tzinfo=dt.UTC)):
        assert selectors.retention_checks_due(user=caseworker) == []


def test_statistics_count_completed_trainings_and_six_month_retention():
    VocationalTrainingFactory(status="completed", has_certificate=True)
    VocationalTrainingFactory(status="dropped_out", dropout_reason="Moved away")
    VocationalTrainingFactory(status="completed", voided_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    kept = RetentionCheckFactory(month=6, checked_on=dt.date(2026, 12, 1), still_employed=True)
    RetentionCheckFactory(month=6, checked_on=dt.date(2026, 12, 1), still_employed=False)
    RetentionCheckFactory(month=3, checked_on=dt.date(2026, 9, 1), still_employed=True)
    RetentionCheckFactory(
        month=6,
        checked_on=dt.date(2026, 12, 1),
        still_employed=True,
        placement__voided_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
    )
    assert selectors.statistics_trainings_completed().count() == 1
    assert list(selectors.statistics_retained(month=6)) == [kept]
