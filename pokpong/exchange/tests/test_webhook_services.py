"""Outbound webhooks: signed by the endpoint's secret, ids and statuses only, sent after the
commit and never after a rollback, retried with growing delays, then failed."""

import datetime as dt
import hashlib
import hmac
import itertools
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from pokpong.cases import services as case_services
from pokpong.cases.models import CaseStatus
from pokpong.cases.tests.factories import ScreeningFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.exchange.webhooks import services
from pokpong.exchange.webhooks.models import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pokpong.referrals import services as referral_services
from pokpong.referrals.models import ServiceType
from pokpong.referrals.tests.factories import consented_case

pytestmark = pytest.mark.django_db
PHONE = "020 5551 2345"
REFERRAL_EVENTS = [e.value for e in WebhookEvent if e.value.startswith("referral.")]
CASE_EVENTS = [e.value for e in WebhookEvent if e.value.startswith("case.")]


def receiver_verifies(secret: str, body: bytes, header: str) -> bool:
    """The verification of docs/webhooks.md, as a receiver writes it."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


@pytest.fixture
def case(caseworker, shelter_org):
    return consented_case(
        office=caseworker,
        share_with=[shelter_org],
        given_name_latin="Chanthaly",
        family_name_latin="Sisouvong",
        given_name_lo="ຈັນທະລີ",
        family_name_lo="ສີສຸວົງ",
        phone=PHONE,
    )


def _endpoint(admin, organisation, url, events=REFERRAL_EVENTS):
    return services.endpoint_create(
        user=admin, organisation=organisation, name="Shelter system", url=url, events=events
    )


def _refer(caseworker, case, organisation):
    return referral_services.referral_create(
        user=caseworker,
        case=case,
        to_organisation=organisation,
        service_type=ServiceType.objects.get(code="shelter"),
        urgency="urgent",
        message="Needs a bed tonight; call Chanthaly on " + PHONE,
    )


def test_a_receiver_verifies_the_signature_of_a_referral_event(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    endpoint, secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        referral = _refer(caseworker, case, shelter_org)
    [got] = receiver.requests
    assert got.path == "/hooks/pokpong"
    assert receiver_verifies(secret, got.body, got.headers["X-Pokpong-Signature"])
    assert not receiver_verifies("whsec_other", got.body, got.headers["X-Pokpong-Signature"])
    payload = json.loads(got.body)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert payload["event"] == got.headers["X-Pokpong-Event"] == "referral.sent"
    assert payload["delivery"] == got.headers["X-Pokpong-Delivery"] == str(delivery.uid)
    assert payload["data"]["referral"] == {
        "id": referral.pk,
        "status": "requested",
        "urgency": "urgent",
        "case_id": case.pk,
        "case_number": case.number,
        "from_organisation": case.organisation_id,
        "to_organisation": shelter_org.pk,
    }
    assert payload["organisation"] == shelter_org.pk
    sent_at = dt.datetime.fromisoformat(payload["sent_at"])
    assert int(sent_at.timestamp()) == int(got.headers["X-Pokpong-Timestamp"])
    assert delivery.status == DeliveryStatus.DELIVERED
    [attempt] = delivery.attempt_log.all()
    assert (attempt.number, attempt.http_status, attempt.error) == (1, 200, "")
    assert attempt.response_excerpt == "ok"


def test_no_personal_data_reaches_the_receiver(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    _endpoint(shelter_admin, shelter_org, receiver.url, events=REFERRAL_EVENTS)
    office_admin = shelter_admin  # the same Savannakhet administrator manages the case's office
    _endpoint(office_admin, case.organisation, receiver.url, events=CASE_EVENTS + REFERRAL_EVENTS)
    with django_capture_on_commit_callbacks(execute=True):
        referral = _refer(caseworker, case, shelter_org)
    with django_capture_on_commit_callbacks(execute=True):
        referral_services.referral_decline(
            user=UserOf(shelter_org), referral=referral, reason="Full; Chanthaly " + PHONE
        )
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_transition(user=caseworker, case=case, target=CaseStatus.SCREENING)
    events = [r.headers["X-Pokpong-Event"] for r in receiver.requests]
    assert sorted(events) == sorted(
        ["referral.sent"] * 2 + ["referral.declined"] * 2 + ["case.status_changed"]
    )
    person = case.person
    secrets = [
        person.given_name_latin,
        person.family_name_latin,
        person.given_name_lo,
        person.family_name_lo,
        PHONE,
        PHONE.replace(" ", ""),
        "Needs a bed",
        "Full",
    ]
    for request in receiver.requests:
        text = request.body.decode() + json.dumps(request.headers, ensure_ascii=False)
        assert json.loads(request.body)["data"]  # something was said
        for secret in secrets:
            assert secret not in text


def UserOf(organisation):
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import UserFactory

    return UserFactory(organisation=organisation, roles=[Role.SERVICE_PROVIDER])


def test_nothing_is_sent_before_the_commit(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _refer(caseworker, case, shelter_org)
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
    for callback in callbacks:
        callback()
    assert len(receiver.requests) == 1


def test_nothing_is_queued_or_sent_when_the_change_is_rolled_back(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _refer(caseworker, case, shelter_org)
                assert WebhookDelivery.objects.count() == 1
                raise RuntimeError("a later step of the same request fails")
        except RuntimeError:
            pass
    assert WebhookDelivery.objects.count() == 0
    assert receiver.requests == []


def test_a_failing_receiver_is_retried_with_growing_delays_then_the_delivery_fails(
    receiver,
    shelter_admin,
    shelter_org,
    caseworker,
    case,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    receiver.statuses = [500] * 10
    scheduled: list[tuple[int, dt.datetime | None]] = []
    monkeypatch.setattr(
        services, "_enqueue", lambda pk, run_after=None: scheduled.append((pk, run_after))
    )
    _endpoint(shelter_admin, shelter_org, receiver.url)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        _refer(caseworker, case, shelter_org)
    delivery = WebhookDelivery.objects.get()
    assert scheduled == [(delivery.pk, None)]
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(services.max_attempts()):
            pk, run_after = scheduled.pop()
            if run_after is not None:
                assert services.delivery_attempt(delivery_id=pk) == "skipped"  # not yet due
                traveller.move_to(run_after)
            with django_capture_on_commit_callbacks(execute=True):
                services.delivery_attempt(delivery_id=pk)
    attempts = list(delivery.attempt_log.order_by("number"))
    gaps = [(b.at - a.at) / dt.timedelta(minutes=1) for a, b in itertools.pairwise(attempts)]
    assert gaps == [1, 5, 30, 120, 720]
    assert [a.http_status for a in attempts] == [500] * 6
    assert attempts[0].error == "HTTP 500" and len(attempts[0].response_excerpt) == 200
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, scheduled) == (DeliveryStatus.FAILED, 6, [])
    assert len(receiver.requests) == 6


def test_a_delivery_that_succeeds_on_a_retry_is_delivered(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    receiver.statuses = [503]
    _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        _refer(caseworker, case, shelter_org)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at is not None
    with time_machine.travel(delivery.next_attempt_at):
        assert services.webhooks_retry_due() == 1  # the immediate backend sends it at once
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    first, second = receiver.requests
    assert first.headers["X-Pokpong-Delivery"] == second.headers["X-Pokpong-Delivery"]


def test_a_retry_is_queued_to_run_after_its_delay_on_a_backend_that_defers(
    settings, receiver, shelter_admin, shelter_org, case, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from pokpong.exchange.webhooks.tasks import deliver_webhook

    receiver.statuses = [500]
    endpoint, _secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=False):
        delivery = services.endpoint_test(user=shelter_admin, endpoint=endpoint)
    with (
        time_machine.travel(timezone.now(), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.delivery_attempt(delivery_id=delivery.pk)
    [queued] = deliver_webhook.get_backend().results  # type: ignore[attr-defined]
    assert queued.args == [delivery.pk]
    delivery.refresh_from_db()
    assert queued.task.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at - delivery.attempt_log.get().at == dt.timedelta(minutes=1)


def test_case_events_reach_the_office_holding_the_case_and_inactive_endpoints_get_nothing(
    receiver, shelter_admin, caseworker, case, django_capture_on_commit_callbacks
):
    endpoint, _secret = _endpoint(
        shelter_admin, case.organisation, receiver.url, events=["case.status_changed"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_transition(user=caseworker, case=case, target=CaseStatus.SCREENING)
    [got] = receiver.requests
    assert json.loads(got.body)["data"]["case"] == {
        "id": case.pk,
        "number": case.number,
        "status": "screening",
        "previous_status": "registered",
        "organisation": case.organisation_id,
    }
    services.endpoint_update(
        user=shelter_admin,
        endpoint=endpoint,
        name=endpoint.name,
        url=endpoint.url,
        events=endpoint.events,
        is_active=False,
    )
    case.refresh_from_db()
    ScreeningFactory(person=case.person)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_transition(user=caseworker, case=case, target=CaseStatus.ACTIVE)
    assert len(receiver.requests) == 1


def test_private_and_loopback_targets_are_refused_unless_allowed(
    settings, shelter_admin, shelter_org
):
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = False
    for url in (
        "https://127.0.0.1/hook",
        "https://localhost:8443/hook",
        "https://10.1.2.3/hook",
        "https://192.168.1.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
    ):
        with pytest.raises(ValidationError) as refused:
            _endpoint(shelter_admin, shelter_org, url)
        assert "url" in refused.value.message_dict, url
    with pytest.raises(ValidationError) as refused:
        _endpoint(shelter_admin, shelter_org, "http://93.184.215.14/hook")  # plain http
    assert "url" in refused.value.message_dict
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = True
    settings.POKPONG_WEBHOOKS_ALLOW_HTTP = True
    endpoint, _secret = _endpoint(shelter_admin, shelter_org, "http://127.0.0.1:9/hook")
    assert endpoint.pk


def test_a_target_refused_at_sending_time_is_logged_and_nothing_is_sent(
    receiver, settings, shelter_admin, shelter_org, django_capture_on_commit_callbacks
):
    endpoint, _secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = False  # allowed when saved, no longer
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.endpoint_test(user=shelter_admin, endpoint=endpoint)
    [attempt] = delivery.attempt_log.all()
    assert "127.0.0.1" in attempt.error and attempt.http_status is None
    assert receiver.requests == []


def test_the_secret_is_stored_encrypted_and_only_administrators_of_the_organisation_act(
    receiver, shelter_admin, champasak_admin, caseworker, shelter_org
):
    endpoint, secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    assert secret.startswith("whsec_") and len(secret) > 40
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM exchange_webhookendpoint WHERE id = %s", [endpoint.pk])
        stored = cursor.fetchone()[0]
    assert secret not in stored
    assert WebhookEndpoint.objects.get().secret == secret
    for outsider in (champasak_admin, caseworker):
        with pytest.raises(PermissionDenied):
            _endpoint(outsider, shelter_org, receiver.url)
        with pytest.raises(PermissionDenied):
            services.endpoint_test(user=outsider, endpoint=endpoint)
        with pytest.raises(PermissionDenied):
            services.endpoint_secret_renew(user=outsider, endpoint=endpoint)


def test_endpoint_changes_are_audited_without_the_secret(receiver, shelter_admin, shelter_org):
    endpoint, secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    services.endpoint_update(
        user=shelter_admin,
        endpoint=endpoint,
        name="Renamed",
        url=endpoint.url,
        events=["referral.accepted"],
        is_active=False,
    )
    renewed = services.endpoint_secret_renew(user=shelter_admin, endpoint=endpoint)
    entries = AuditEntry.objects.filter(object_type="exchange.webhookendpoint").order_by("sequence")
    created, updated, rotated = entries
    assert created.action == AuditAction.CREATE and created.changes["secret"] == "set"
    assert updated.changes["is_active"] == [True, False]
    assert updated.changes["name"] == ["Shelter system", "Renamed"]
    assert rotated.changes == {"secret": "changed"}
    dumped = json.dumps([e.changes for e in entries])
    assert secret not in dumped and renewed not in dumped


def test_a_test_event_and_a_redelivery_each_get_their_own_delivery_id(
    receiver, shelter_admin, shelter_org, django_capture_on_commit_callbacks
):
    endpoint, secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        ping = services.endpoint_test(user=shelter_admin, endpoint=endpoint)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.delivery_redeliver(user=shelter_admin, delivery=ping)
    first, second = (json.loads(r.body) for r in receiver.requests)
    assert first["event"] == second["event"] == "ping"
    assert first["delivery"] == str(ping.uid) != second["delivery"] == str(again.uid)
    assert first["occurred_at"] == second["occurred_at"]
    assert again.redelivery_of == ping
    assert all(
        receiver_verifies(secret, r.body, r.headers["X-Pokpong-Signature"])
        for r in receiver.requests
    )


def test_unknown_or_no_events_are_refused(receiver, shelter_admin, shelter_org):
    for events in ([], ["referral.sent", "person.created"], ["ping"]):
        with pytest.raises(ValidationError) as refused:
            _endpoint(shelter_admin, shelter_org, receiver.url, events=events)
        assert "events" in refused.value.message_dict


def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(
    receiver, shelter_admin, shelter_org, django_capture_on_commit_callbacks
):
    receiver.statuses = [302]
    endpoint, _secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.endpoint_test(user=shelter_admin, endpoint=endpoint)
    delivery.refresh_from_db()
    [attempt] = delivery.attempt_log.all()
    assert (attempt.http_status, attempt.error) == (302, "HTTP 302")
    assert delivery.status == DeliveryStatus.PENDING and len(receiver.requests) == 1


def test_a_waiting_delivery_of_an_endpoint_switched_off_fails_without_being_sent(
    receiver, shelter_admin, shelter_org, caseworker, case, django_capture_on_commit_callbacks
):
    endpoint, _secret = _endpoint(shelter_admin, shelter_org, receiver.url)
    with django_capture_on_commit_callbacks(execute=False):
        _refer(caseworker, case, shelter_org)
    services.endpoint_update(
        user=shelter_admin,
        endpoint=endpoint,
        name=endpoint.name,
        url=endpoint.url,
        events=endpoint.events,
        is_active=False,
    )
    delivery = WebhookDelivery.objects.get()
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.FAILED
    assert receiver.requests == []
    assert delivery.attempt_log.get().error == services.SWITCHED_OFF


def test_the_webhooks_listen_to_the_case_and_referral_events():
    from pokpong.cases.events import case_changed
    from pokpong.exchange.webhooks.events import on_case_changed, on_referral_changed
    from pokpong.referrals.events import referral_changed

    assert on_case_changed in case_changed.subscribers()
    assert on_referral_changed in referral_changed.subscribers()


def test_a_transfer_reaches_the_office_the_case_left_and_the_one_it_joins(
    receiver, caseworker, case, django_capture_on_commit_callbacks
):
    from pokpong.accounts.models import Role
    from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
    from pokpong.exchange.tests.factories import WebhookEndpointFactory
    from pokpong.places.models import Province

    home = OrganisationFactory(province=Province.objects.get(iso_code="LA-LP"))
    left = case.organisation
    for office in (home, left):
        WebhookEndpointFactory(organisation=office, url=receiver.url, events=["case.transferred"])
    transfer = case_services.case_transfer_request(
        user=caseworker, case=case, to_organisation=home, reason="Moves home"
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_transfer_accept(
            user=UserFactory(organisation=home, roles=[Role.CASE_WORKER]), transfer=transfer
        )
    bodies = [json.loads(r.body) for r in receiver.requests]
    assert sorted(b["organisation"] for b in bodies) == sorted([home.pk, left.pk])
    for body in bodies:
        assert body["event"] == "case.transferred"
        assert body["data"]["case"]["organisation"] == home.pk
        assert body["data"]["case"]["previous_organisation"] == left.pk
        assert "Moves home" not in json.dumps(body)
