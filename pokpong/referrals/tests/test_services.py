"""Referrals: consent first, explicit states, access that ends with the referral; services,
return, follow-ups, the inbox, reminders and the report."""

import datetime as dt
from dataclasses import replace

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_view_case, can_view_person
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases import services as case_services
from pokpong.cases.models import Case, Need, PlanStatus
from pokpong.cases.selectors import closures_to_approve, plans_to_approve
from pokpong.cases.tests.factories import CaseFactory, CasePlanFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals import services
from pokpong.referrals.models import FollowUpVisit, ReferralStatus, ServiceType
from pokpong.referrals.selectors import (
    follow_ups_due,
    referral_report,
    referrals_sent_overdue,
    referrals_to_answer,
)
from pokpong.referrals.tests.factories import FollowUpVisitFactory, consented_case

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
RISK_FOUND = services.VisitDetails(
    done_on=TODAY,
    wellbeing="fair",
    income="poor",
    education="fair",
    safety="poor",
    retrafficking_risk=True,
)


@pytest.fixture
def shelter_org():
    return OrganisationFactory(name_en="New Hope Shelter")


@pytest.fixture
def shelter(shelter_org):
    return UserFactory(
        username="shelter",
        organisation=shelter_org,
        roles=[Role.SERVICE_PROVIDER],
        email="shelter@example.la",
    )


@pytest.fixture
def case(caseworker, shelter_org):
    """A case whose person consented to sharing it with the shelter."""
    return consented_case(
        office=caseworker, share_with=[shelter_org], birth_year=1995, given_on=TODAY
    )


def _refer(user, case, org, urgency="urgent"):
    return services.referral_create(
        user=user,
        case=case,
        to_organisation=org,
        service_type=ServiceType.objects.get(code="shelter"),
        urgency=urgency,
        message="Needs a bed tonight",
    )


def test_a_referral_without_consent_is_refused_with_an_explanation(caseworker, shelter_org):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _refer(caseworker, case, shelter_org)
    assert "consented" in refused.value.messages[0]
    assert "New Hope Shelter" in refused.value.messages[0]


def test_the_receiver_sees_the_case_while_the_referral_is_open(
    caseworker, case, shelter, shelter_org
):
    assert not can_view_case(shelter, case)
    referral = _refer(caseworker, case, shelter_org)
    assert referral.status == ReferralStatus.REQUESTED
    assert can_view_case(shelter, case)
    assert can_view_person(shelter, case.person)
    services.referral_accept(user=shelter, referral=referral)
    services.referral_complete(user=shelter, referral=referral)
    assert not can_view_case(shelter, case)
    assert not can_view_person(shelter, case.person)


