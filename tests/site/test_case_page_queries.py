"""Issue 20: the case page (with the panels of referrals, justice and livelihoods) costs the same
queries whether a case has 2 or 20 of each record it shows (notes, referrals, services,
follow-ups, needs, plan actions, attachments)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pokpong.cases.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CaseNoteFactory,
    CasePlanFactory,
    NeedFactory,
    PlanActionFactory,
)
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ReferralFactory,
    ServiceDeliveryFactory,
)

pytestmark = pytest.mark.django_db


def _add(case, plan, n: int) -> None:
    for _ in range(n):
        CaseNoteFactory(case=case)
        referral = ReferralFactory(case=case)
        ServiceDeliveryFactory(case=case, referral=referral)
        FollowUpVisitFactory(case=case)
        need = NeedFactory(case=case)
        PlanActionFactory(plan=plan, need=need)
        AttachmentFactory(case=case)


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_case_page_costs_the_same_queries_for_two_records_of_each_kind_or_twenty(
    client, caseworker
):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    plan = CasePlanFactory(case=case)
    url = reverse("cases:case_detail", args=[case.pk])
    client.force_login(caseworker)
    _add(case, plan, 2)
    client.get(url)  # the session settles
    two = _page_queries(client, url)
    _add(case, plan, 18)
    response = client.get(url)
    assert len(response.context["notes"]) == 20
    assert len(response.context["services"]) == 20
    assert len(response.context["actions"]) == 20
    assert _page_queries(client, url) == two


def test_the_case_page_asks_once_whether_the_user_may_see_the_case(client, caseworker):
    """The access check for the case, its sections and its panels is made once a request."""
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    url = reverse("cases:case_detail", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    checks = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT 1 AS "a" FROM "cases_case"')
    ]
    assert len(checks) <= 1
