"""Referrals, services given, follow-up visits, training and prevention records through the
API: each list holds what the pages' selectors give the caller, anything else is the 404 of a
missing record, lists walk by cursor and filter by updated_since, personal data is audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.api.tests.factories import bearer, personal_token
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.places.tests.factories import CHAMPASAK, province
from pokpong.prevention.models import AwarenessActivity
from pokpong.prevention.tests.factories import AwarenessActivityFactory, HotlineCallFactory
from pokpong.referrals import selectors as referral_selectors
from pokpong.referrals.models import ServiceDelivery
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ServiceDeliveryFactory,
    referred_case,
)
from pokpong.training.tests.factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return UserFactory(username="noy", roles=[Role.CASE_WORKER])


def _ids(client, name, user, **params):
    response = client.get(reverse(f"api:{name}_list"), params, **bearer(personal_token(user)))
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _detail(client, name, user, pk):
    return client.get(
        reverse(f"api:{name}_detail", kwargs={"pk": pk}), **bearer(personal_token(user))
    )


def _elsewhere(role: str):
    """A user of an office in Champasak (the default office is elsewhere)."""
    return UserFactory(organisation=OrganisationFactory(province=province(CHAMPASAK)), roles=[role])


@pytest.fixture
def referral(worker):
    """An accepted referral of the worker's case, with a service given by the receiver and two
    follow-up visits: one assigned to the receiver, one the office makes."""
    referral = referred_case(office=worker, accepted=True)
    ServiceDeliveryFactory(referral=referral)
    ServiceDeliveryFactory(case=referral.case)
    FollowUpVisitFactory(case=referral.case, assigned_organisation=referral.to_organisation)
    FollowUpVisitFactory(case=referral.case)
    return referral


@pytest.fixture
def receiver(referral):
    return UserFactory(organisation=referral.to_organisation, roles=[Role.SERVICE_PROVIDER])


# --- referrals, services, follow-ups -------------------------------------------------------


def test_the_office_reads_its_referrals_services_and_every_visit(client, worker, referral):
    assert _ids(client, "referrals", worker) == {referral.pk}
    assert _ids(client, "services", worker) == set(
        referral.case.services.values_list("pk", flat=True)
    )
    assert _ids(client, "follow-ups", worker) == set(
        referral.case.follow_ups.values_list("pk", flat=True)
    )


def test_the_receiver_reads_its_referral_the_cases_services_and_only_its_visits(
    client, referral, receiver
):
    assert _ids(client, "referrals", receiver) == {referral.pk}
    assert len(_ids(client, "services", receiver)) == 2
    assigned = referral.case.follow_ups.get(assigned_organisation=referral.to_organisation)
    assert _ids(client, "follow-ups", receiver) == {assigned.pk}
    other = referral.case.follow_ups.exclude(pk=assigned.pk).get()
    assert _detail(client, "follow-ups", receiver, other.pk).status_code == 404


def test_the_lists_are_the_pages_selectors(client, worker, referral, receiver):
    for user in (worker, receiver):
        assert _ids(client, "referrals", user) == set(
            referral_selectors.referral_list_for_user(user=user).values_list("pk", flat=True)
        )
        assert _ids(client, "follow-ups", user) == set(
            referral_selectors.follow_up_list_for_user(user=user).values_list("pk", flat=True)
        )


@pytest.mark.parametrize("name", ["referrals", "services", "follow-ups"])
def test_another_office_gets_the_404_of_a_missing_record(client, referral, name):
    outsider = _elsewhere(Role.CASE_WORKER)
    record = {
        "referrals": referral,
        "services": referral.case.services.first(),
        "follow-ups": referral.case.follow_ups.first(),
    }[name]
    assert _ids(client, name, outsider) == set()
    hidden = _detail(client, name, outsider, record.pk)
    missing = _detail(client, name, outsider, 2_147_483_647)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


@pytest.mark.parametrize("name", ["referrals", "services", "follow-ups"])
def test_a_role_without_referral_work_gets_the_404_of_the_pages(client, name):
    response = client.get(
        reverse(f"api:{name}_list"), **bearer(personal_token(UserFactory(roles=[Role.TRAINER])))
    )
    assert response.status_code == 404


def test_a_voided_service_is_listed_with_its_voiding(client, worker, referral):
    service = referral.case.services.first()
    ServiceDelivery.all_objects.filter(pk=service.pk).update(
        voided_at=timezone.now(), void_reason="typo"
    )
    response = _detail(client, "services", worker, service.pk)
    assert response.json()["voided_at"] is not None


def test_every_referral_shown_is_audited_with_the_tokens_name(client, worker, referral):
    token = personal_token(worker, name="partner sync")
    client.get(reverse("api:referrals_list"), **bearer(token))
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="referrals.referral")
    assert entry.object_id == str(referral.pk)
    assert entry.actor == worker
    assert entry.extra["via"] == f"api-token:partner sync ({token.token.prefix})"
    assert "message" in entry.extra["fields"]


# --- training and prevention ---------------------------------------------------------------


def test_a_trainer_reads_the_sessions_and_participants_of_its_scope(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    mine = EnrolmentFactory(session=TrainingSessionFactory(created_by=trainer))
    other = EnrolmentFactory(session=TrainingSessionFactory(created_by=_elsewhere(Role.TRAINER)))
    assert _ids(client, "training-sessions", trainer) == {mine.session_id}
    assert _ids(client, "training-participants", trainer) == {mine.participant_id}
    response = _detail(client, "training-participants", trainer, mine.participant_id)
    assert response.json()["sessions"] == [mine.session_id]
    assert (
        _detail(client, "training-participants", trainer, other.participant_id).status_code == 404
    )
    assert _detail(client, "training-sessions", trainer, other.session_id).status_code == 404


def test_participants_shown_are_audited_sessions_are_not(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    enrolment = EnrolmentFactory(session=TrainingSessionFactory(created_by=trainer))
    _ids(client, "training-sessions", trainer)
    _ids(client, "training-participants", trainer)
    views = AuditEntry.objects.filter(action=AuditAction.VIEW)
    assert {(e.object_type, e.object_id) for e in views} == {
        ("training.participant", str(enrolment.participant_id))
    }


def test_a_prevention_officer_reads_the_activities_of_its_scope_only(client):
    officer = UserFactory(roles=[Role.PREVENTION_OFFICER])
    mine = AwarenessActivityFactory(recorded_by=officer)
    AwarenessActivityFactory(recorded_by=_elsewhere(Role.PREVENTION_OFFICER))
    assert _ids(client, "prevention-activities", officer) == {mine.pk}
    assert _ids(client, "hotline-calls", UserFactory(roles=[Role.HOTLINE_COUNSELLOR])) == set()


def test_a_hotline_reads_its_own_calls_audited(client):
    call = HotlineCallFactory(potential_case=True)
    other = HotlineCallFactory()
    counsellor = call.taken_by
    assert _ids(client, "hotline-calls", counsellor) == {call.pk}
    assert _detail(client, "hotline-calls", counsellor, other.pk).status_code == 404
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="prevention.hotlinecall")
    assert sorted(entry.extra["fields"]) == ["person", "summary"]


def test_a_case_worker_gets_the_404_of_the_prevention_pages(client, worker):
    for name in ("prevention-activities", "hotline-calls", "training-sessions"):
        response = client.get(reverse(f"api:{name}_list"), **bearer(personal_token(worker)))
        assert response.status_code == 404, name


# --- pagination and updated_since, on every new list ---------------------------------------


def test_the_cursor_and_updated_since_work_on_a_new_list(client):
    officer = UserFactory(roles=[Role.PREVENTION_OFFICER])
    activities = AwarenessActivityFactory.create_batch(5, recorded_by=officer)
    token = personal_token(officer)
    seen, url = [], reverse("api:prevention-activities_list") + "?page_size=2"
    while url:
        page = client.get(url, **bearer(token)).json()
        assert len(page["results"]) <= 2
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(a.pk for a in activities)
    old = activities[0]
    AwarenessActivity.objects.exclude(pk=old.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=3)
    )
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert _ids(client, "prevention-activities", officer, updated_since=since) == {old.pk}
