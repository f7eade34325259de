"""Prevention: awareness activities (people reached, counted, never named) and hotline calls."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel, Voidable
from pokpong.places.models import District, Province
from pokpong.referrals.models import Urgency


class ActivityType(models.TextChoices):
    VILLAGE_MEETING = "village_meeting", _("Village meeting")
    SCHOOL_SESSION = "school_session", _("School session")
    RADIO = "radio", _("Radio")
    SOCIAL_MEDIA = "social_media", _("Social media")
    MARKET_EVENT = "market_event", _("Market event")
    SAFE_MIGRATION = "safe_migration", _("Safe migration counselling")


class AwarenessActivity(Voidable, TimeStampedModel):
    """One awareness activity; participants are counted by sex and age group, not named."""

    type = models.CharField(_("type"), max_length=20, choices=ActivityType)
    held_on = models.DateField(_("date"))
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
    village = models.CharField(_("village or place"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    topics = models.CharField(_("topics"), max_length=300, blank=True)
    materials = models.CharField(_("materials distributed"), max_length=300, blank=True)
    girls = models.PositiveIntegerField(_("girls (under 18)"), default=0)
    boys = models.PositiveIntegerField(_("boys (under 18)"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("awareness activity")
        verbose_name_plural = _("awareness activities")
        indexes = [
            models.Index(fields=["province", "-held_on"], name="awareness_province_idx"),
            models.Index(fields=["held_on"], name="awareness_held_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} · {self.held_on:%d/%m/%Y}"

    @property
    def audit_label(self) -> str:
        return f"activity {self.pk}"

    @property
    def reached(self) -> int:
        return self.girls + self.boys + self.women + self.men


class Channel(models.TextChoices):
    PHONE_1362 = "phone_1362", _("Phone (1362)")
    FACEBOOK = "facebook", _("Facebook")
    WALK_IN = "walk_in", _("Walk-in")
    OTHER = "other", _("Other")


class CallerType(models.TextChoices):
    SELF = "self", _("The person concerned")
    FAMILY = "family", _("Family member")
    COMMUNITY = "community", _("Community member")
    OFFICIAL = "official", _("Official")
    ANONYMOUS = "anonymous", _("Anonymous")


class CallTopic(models.TextChoices):
    INFORMATION = "information", _("Information")
    MISSING_PERSON = "missing_person", _("Missing person")
    SUSPECTED_TRAFFICKING = "suspected_trafficking", _("Suspected trafficking")
    SAFE_MIGRATION = "safe_migration", _("Safe migration")
    OTHER = "other", _("Other")


class CallOutcome(models.TextChoices):
    INFORMED = "informed", _("Information given")
    REFERRED = "referred", _("Referred to a service")
    POTENTIAL_CASE = "potential_case", _("Potential case opened")
    NO_ACTION = "no_action", _("No action needed")


class HotlineCall(Voidable, TimeStampedModel):
    received_at = models.DateTimeField(_("received at"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel)
    caller_type = models.CharField(_("caller"), max_length=12, choices=CallerType)
    topic = models.CharField(_("topic"), max_length=24, choices=CallTopic)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province concerned"),
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CallOutcome)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken by"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person registered"),
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")
        indexes = [models.Index(fields=["-received_at", "-id"], name="call_list_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="potential_case") | Q(person__isnull=False),
                name="hotlinecall_potential_case_has_person",
            ),
        ]

    def __str__(self) -> str:
        return f"call {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"call {self.pk}"


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskAssessment(Voidable, TimeStampedModel):
    """A community vulnerability assessment of one village: a scored questionnaire."""

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
    village = models.CharField(_("village"), max_length=200)
    assessed_on = models.DateField(_("date"))
    answers = models.JSONField(_("answers"), default=dict)  # question code → 0, 1 or 2
    score = models.PositiveSmallIntegerField(_("score"))
    risk_level = models.CharField(_("risk level"), max_length=6, choices=RiskLevel)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("community risk assessment")
        verbose_name_plural = _("community risk assessments")

    def __str__(self) -> str:
        return f"{self.village} · {self.assessed_on:%d/%m/%Y}"

    @property
    def audit_label(self) -> str:
        return f"assessment {self.pk}"


class CallReferralStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted: case opened")
    DECLINED = "declined", _("Declined")


class CallReferral(TimeStampedModel):
    """A potential case from the hotline, referred to the social welfare office of the person's
    province of origin; that office takes the person on and opens a case (journey 2), or
    declines and the hotline refers elsewhere."""

    call = models.ForeignKey(
        HotlineCall, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("call")
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred to"),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.URGENT
    )
    caller_agreed = models.BooleanField(
        _("the caller agreed that the report is passed on"), default=False
    )
    message = EncryptedTextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CallReferralStatus,
        default=CallReferralStatus.REQUESTED,
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
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case opened"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("potential case referral")
        verbose_name_plural = _("potential case referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="callreferral_inbox_idx"),
            models.Index(fields=["created_at"], name="callreferral_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["call"],
                condition=Q(status="requested") | Q(status="accepted"),
                name="callreferral_one_open_per_call",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(case__isnull=False),
                name="callreferral_accepted_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"call referral {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"call referral {self.pk} of call {self.call_id}"
