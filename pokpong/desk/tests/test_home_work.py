"""The home page shows each role its own work (each a link), the menu counts what waits, the
manager sees overdue follow-ups and the caseload by case worker."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases.models import ActionStatus, CaseStatus
from pokpong.cases.tests.factories import CaseFactory, CasePlanFactory, PlanActionFactory
from pokpong.cases.worklist import caseload_by_worker, my_open_cases, plan_actions_overdue
from pokpong.desk.navigation import nav_items_for
from pokpong.desk.selectors import inbox_for, inbox_task_count
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.tests.factories import FollowUpVisitFactory
from pokpong.referrals.worklist import follow_ups_overdue_by_worker, follow_ups_overdue_in_scope

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def manager(caseworker):
    return with_totp(
        UserFactory(
            username="manager",
            organisation=caseworker.organisation,
            roles=[Role.PROVINCIAL_MANAGER],
        )
    )


def _case(worker, **kwargs):
    return CaseFactory(person=PersonFactory(registered_by=worker), **kwargs)


def _overdue_action(case, days=10, status=ActionStatus.PLANNED):
    plan = getattr(case, "plan", None) or CasePlanFactory(case=case)
    return PlanActionFactory(plan=plan, due_on=TODAY - dt.timedelta(days=days), status=status)


def test_my_open_cases_are_the_workers_own_and_not_closed(caseworker):
    mine = _case(caseworker)
    _case(caseworker, status=CaseStatus.CLOSED, closed_on=TODAY)
    _case(UserFactory(organisation=caseworker.organisation, roles=[Role.CASE_WORKER]))
    assert my_open_cases(user=caseworker) == [mine]


def test_overdue_plan_actions_are_past_their_date_and_not_done(caseworker):
    case = _case(caseworker)
    late = _overdue_action(case)
    _overdue_action(case, status=ActionStatus.DONE)
    _overdue_action(case, days=-3)  # due in three days
    assert plan_actions_overdue(user=caseworker) == [late]


def test_the_manager_sees_overdue_follow_ups_of_cases_in_the_area(caseworker, manager):
    case = _case(caseworker)
    late = FollowUpVisitFactory(case=case, due_on=TODAY - dt.timedelta(days=180))
    FollowUpVisitFactory(case=case, due_on=TODAY + dt.timedelta(days=30))
    FollowUpVisitFactory(case=case, due_on=TODAY - dt.timedelta(days=5), done_on=TODAY)
    assert follow_ups_overdue_in_scope(user=manager) == [late]
    assert follow_ups_overdue_in_scope(user=caseworker) == []  # not an approver
    assert follow_ups_overdue_by_worker(user=manager) == {caseworker.pk: 1}


def test_the_caseload_counts_open_cases_and_overdue_work_per_worker(caseworker, manager):
    colleague = UserFactory(organisation=caseworker.organisation, roles=[Role.CASE_WORKER])
    first = _case(caseworker)
    _case(caseworker)
    _case(colleague)
    _overdue_action(first)
    _overdue_action(first)
    rows = {r["worker"]: r for r in caseload_by_worker(user=manager)}
    assert rows[caseworker]["open_cases"] == 2
    assert rows[caseworker]["overdue_actions"] == 2
    assert rows[colleague]["open_cases"] == 1
    assert rows[colleague]["overdue_actions"] == 0
    assert caseload_by_worker(user=caseworker) == []


def test_the_caseload_page_is_for_approvers_only(client, caseworker, manager):
    case = _case(caseworker)
    FollowUpVisitFactory(case=case, due_on=TODAY - dt.timedelta(days=180))
    client.force_login(caseworker)
    assert client.get(reverse("desk:caseload")).status_code == 404
    client.force_login(manager)
    response = client.get(reverse("desk:caseload"))
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert (row["worker"], row["open_cases"], row["overdue_follow_ups"]) == (caseworker, 1, 1)
    assert 'class="overdue-mark"' in response.content.decode()


def test_the_home_page_lists_the_workers_cases_and_overdue_actions_as_links(client, caseworker):
    case = _case(caseworker)
    _overdue_action(case)
    client.force_login(caseworker)
    html = client.get(reverse("desk:home")).content.decode()
    link = reverse("cases:case_detail", args=[case.pk])
    assert html.count(f'href="{link}"') == 2  # under my open cases and under overdue actions
    assert f'href="{reverse("desk:inbox")}#plan_actions_overdue"' in html
    assert 'class="overdue-mark"' in html
    assert 'class="card"' not in html  # nothing that looks clickable without being a link


def test_the_menu_counts_tasks_but_not_the_open_cases(client, caseworker):
    case = _case(caseworker)
    _overdue_action(case)
    assert inbox_task_count(user=caseworker) == 1
    assert [s.key for s, _ in inbox_for(user=caseworker, tasks_only=True).sections] == [
        "plan_actions_overdue"
    ]
    client.force_login(caseworker)
    html = client.get(reverse("desk:inbox")).content.decode()
    assert '<span class="badge">1</span>' in html


def test_the_referral_report_is_in_the_menu_of_the_roles_that_may_open_it(caseworker, manager):
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    assert "referrals:report" in [i.url_name for i in nav_items_for(caseworker)]
    assert "desk:caseload" in [i.url_name for i in nav_items_for(manager)]
    assert "desk:caseload" not in [i.url_name for i in nav_items_for(caseworker)]
    assert "referrals:report" not in [i.url_name for i in nav_items_for(police)]


def test_the_indicator_reports_are_in_the_menu_of_the_reporting_roles(caseworker, manager):
    me_officer = UserFactory(roles=[Role.ME_OFFICER])
    assert "monitoring:report_requests" in [i.url_name for i in nav_items_for(me_officer)]
    assert "monitoring:report_requests" in [i.url_name for i in nav_items_for(manager)]
    assert "monitoring:report_requests" not in [i.url_name for i in nav_items_for(caseworker)]
