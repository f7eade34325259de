"""The national referral mechanism: service directory, referrals, services delivered, and the
reintegration that follows (return plan and follow-up visits)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import ReferenceItem, TimeStampedModel, Voidable
from pokpong.places.models import District, Province


class ServiceType(ReferenceItem):
    htcds_value = models.CharField(_("HTCDS value"), max_length=60, blank=True)
    is_one_off = models.BooleanField(
        _("one-off support"),
        default=False,
        help_text=_(
            "Given once (food, a bus ticket): not counted as support based on needs (CUSTOM-2)."
        ),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")


class ServiceOffer(TimeStampedModel):
    """The service directory: what an organisation offers, where, and how much room it has."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="service_offers",
        verbose_name=_("organisation"),
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="+", verbose_name=_("provinces served")
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places in all"), null=True, blank=True)
    available = models.PositiveIntegerField(
        _("places free now"), null=True, blank=True, help_text=_("For example shelter beds free.")
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["service_type__sort_order", "organisation__name_en"]
        verbose_name = _("service offered")
        verbose_name_plural = _("services offered")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service_type"], name="serviceoffer_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_type} · {self.organisation}"

    @property
    def audit_label(self) -> str:
        return f"offer {self.pk}"


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Referral(TimeStampedModel):
    """One request from the case's office to another organisation for one service."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("case")
    )
    from_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("referral", "from"),
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=pgettext_lazy("referral", "to"),
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency, default=Urgency.ROUTINE
    )
    message = EncryptedTextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus, default=ReferralStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    respond_by = models.DateTimeField(_("answer expected by"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="referral_inbox_idx"),
            models.Index(fields=["status", "respond_by"], name="referral_due_idx"),
            models.Index(fields=["created_at"], name="referral_created_idx"),
            models.Index(fields=["responded_at"], name="referral_responded_idx"),
            models.Index(fields=["closed_at"], name="referral_closed_idx"),
        ]

    def __str__(self) -> str:
        """What a person picks in a select: service → receiver · date asked."""
        asked = date_format(timezone.localtime(self.created_at), "SHORT_DATE_FORMAT")
        return f"{self.service_type} → {self.to_organisation} · {asked}"

    @property
    def audit_label(self) -> str:
        return f"referral {self.pk} of {self.case_id}"


class ServiceOutcome(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed as planned")
    PARTLY = "partly", _("Partly completed")
    STOPPED = "stopped", _("Stopped early")


class ServiceDelivery(Voidable, TimeStampedModel):
    """A service given to the person, referred or in-house, with its cost where relevant."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="services", verbose_name=_("case")
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("referral"),
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provided by"),
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(
        pgettext_lazy("service", "outcome"),
        max_length=10,
        choices=ServiceOutcome,
        default=ServiceOutcome.ONGOING,
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    cost_lak = models.DecimalField(
        _("cost (LAK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        indexes = [models.Index(fields=["started_on"], name="service_started_idx")]

    def __str__(self) -> str:
        return f"service {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"service {self.pk} of {self.case_id}"


class ReturnType(models.TextChoices):
    FAMILY = "family", _("Return to the family")
    COMMUNITY = "community", _("Return to the community")
    INDEPENDENT = "independent", _("Independent living")


class ReturnPlan(TimeStampedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="return_plan")
    return_type = models.CharField(_("return to"), max_length=12, choices=ReturnType)
    returned_on = models.DateField(_("date of return"))
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    village = EncryptedTextField(_("village"), blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("return plan")
        verbose_name_plural = _("return plans")

    def __str__(self) -> str:
        return f"return plan of {self.case_id}"

    @property
    def audit_label(self) -> str:
        return f"return plan of {self.case_id}"


class Level(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class FollowUpVisit(TimeStampedModel):
    """One follow-up of the reintegration schedule (default 1, 3, 6, 12 months after return)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    due_on = models.DateField(_("due on"))
    # A partner holding an accepted referral of the case may be asked to make the visit; none
    # means the case's office makes it. The policy lets that partner record this visit only.
    assigned_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visit made by"),
    )
    done_on = models.DateField(_("visited on"), null=True, blank=True)
    wellbeing = models.CharField(_("wellbeing"), max_length=5, choices=Level, blank=True)
    income = models.CharField(_("income"), max_length=5, choices=Level, blank=True)
    # The income as a number beside the rating: what the livelihood indicators compare.
    income_lak = models.PositiveBigIntegerField(_("monthly income (LAK)"), null=True, blank=True)
    education = models.CharField(
        _("education or training"), max_length=5, choices=Level, blank=True
    )
    safety = models.CharField(_("safety"), max_length=5, choices=Level, blank=True)
    retrafficking_risk = models.BooleanField(_("risk of re-trafficking"), default=False)
    notes = EncryptedTextField(_("notes"), blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        indexes = [models.Index(fields=["done_on", "due_on"], name="followup_due_idx")]

    def __str__(self) -> str:
        return f"follow-up {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"follow-up {self.pk} of {self.case_id}"
