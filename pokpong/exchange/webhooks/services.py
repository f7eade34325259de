"""Every write of the outbound webhooks: endpoints (audited), deliveries queued inside the
transaction of the change they announce and sent by the tasks worker after it commits."""

import datetime as dt
import json
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import can_manage_webhook, can_manage_webhooks_of
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.exchange.webhooks import transport
from pokpong.exchange.webhooks.models import (
    SUBSCRIBABLE,
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pokpong.exchange.webhooks.signing import secret_new, signature
from pokpong.exchange.webhooks.targets import TargetRefused, check_url

ENDPOINT_FIELDS = ("organisation", "name", "url", "events", "is_active", "secret")
USER_AGENT = "Pokpong-Webhooks/1"
SWITCHED_OFF = "endpoint switched off"


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _check(endpoint: WebhookEndpoint) -> None:
    unknown = set(endpoint.events) - {str(e) for e in SUBSCRIBABLE}
    if unknown or not endpoint.events:
        raise ValidationError({"events": _("Choose at least one of the events listed.")})
    try:
        check_url(endpoint.url)
    except TargetRefused as exc:
        raise ValidationError({"url": str(exc)}) from None
    endpoint.full_clean()


@transaction.atomic
def endpoint_create(
    *, user: User, organisation: Organisation, name: str, url: str, events: list[str]
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint with a new signing secret; the secret is returned to be shown once."""
    _require(can_manage_webhooks_of(user, organisation.pk))
    secret = secret_new()
    endpoint = WebhookEndpoint(
        organisation=organisation,
        name=name,
        url=url,
        events=sorted(events),
        secret=secret,
        created_by=user,
    )
    _check(endpoint)
    endpoint.save()
    changes = creation_changes(endpoint, ENDPOINT_FIELDS)
    audit_record(actor=user, action=AuditAction.CREATE, obj=endpoint, changes=changes)
    return endpoint, secret


@transaction.atomic
def endpoint_update(
    *,
    user: User,
    endpoint: WebhookEndpoint,
    name: str,
    url: str,
    events: list[str],
    is_active: bool,
) -> WebhookEndpoint:
    """Change the address, the events or the name; switch the endpoint off or on."""
    _require(can_manage_webhook(user, endpoint))
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    before = snapshot(current, ENDPOINT_FIELDS)
    current.name, current.url, current.events = name, url, sorted(events)
    current.is_active = is_active
    _check(current)
    current.save()
    changes = diff(before, current)
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


@transaction.atomic
def endpoint_secret_renew(*, user: User, endpoint: WebhookEndpoint) -> str:
    """A new signing secret (the old one stops at once); returned to be shown once."""
    _require(can_manage_webhook(user, endpoint))
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    current.secret = secret_new()
    current.save(update_fields=["secret", "updated_at"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=current, changes={"secret": "changed"})
    return current.secret


# --- Deliveries ------------------------------------------------------------------------------


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _delivery_new(
    *, endpoint: WebhookEndpoint, event: str, data: dict[str, Any], occurred_at: dt.datetime
) -> WebhookDelivery:
    delivery = WebhookDelivery(endpoint=endpoint, event=event, payload={})
    delivery.payload = {
        "event": event,
        "delivery": str(delivery.uid),
        "occurred_at": _stamp(occurred_at),
        "organisation": endpoint.organisation_id,
        "data": data,
    }
    delivery.save()
    delivery_id = delivery.pk
    transaction.on_commit(lambda: _enqueue(delivery_id))
    return delivery


def _enqueue(delivery_id: int, *, run_after: dt.datetime | None = None) -> None:
    from pokpong.exchange.webhooks.tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the tests' immediate backend: `webhooks_retry_due` sends it when due
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id)


def webhooks_queue(
    *, event: str, organisation_ids: Iterable[int | None], data: dict[str, Any]
) -> list[WebhookDelivery]:
    """One delivery for each active endpoint of these organisations subscribed to the event.
    Called inside the transaction of the change: a rollback leaves nothing to send, and the
    sending starts only after the commit."""
    ids = {pk for pk in organisation_ids if pk is not None}
    endpoints = WebhookEndpoint.objects.filter(organisation_id__in=ids, is_active=True)
    now = timezone.now()
    return [
        _delivery_new(endpoint=endpoint, event=event, data=data, occurred_at=now)
        for endpoint in endpoints
        if event in endpoint.events
    ]


@transaction.atomic
def endpoint_test(*, user: User, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a "ping" to the endpoint (even one switched off: to check it before switching on)."""
    _require(can_manage_webhook(user, endpoint))
    data = {"message": "Test event from Pokpong"}
    delivery = _delivery_new(
        endpoint=endpoint, event=WebhookEvent.PING, data=data, occurred_at=timezone.now()
    )
    audit_record(actor=user, action=AuditAction.CREATE, obj=delivery, parent=endpoint)
    return delivery


@transaction.atomic
def delivery_redeliver(*, user: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same event again, as a new delivery (its own id and attempts)."""
    endpoint = delivery.endpoint
    _require(can_manage_webhook(user, endpoint))
    occurred = dt.datetime.fromisoformat(delivery.payload["occurred_at"])
    again = _delivery_new(
        endpoint=endpoint, event=delivery.event, data=delivery.payload["data"], occurred_at=occurred
    )
    again.redelivery_of = delivery
    again.save(update_fields=["redelivery_of"])
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=again,
        parent=endpoint,
        extra={"redelivery_of": str(delivery.uid)},
    )
    return again


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the next attempt of a waiting delivery; None when it is not waiting (sent, failed,
    or taken by another worker at the same moment)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return None
    if delivery.next_attempt_at is not None and delivery.next_attempt_at > timezone.now():
        return None  # not due yet (a second task for the same delivery)
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
    ).update(attempts=delivery.attempts + 1, next_attempt_at=None)
    if not claimed:
        return None
    delivery.attempts += 1
    return delivery


def request_for(delivery: WebhookDelivery, *, now: dt.datetime) -> tuple[bytes, dict[str, str]]:
    """The body (the payload with the time of sending) and the headers of one attempt."""
    body = json.dumps(
        {**delivery.payload, "sent_at": _stamp(now)}, ensure_ascii=False, sort_keys=True
    ).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Pokpong-Event": delivery.event,
        "X-Pokpong-Delivery": str(delivery.uid),
        "X-Pokpong-Timestamp": str(int(now.timestamp())),
        "X-Pokpong-Signature": signature(secret=delivery.endpoint.secret, body=body),
    }
    return body, headers


def _send(delivery: WebhookDelivery) -> WebhookAttempt:
    now = timezone.now()
    attempt = WebhookAttempt(delivery=delivery, number=delivery.attempts, at=now, duration_ms=0)
    endpoint = delivery.endpoint
    if not endpoint.is_active and delivery.event != WebhookEvent.PING:
        attempt.error = SWITCHED_OFF
        return attempt
    body, headers = request_for(delivery, now=now)
    started = time.monotonic()
    try:
        check_url(endpoint.url)
        answer = transport.post(
            url=endpoint.url,
            body=body,
            headers=headers,
            timeout=settings.POKPONG_WEBHOOKS_TIMEOUT_SECONDS,
        )
    except TargetRefused as exc:
        attempt.error = str(exc)[:300]
    except Exception as exc:  # noqa: BLE001  (network, TLS, protocol: logged on the attempt)
        attempt.error = f"{type(exc).__name__}: {exc}"[:300]
    else:
        attempt.http_status, attempt.response_excerpt = answer.status, answer.excerpt
        if not attempt.succeeded:
            attempt.error = f"HTTP {answer.status}"
    attempt.duration_ms = int((time.monotonic() - started) * 1000)
    return attempt


def _retry_delay(attempts: int) -> dt.timedelta | None:
    """How long before the next attempt after this many failed ones; None: no more."""
    delays = settings.POKPONG_WEBHOOKS_RETRY_MINUTES
    if attempts > len(delays) or not delays:
        return None
    return dt.timedelta(minutes=delays[attempts - 1])


def max_attempts() -> int:
    return len(settings.POKPONG_WEBHOOKS_RETRY_MINUTES) + 1


def delivery_attempt(*, delivery_id: int) -> str:
    """Send one waiting delivery once (the task calls this); on failure schedule the next
    attempt with a growing delay, or after the last one mark it failed. Returns the status."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return "skipped"
    attempt = _send(delivery)
    with transaction.atomic():
        attempt.save()
        delay = None if attempt.succeeded else _retry_delay(delivery.attempts)
        if attempt.succeeded:
            delivery.status = DeliveryStatus.DELIVERED
        elif delay is None or attempt.error == SWITCHED_OFF:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = attempt.at + delay
        delivery.save(update_fields=["status", "next_attempt_at"])
        if delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at:
            run_after, delivery_pk = delivery.next_attempt_at, delivery.pk
            transaction.on_commit(lambda: _enqueue(delivery_pk, run_after=run_after))
    return str(delivery.status)


def webhooks_retry_due(*, now: dt.datetime | None = None) -> int:
    """Queue the waiting deliveries whose next attempt is due (a safety net for a lost task, and
    the retries on a backend that cannot defer); how many."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
    ).values_list("pk", flat=True)
    ids = list(due)
    for pk in ids:
        _enqueue(pk)
    return len(ids)
