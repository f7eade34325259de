"""A manager returns a submitted plan with a comment; decisions are confirmed without JS too."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases import services
from pokpong.cases.models import CasePlan, PlanStatus
from pokpong.cases.tests.factories import CaseFactory, PlanActionFactory
from pokpong.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _submitted(worker):
    case = CaseFactory(person__registered_by=worker)
    PlanActionFactory(plan__case=case)
    services.case_plan_submit(user=worker, case=case)
    return case


def test_a_returned_plan_is_a_draft_with_the_comment_and_an_audit_entry() -> None:
    worker = UserFactory(roles=[Role.CASE_WORKER])
    boss = UserFactory(roles=[Role.PROVINCIAL_MANAGER], organisation=worker.organisation)
    case = _submitted(worker)
    plan = services.case_plan_return(user=boss, case=case, comment=" Add family tracing ")
    assert (plan.status, plan.return_comment, plan.returned_by) == (
        PlanStatus.DRAFT,
        "Add family tracing",
        boss,
    )
    entry = AuditEntry.objects.filter(object_type="cases.caseplan").latest("sequence")
    assert entry.changes["status"] == [PlanStatus.SUBMITTED, PlanStatus.DRAFT]
    assert "Add family tracing" not in str(entry.changes)  # encrypted: only that it changed
    services.case_plan_submit(user=worker, case=case)
    assert CasePlan.objects.get(case=case).return_comment == ""


def test_a_plan_is_not_returned_without_a_comment_nor_by_its_author_nor_unless_waiting() -> None:
    worker = UserFactory(roles=[Role.CASE_WORKER])
    boss = UserFactory(roles=[Role.PROVINCIAL_MANAGER], organisation=worker.organisation)
    case = _submitted(worker)
    with pytest.raises(ValidationError):
        services.case_plan_return(user=boss, case=case, comment="  ")
    with pytest.raises(PermissionDenied):
        services.case_plan_return(user=worker, case=case, comment="no")
    services.case_plan_approve(user=boss, case=case)
    with pytest.raises(ValidationError):
        services.case_plan_return(user=boss, case=case, comment="too late")


def test_without_confirmation_the_approval_answers_a_page_that_asks(client) -> None:
    worker = UserFactory(roles=[Role.CASE_WORKER])
    boss = UserFactory(roles=[Role.PROVINCIAL_MANAGER], organisation=worker.organisation)
    case = _submitted(worker)
    with_totp(boss)
    client.force_login(boss)
    url = reverse("cases:case_plan_approve", args=[case.pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert b'name="confirmed" value="1"' in asked.content
    assert CasePlan.objects.get(case=case).status == PlanStatus.SUBMITTED
    client.post(url, {"confirmed": "1"})
    assert CasePlan.objects.get(case=case).status == PlanStatus.APPROVED
