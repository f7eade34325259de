"""Case numbering, the workflow transition by transition, optimistic locking, plan and closure."""

import datetime as dt
import threading
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases import services
from pokpong.cases.models import Case, CasePlan, CaseStatus, PlanStatus
from pokpong.cases.screening import FormVersion, indicators_for
from pokpong.cases.services.case import case_number_next
from pokpong.cases.tests.factories import CaseFactory
from pokpong.cases.workflow import TRANSITIONS, blockers
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def _province(iso: str) -> Province:
    return Province.objects.get(iso_code=iso)


@pytest.fixture
def manager():
    return with_totp(UserFactory(username="manager", roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))


def test_case_numbers_count_per_province_and_year():
    sv, ch = _province("LA-SV"), _province("LA-CH")
    assert case_number_next(province=sv, year=2026) == "SV-2026-00001"
    assert case_number_next(province=sv, year=2026) == "SV-2026-00002"
    assert case_number_next(province=ch, year=2026) == "CH-2026-00001"
    assert case_number_next(province=sv, year=2027) == "SV-2027-00001"


def test_opening_a_case_numbers_it_in_the_persons_province(caseworker):
    person = PersonFactory(registered_by=caseworker)
    case = services.case_open(
        user=caseworker,
        person=person,
        details=services.CaseDetails(came_to_light="hotline"),
        forms_of_trafficking=[],
    )
    assert case.number.startswith("SV-")
    assert case.status == CaseStatus.REGISTERED
    assert case.caseworker == caseworker


def test_a_case_worker_of_another_province_cannot_open_a_case_here(caseworker):
    person = PersonFactory(registered_by=caseworker)
    other = UserFactory(
        organisation=OrganisationFactory(province=_province("LA-CH")), roles=[Role.CASE_WORKER]
    )
    with pytest.raises(PermissionDenied):
        services.case_open(
            user=other,
            person=person,
            details=services.CaseDetails(came_to_light="hotline"),
            forms_of_trafficking=[],
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_case_numbers_stay_unique_under_concurrent_creation():
    from django.apps import apps

    from tests.reference_data import load_reference_data

    load_reference_data(apps)
    province, numbers, errors = _province("LA-SV"), [], []

    def make() -> None:
        try:
            for _ in range(10):
                numbers.append(case_number_next(province=province, year=2026))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=make) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"SV-2026-{n:05d}" for n in range(1, 61)]


def test_every_transition_not_in_the_table_is_refused(case, caseworker):
    for target in CaseStatus.values:
        if target not in TRANSITIONS[CaseStatus.REGISTERED]:
            with pytest.raises(ValidationError):
                services.case_transition(user=caseworker, case=case, target=target)
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def _screen_and_consent(case, user) -> None:
    answers = {i.code: "no" for i in indicators_for(FormVersion.SHORT)}
    services.screening_record(
        user=user,
        person=case.person,
        version=FormVersion.SHORT,
        screened_on=TODAY,
        answers=answers,
        outcome="further_assessment",
    )
    services.consent_record(
        user=user,
        person=case.person,
        share_with=[],
        details=services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=TODAY,
            method="signed_form",
        ),
    )


def test_a_case_becomes_active_only_after_screening_and_consent(case, caseworker):
    messages = [b.message for b in blockers(case, CaseStatus.ACTIVE)]
    assert len(messages) == 2
    with pytest.raises(ValidationError):
        services.case_transition(user=caseworker, case=case, target=CaseStatus.ACTIVE)
    _screen_and_consent(case, caseworker)
    case = services.case_transition(user=caseworker, case=case, target=CaseStatus.ACTIVE)
    assert case.status == CaseStatus.ACTIVE


def _approved_plan(case, caseworker, manager) -> None:
    services.case_plan_save(user=caseworker, case=case, goals="Safe return to the family")
    with pytest.raises(ValidationError):  # no action yet
        services.case_plan_submit(user=caseworker, case=case)
    services.case_action_add(
        user=caseworker,
        case=case,
        description="Family tracing",
        responsible_organisation=case.organisation,
        due_on=TODAY + dt.timedelta(days=14),
    )
    services.case_plan_submit(user=caseworker, case=case)
    with pytest.raises(PermissionDenied):
        services.case_plan_approve(user=caseworker, case=case)
    services.case_plan_approve(user=manager, case=case)


def test_reintegration_needs_an_approved_plan(case, caseworker, manager):
    _screen_and_consent(case, caseworker)
    case = services.case_transition(user=caseworker, case=case, target=CaseStatus.ACTIVE)
    with pytest.raises(ValidationError):
        services.case_transition(user=caseworker, case=case, target=CaseStatus.REINTEGRATION)
    _approved_plan(case, caseworker, manager)
    case = services.case_transition(user=caseworker, case=case, target=CaseStatus.REINTEGRATION)
    case = services.case_transition(user=caseworker, case=case, target=CaseStatus.FOLLOW_UP)
    assert case.status == CaseStatus.FOLLOW_UP


