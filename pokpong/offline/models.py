"""What the server remembers of each record synced from a phone: the client's id and its result.

A phone gives every draft a random UUID. The first sync that succeeds records it here with what it
created (unique per client id), so a retried sync answers the earlier result and never creates a
second record. A follow-up visit whose case changed while the phone was offline is kept here,
encrypted, until a person resolves it (both versions kept, nothing overwritten).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel


class SubmissionKind(models.TextChoices):
    PERSON = "person", _("Registration")
    SCREENING = "screening", _("Screening")
    FOLLOW_UP = "follow_up", _("Follow-up visit")


class SubmissionStatus(models.TextChoices):
    CREATED = "created", _("Created")
    CONFLICT = "conflict", _("Kept, to resolve")
    RESOLVED = "resolved", _("Resolved")


class Resolution(models.TextChoices):
    ADDED = "added", _("Added as another visit")
    DROPPED = "dropped", _("The recorded visit kept, this one dropped")


class OfflineSubmission(TimeStampedModel):
    client_id = models.UUIDField(_("client id"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SubmissionKind)
    status = models.CharField(_("status"), max_length=10, choices=SubmissionStatus)
    # What the sync created: a person, a screening, or the visit recorded.
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    # A follow-up visit kept in conflict: the visit it was made for and what it found (JSON).
    visit = models.ForeignKey(
        "referrals.FollowUpVisit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up visit"),
    )
    payload = EncryptedTextField(_("visit made offline"), blank=True)
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("offline submission")
        verbose_name_plural = _("offline submissions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="conflict") | models.Q(visit__isnull=False),
                name="offline_conflict_has_visit",
            )
        ]

    def __str__(self) -> str:
        return f"offline {self.kind} {self.client_id}"

    @property
    def audit_label(self) -> str:
        return f"offline submission {self.pk}"
