"""Webhook endpoints of an organisation, the deliveries of events to them and each attempt."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.accounts.models import Organisation, User
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel


class WebhookEvent(models.TextChoices):
    """What an endpoint can subscribe to; the payload's "event"."""

    REFERRAL_SENT = "referral.sent", _("Referral sent")
    REFERRAL_ACCEPTED = "referral.accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral.declined", _("Referral declined")
    REFERRAL_COMPLETED = "referral.completed", _("Referral completed")
    REFERRAL_CANCELLED = "referral.cancelled", _("Referral cancelled")
    CASE_OPENED = "case.opened", _("Case opened")
    CASE_STATUS_CHANGED = "case.status_changed", _("Case status changed")
    CASE_CLOSED = "case.closed", _("Case closed")
    CASE_REOPENED = "case.reopened", _("Case reopened")
    CASE_TRANSFERRED = "case.transferred", _("Case transferred to another office")
    PING = "ping", _("Test event")


SUBSCRIBABLE = [event for event in WebhookEvent if event != WebhookEvent.PING]


class WebhookEndpoint(TimeStampedModel):
    """A URL of one organisation's own system that receives the events it subscribed to."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="webhook_endpoints",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address (URL)"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    # Needed in clear to sign each payload, so encrypted (POKPONG_FIELD_KEYS), never hashed.
    secret = EncryptedTextField(_("signing secret"))
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def event_labels(self) -> list[str]:
        return [str(WebhookEvent(e).label) for e in self.events if e in WebhookEvent.values]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("webhook delivery", "Waiting")
    DELIVERED = "delivered", pgettext_lazy("webhook delivery", "Delivered")
    FAILED = "failed", pgettext_lazy("webhook delivery", "Failed")


class WebhookDelivery(models.Model):
    """One event for one endpoint: its payload (ids and statuses only) and where it stands."""

    uid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    redelivery_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "delivered", "failed"]),
                name="webhookdelivery_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.uid}"

    @property
    def audit_label(self) -> str:
        return str(self.uid)


class WebhookAttempt(models.Model):
    """One try to deliver: when, the answer's HTTP status, how long, what went wrong. Of the
    answer only a short excerpt is kept."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    at = models.DateTimeField(_("when"))
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    error = models.CharField(_("error"), max_length=300, blank=True)
    response_excerpt = models.CharField(_("answer (excerpt)"), max_length=200, blank=True)

    class Meta:
        ordering = ["delivery_id", "number"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "number"], name="webhookattempt_unique_number"
            ),
        ]

    @property
    def succeeded(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300