def test_changing_an_approved_plan_sends_it_back_for_approval(case, caseworker, manager):
    _approved_plan(case, caseworker, manager)
    plan = services.case_plan_save(user=caseworker, case=case, goals="Vocational training first")
    assert plan.status == PlanStatus.DRAFT
    assert plan.approved_by is None


def test_closure_needs_a_reason_and_another_persons_approval(case, caseworker, manager):
    with pytest.raises(ValidationError):
        services.case_closure_approve(user=manager, case=case, closed_on=TODAY)
    services.case_closure_request(user=caseworker, case=case, reason="reintegrated")
    with pytest.raises(PermissionDenied):
        services.case_closure_approve(user=caseworker, case=case, closed_on=TODAY)
    case = services.case_closure_approve(user=manager, case=case, closed_on=TODAY)
    assert case.status == CaseStatus.CLOSED
    assert case.closed_approved_by == manager
    with pytest.raises(ValidationError):
        services.case_reopen(user=caseworker, case=case, reason="  ")
    case = services.case_reopen(user=caseworker, case=case, reason="Re-trafficking suspected")
    assert case.status == CaseStatus.ACTIVE
    assert case.closed_on is None


def test_a_manager_cannot_approve_the_closure_they_asked_for(case, manager):
    services.case_closure_request(user=manager, case=case, reason="declined")
    with pytest.raises(ValidationError):
        services.case_closure_approve(user=manager, case=case, closed_on=TODAY)


def test_a_manager_of_another_province_cannot_approve(case, caseworker):
    other = UserFactory(organisation=OrganisationFactory(province=_province("LA-CH")))
    role_assign(user=other, role=Role.PROVINCIAL_MANAGER, province=_province("LA-CH"))
    services.case_closure_request(user=caseworker, case=case, reason="moved")
    with pytest.raises(PermissionDenied):
        services.case_closure_approve(user=other, case=case, closed_on=TODAY)


def test_a_stale_edit_never_overwrites_anothers_change(case, caseworker, manager):
    opened_at = case.version
    services.case_update(
        user=manager,
        case=case,
        details=replace(
            services.CaseDetails.of(case),
            risk_level="high",
            risk_reason="Recruiter lives in the village",
        ),
        expected_version=opened_at,
    )
    with pytest.raises(services.ConcurrentEdit) as raised:
        services.case_update(
            user=caseworker,
            case=case,
            details=replace(services.CaseDetails.of(case), risk_level="low"),
            expected_version=opened_at,
        )
    assert raised.value.latest.actor == manager
    assert raised.value.latest.changes["risk_level"] == ["medium", "high"]
    assert Case.objects.get(pk=case.pk).risk_level == "high"


def test_only_a_draft_plan_is_submitted(case, caseworker, manager):
    _approved_plan(case, caseworker, manager)
    with pytest.raises(ValidationError):
        services.case_plan_submit(user=caseworker, case=case)


def _plan_with_action(case, user) -> None:
    services.case_plan_save(user=user, case=case, goals="Safe return to the family")
    services.case_action_add(
        user=user,
        case=case,
        description="Family tracing",
        responsible_organisation=case.organisation,
        due_on=TODAY + dt.timedelta(days=14),
    )


def test_a_manager_cannot_approve_the_plan_they_wrote_and_submitted(case, manager):
    _plan_with_action(case, manager)
    services.case_plan_submit(user=manager, case=case)
    with pytest.raises(ValidationError):
        services.case_plan_approve(user=manager, case=case)
    assert CasePlan.objects.get(case=case).status == PlanStatus.SUBMITTED


def test_a_manager_cannot_approve_a_plan_they_changed_after_it_was_submitted(
    case, caseworker, manager
):
    _plan_with_action(case, caseworker)
    services.case_plan_submit(user=caseworker, case=case)
    services.case_plan_save(user=manager, case=case, goals="Shelter first, then family")
    with pytest.raises(ValidationError):
        services.case_plan_approve(user=manager, case=case)


def test_another_manager_approves_a_plan_a_manager_wrote(case, manager):
    _plan_with_action(case, manager)
    services.case_plan_submit(user=manager, case=case)
    colleague = with_totp(UserFactory(username="manager2", roles=[Role.PROVINCIAL_MANAGER]))
    plan = services.case_plan_approve(user=colleague, case=case)
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == colleague
    assert not plan.written_by.exists()  # the next version's authors start afresh
