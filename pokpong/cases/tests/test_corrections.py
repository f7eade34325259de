"""Correcting a case's plan: needs and actions edited (audited) or voided (kept, not counted)."""

import datetime as dt

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases import selectors, services
from pokpong.cases.models import PlanAction
from pokpong.cases.tests.factories import CaseFactory, NeedFactory, PlanActionFactory
from pokpong.core.models import AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import province

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker))


def test_a_need_is_corrected_from_its_page_and_the_change_audited(client, caseworker, case):
    need = NeedFactory(case=case)
    client.force_login(caseworker)
    url = reverse("cases:need_edit", args=[need.pk])
    assert client.get(url).status_code == 200
    data = {"domain": "legal", "priority": "high", "description": "Legal advice"}
    assert client.post(url, data).status_code == 302
    need.refresh_from_db()
    assert (need.domain, need.priority, need.description) == ("legal", "high", "Legal advice")
    entry = AuditEntry.objects.get(action="update", object_id=str(need.pk))
    assert entry.changes["description"] == "changed"  # encrypted: never the text
    assert entry.parent_id == str(case.pk)


def test_an_action_is_corrected_description_due_date_and_owner(client, caseworker, case):
    action = PlanActionFactory(plan__case=case)
    client.force_login(caseworker)
    url = reverse("cases:action_edit", args=[action.pk])
    data = {
        "description": "Family tracing in Savannakhet",
        "responsible_organisation": case.organisation_id,
        "due_on": "2027-01-15",
    }
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.due_on == dt.date(2027, 1, 15)
    assert action.description == "Family tracing in Savannakhet"
    assert action.plan.written_by.filter(pk=caseworker.pk).exists()


def test_a_voided_action_no_longer_makes_a_case_overdue(caseworker, case):
    action = PlanActionFactory(plan__case=case, due_on=dt.date(2020, 1, 1))
    overdue = selectors.case_list_for_user(user=caseworker, filters={"overdue": True})
    assert list(overdue) == [case]
    services.plan_action_void(user=caseworker, action=action, reason="Entered twice")
    overdue = selectors.case_list_for_user(user=caseworker, filters={"overdue": True})
    assert not overdue.exists()
    assert PlanAction.all_objects.get(pk=action.pk).voided_by == caseworker


def test_a_voided_need_stays_on_the_case_page_struck_through_and_uncounted(
    client, caseworker, case
):
    NeedFactory(case=case, description="Shelter")
    need = NeedFactory(case=case, description="Wrong need")
    client.force_login(caseworker)
    response = client.post(reverse("cases:need_void", args=[need.pk]), {"reason": "mistake"})
    assert response.status_code == 302
    assert list(case.needs.values_list("description", flat=True)) == ["Shelter"]
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    voided = _voided_items(page.text)
    assert len(voided) == 1
    assert "<del>" in voided[0] and "Wrong need" in voided[0] and "mistake" in voided[0]
    assert reverse("cases:need_edit", args=[need.pk]) not in page.text
    assert page.context["counts"]["needs"] == 1


def test_a_voided_action_stays_in_the_plan_struck_through_and_uncounted(client, caseworker, case):
    kept = PlanActionFactory(plan__case=case, description="Family tracing")
    action = PlanActionFactory(plan=kept.plan, description="Entered twice")
    services.plan_action_void(user=caseworker, action=action, reason="duplicate")
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    voided = _voided_items(page.text)
    assert len(voided) == 1
    assert "Entered twice" in voided[0] and "duplicate" in voided[0]
    assert f'action="{reverse("cases:case_action_update", args=[action.pk])}"' not in page.text
    assert page.context["counts"]["actions"] == 1


def _voided_items(html: str) -> list[str]:
    return [part.split("</li>")[0] for part in html.split('<li class="voided">')[1:]]


def test_another_office_gets_the_same_404(client, case):
    need = NeedFactory(case=case)
    action = PlanActionFactory(plan__case=case)
    other = UserFactory(organisation__province=province("LA-SL"), roles=[Role.CASE_WORKER])
    client.force_login(other)
    assert client.get(reverse("cases:need_edit", args=[need.pk])).status_code == 404
    assert client.get(reverse("cases:action_edit", args=[action.pk])).status_code == 404
    voiding = client.post(reverse("cases:action_void", args=[action.pk]), {"reason": "x"})
    assert voiding.status_code == 404
    assert PlanAction.objects.filter(pk=action.pk).exists()