def test_declining_needs_a_reason_and_ends_access(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    with pytest.raises(ValidationError):
        services.referral_decline(user=shelter, referral=referral, reason=" ")
    services.referral_decline(user=shelter, referral=referral, reason="No bed free")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert not can_view_case(shelter, case)


def test_withdrawing_consent_ends_every_referral_access(caseworker, case, shelter, shelter_org):
    consent = case.person.consents.get()
    referral = _refer(caseworker, case, shelter_org)
    services.referral_accept(user=shelter, referral=referral)
    case_services.consent_withdraw(
        user=caseworker, consent=consent, withdrawn_on=TODAY, reason="Moved away"
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED
    assert not can_view_case(shelter, case)
    assert not can_view_person(shelter, case.person)


def test_states_cannot_be_skipped(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    with pytest.raises(ValidationError):
        services.referral_complete(user=shelter, referral=referral)  # not accepted yet
    with pytest.raises(PermissionDenied):
        services.referral_accept(user=caseworker, referral=referral)  # only the receiver
    services.referral_accept(user=shelter, referral=referral)
    with pytest.raises(ValidationError):
        services.referral_decline(user=shelter, referral=referral, reason="Changed mind")


def test_answer_deadlines_follow_the_urgency(caseworker, case, shelter_org):
    before = timezone.now()
    emergency = _refer(caseworker, case, shelter_org, urgency="emergency")
    routine = _refer(caseworker, case, shelter_org, urgency="routine")
    slack = dt.timedelta(seconds=5)
    assert abs(emergency.respond_by - before - dt.timedelta(hours=24)) < slack
    assert abs(routine.respond_by - before - dt.timedelta(days=7)) < slack


def test_overdue_referrals_show_on_both_sides(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org, urgency="emergency")
    assert referrals_to_answer(user=shelter) == [referral]
    assert referrals_sent_overdue(user=caseworker) == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        assert referrals_sent_overdue(user=caseworker) == [referral]
        report = referral_report(user=caseworker, since=TODAY - dt.timedelta(days=30))
        assert report["overdue_now"] == 1


def test_services_are_recorded_by_the_office_or_an_accepting_receiver(
    caseworker, case, shelter, shelter_org
):
    shelter_type = ServiceType.objects.get(code="shelter")
    details = services.ServiceDeliveryDetails(
        service_type=shelter_type, provider=shelter_org, started_on=TODAY, cost_lak=500000
    )
    with pytest.raises(PermissionDenied):
        services.service_delivery_record(user=shelter, case=case, details=details)
    referral = _refer(caseworker, case, shelter_org)
    services.referral_accept(user=shelter, referral=referral)
    delivery = services.service_delivery_record(
        user=shelter, case=case, details=replace(details, referral=referral)
    )
    assert delivery.cost_lak == 500000
    in_house = services.service_delivery_record(
        user=caseworker,
        case=case,
        details=services.ServiceDeliveryDetails(
            service_type=ServiceType.objects.get(code="psychosocial"),
            provider=case.organisation,
            started_on=TODAY,
        ),
    )
    assert in_house.referral is None


def test_the_return_schedules_follow_ups_at_1_3_6_and_12_months(caseworker, case):
    services.return_plan_save(
        user=caseworker,
        case=case,
        return_type="family",
        returned_on=dt.date(2026, 1, 31),
        province=case.province,
    )
    due = list(case.follow_ups.values_list("due_on", flat=True))
    assert due == [
        dt.date(2026, 2, 28),
        dt.date(2026, 4, 30),
        dt.date(2026, 7, 31),
        dt.date(2027, 1, 31),
    ]
    services.return_plan_save(
        user=caseworker,
        case=case,
        return_type="community",
        returned_on=dt.date(2026, 1, 31),
        province=case.province,
    )
    assert case.follow_ups.count() == 4  # saving again does not schedule twice


def test_a_risk_of_re_trafficking_reopens_the_risk_assessment(caseworker, case):
    visit = FollowUpVisitFactory(case=case, due_on=TODAY)
    with translation.override("en"):
        services.follow_up_record(
            user=caseworker,
            visit=visit,
            details=RISK_FOUND,
        )
    case.refresh_from_db()
    assert case.risk_level == "high"
    assert "re-trafficking" in case.risk_reason
    assert Need.objects.filter(case=case, domain="safety", priority="high").exists()


def test_the_reopened_risk_is_written_by_the_cases_service_on_the_current_case(caseworker, case):
    """The visit's case may be stale (someone saved the case meanwhile): the write locks the
    current row, bumps its version once and audits the case change and the new need."""
    visit = FollowUpVisit.objects.select_related("case").get(
        pk=FollowUpVisitFactory(case=case, due_on=TODAY).pk
    )
    Case.objects.filter(pk=case.pk).update(version=case.version + 1, transport="bus")
    services.follow_up_record(
        user=caseworker,
        visit=visit,
        details=RISK_FOUND,
    )
    current = Case.objects.get(pk=case.pk)
    assert current.version == case.version + 2
    assert current.transport == "bus"  # the change made meanwhile is kept
    case_changes = AuditEntry.objects.filter(
        object_type="cases.case", object_id=str(case.pk), action=AuditAction.UPDATE
    )
    assert case_changes.get().changes["risk_level"] == ["medium", "high"]
    need = Need.objects.get(case=case)
    assert AuditEntry.objects.filter(
        object_type="cases.need", object_id=str(need.pk), action=AuditAction.CREATE
    ).exists()


def test_the_inbox_lists_follow_ups_and_approvals(caseworker, case):
    FollowUpVisitFactory(case=case, due_on=timezone.localdate())
    manager = with_totp(UserFactory(roles=[Role.PROVINCIAL_MANAGER]))
    CasePlanFactory(case=case, goals="x", status=PlanStatus.SUBMITTED)
    Case.objects.filter(pk=case.pk).update(
        closure_requested_at=timezone.now(), closure_requested_by=caseworker
    )
    assert len(follow_ups_due(user=caseworker)) == 1
    assert [p.case_id for p in plans_to_approve(user=manager)] == [case.pk]
    assert [c.pk for c in closures_to_approve(user=manager)] == [case.pk]


def test_the_report_counts_referrals_by_status_and_answer_time(
    caseworker, case, shelter, shelter_org
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        first = _refer(caseworker, case, shelter_org)
        clock.shift(dt.timedelta(hours=5))
        services.referral_accept(user=shelter, referral=first)
        second = _refer(caseworker, case, shelter_org)
        clock.shift(dt.timedelta(hours=1))
        services.referral_decline(user=shelter, referral=second, reason="Full")
        report = referral_report(user=caseworker, since=timezone.localdate() - dt.timedelta(days=1))
    counts = dict(report["by_status"])
    assert report["total"] == 2
    assert report["average_response_hours"] == 3.0
    assert sum(counts.values()) == 2


def test_visits_due_are_those_of_the_users_open_cases_as_worker_or_team(caseworker, case):
    today = timezone.localdate()
    own = FollowUpVisitFactory(case=case, due_on=today)
    teamed = CaseFactory(province=case.province, organisation=case.organisation)
    teamed.team.add(caseworker)
    on_team = FollowUpVisitFactory(case=teamed, due_on=today - dt.timedelta(days=3))
    closed = CaseFactory(
        province=case.province, organisation=case.organisation, caseworker=caseworker
    )
    Case.objects.filter(pk=closed.pk).update(status="closed", closed_on=today)
    FollowUpVisitFactory(case=closed, due_on=today)  # left undone when the case closed
    later = FollowUpVisitFactory(case=case, due_on=today + dt.timedelta(days=30))
    someone_elses = CaseFactory(province=case.province, organisation=case.organisation)
    FollowUpVisitFactory(case=someone_elses, due_on=today)
    due = follow_ups_due(user=caseworker)
    assert [v.pk for v in due] == [on_team.pk, own.pk]  # soonest first
    assert later.pk not in {v.pk for v in due}
