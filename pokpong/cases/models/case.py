"""The case: one person's path from registration to closure, numbered per province and year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.cases.models.forms_of_trafficking import FormOfTrafficking
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel
from pokpong.places.models import Country, District, Province


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("case status", "Registered")
    SCREENING = "screening", pgettext_lazy("case status", "Screening")
    ACTIVE = "active", pgettext_lazy("case status", "Active")
    REINTEGRATION = "reintegration", pgettext_lazy("case status", "Reintegration")
    FOLLOW_UP = "follow_up", pgettext_lazy("case status", "Follow-up")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RecruiterRelationship(models.TextChoices):
    """HTCDS vic_RelationshipToTrafficker, with the detail Lao caseworkers record."""

    UNKNOWN = "", _("Unknown")
    FAMILY = "family", _("Family member")
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner or spouse")
    FRIEND = "friend", _("Friend or neighbour")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    STRANGER = "stranger", _("Stranger, broker or agent")


class MeansOfControl(models.TextChoices):
    """HTCDS vic_MethodsOfControl values."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of the police or deportation")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats to children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Restricts access to money")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds food, sleep or necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse or isolation")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Drugs or alcohol")
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other")


class Transport(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    ROAD = "road", _("Road")
    BOAT = "boat", _("Boat or river crossing")
    AIR = "air", _("Air")
    ON_FOOT = "on_foot", _("On foot across the border")


class CameToLight(models.TextChoices):
    RETURNEE_SCREENING = "returnee_screening", _("Screening of returnees")
    HOTLINE = "hotline", _("Hotline call")
    POLICE = "police", _("Police operation")
    SELF_REFERRAL = "self_referral", _("The person came forward")
    FAMILY = "family", _("Family or community")
    NGO = "ngo", _("NGO or shelter outreach")
    FOREIGN_AUTHORITIES = "foreign_authorities", _("Foreign authorities or embassy")
    OTHER = "other", _("Other")


class ClosureReason(models.TextChoices):
    REINTEGRATED = "reintegrated", _("Reintegrated: goals of the plan met")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim of trafficking")
    DECLINED = "declined", _("The person declined further services")
    MOVED = "moved", _("Moved away or transferred to another office")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class CaseNumberCounter(models.Model):
    """The last case number given in one province and year; locked row by row when numbering."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="case_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.year}: {self.last}"


class Case(TimeStampedModel):
    number = models.CharField(_("case number"), max_length=20, unique=True)
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
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=CaseStatus, default=CaseStatus.REGISTERED
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caseworker"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("team")
    )
    forms_of_trafficking = models.ManyToManyField(
        FormOfTrafficking, blank=True, verbose_name=_("forms of trafficking")
    )
    country_of_exploitation = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of exploitation"),
    )
    province_of_exploitation = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province of exploitation (inside Laos)"),
    )
    exploitation_began_on = models.DateField(_("exploitation began"), null=True, blank=True)
    exploitation_ended_on = models.DateField(_("exploitation ended"), null=True, blank=True)
    recruiter_relationship = models.CharField(
        _("relationship to the recruiter"),
        max_length=20,
        blank=True,
        choices=RecruiterRelationship,
    )
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    transport = models.CharField(_("transport"), max_length=10, blank=True, choices=Transport)
    came_to_light = models.CharField(
        _("how the case came to light"), max_length=20, choices=CameToLight
    )
    risk_level = models.CharField(
        _("risk level"), max_length=6, choices=RiskLevel, default=RiskLevel.MEDIUM
    )
    risk_reason = EncryptedTextField(_("reason for the risk level"), blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking
    closure_reason = models.CharField(
        _("reason for closure"), max_length=15, blank=True, choices=ClosureReason
    )
    closure_note = EncryptedTextField(_("closure note"), blank=True)
    closure_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_requested_at = models.DateTimeField(null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["province", "status", "-created_at"], name="case_province_idx"),
            models.Index(fields=["caseworker", "status"], name="case_caseworker_idx"),
            # the caseload's keyset pages: newest first, by status, last changed first
            models.Index(fields=["-created_at", "-id"], name="case_list_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="case_status_list_idx"),
            models.Index(fields=["-updated_at", "-id"], name="case_updated_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="case_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(exploitation_ended_on__isnull=True)
                | Q(exploitation_began_on__isnull=True)
                | Q(exploitation_ended_on__gte=models.F("exploitation_began_on")),
                name="case_exploitation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_label(self) -> str:
        return self.number

    @property
    def closure_pending(self) -> bool:
        return self.closure_requested_at is not None and self.status != CaseStatus.CLOSED
