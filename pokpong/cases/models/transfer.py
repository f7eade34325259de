"""A case moving to another province's office (the returnee moves home): asked, then answered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pokpong.cases.models.case import Case
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel
from pokpong.places.models import Province


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class CaseTransfer(TimeStampedModel):
    """The holding office asks another province's office to take the case on. Accepted, the
    case and its person move there (same number, whole history); declined, nothing moves."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    from_province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to the office"),
    )
    reason = EncryptedTextField(_("reason for the transfer"))
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus, default=TransferStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="transfer_inbox_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="requested"),
                name="transfer_one_open_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"transfer {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"transfer {self.pk} of {self.case_id}"
