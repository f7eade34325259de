"""A case's criminal-justice file: complaint, investigation, suspects, charges, prosecution,
hearings, verdicts and appeal, and the support the victim receives as a witness.

Suspects' names and identifying details are encrypted like victims' names (`core.crypto`). The
file is the police's and the owning office's only (`policy.can_view_justice_file`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.cases.models import Case, RecruiterRelationship
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import ReferenceItem, TimeStampedModel
from pokpong.places.models import Country


class LawArticle(ReferenceItem):
    """An article of the Law on Anti-Human Trafficking (2015) a charge is brought under.
    An editable list: the seeded entries are marked to be verified by a lawyer."""

    article = models.CharField(_("article"), max_length=20)
    needs_verification = models.BooleanField(_("to be verified"), default=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("article of the law")
        verbose_name_plural = _("articles of the law")


class InvestigationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    INVESTIGATING = "investigating", _("Under investigation")
    SENT_TO_PROSECUTOR = "sent_to_prosecutor", _("Sent to the prosecutor")
    CLOSED_NO_CHARGE = "closed_no_charge", _("Closed without charge")


class JusticeFile(TimeStampedModel):
    """One per case: where the complaint went and how far the criminal case got."""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="justice_file", verbose_name=_("case")
    )
    complaint_filed_on = models.DateField(_("complaint filed on"), null=True, blank=True)
    complaint_place = models.CharField(_("where"), max_length=200, blank=True)
    complaint_received_by = models.CharField(_("received by"), max_length=200, blank=True)
    investigation_unit = models.CharField(_("investigating unit"), max_length=200, blank=True)
    investigation_reference = models.CharField(_("police reference"), max_length=100, blank=True)
    investigation_status = models.CharField(
        _("investigation"),
        max_length=20,
        choices=InvestigationStatus,
        default=InvestigationStatus.NOT_STARTED,
    )
    investigation_opened_on = models.DateField(_("investigation opened on"), null=True, blank=True)
    prosecutor_office = models.CharField(_("prosecutor's office"), max_length=200, blank=True)
    prosecution_reference = models.CharField(_("prosecution reference"), max_length=100, blank=True)
    indicted_on = models.DateField(_("indicted on"), null=True, blank=True)
    is_appealed = models.BooleanField(_("appealed"), default=False)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)
    appeal_outcome = models.CharField(_("outcome of the appeal"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("justice file")
        verbose_name_plural = _("justice files")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_appealed=True)
                | (Q(appealed_on__isnull=True) & Q(appeal_outcome="")),
                name="justice_appeal_only_when_appealed",
                violation_error_message=_("Tick “appealed” to record an appeal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}"

    @property
    def audit_label(self) -> str:
        return f"justice file of case {self.case_id}"


class SuspectRole(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    EMPLOYER = "employer", _("Employer or exploiter")
    BROKER = "broker", _("Broker")
    OTHER = "other", pgettext_lazy("suspect role", "Other")


class Suspect(TimeStampedModel):
    file = models.ForeignKey(JusticeFile, on_delete=models.PROTECT, related_name="suspects")
    name = EncryptedTextField(_("name"))
    identifying_details = EncryptedTextField(
        _("other identifying details"),
        blank=True,
        help_text=_("Other names, identity card number, address, description."),
    )
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    role = models.CharField(_("role"), max_length=15, choices=SuspectRole)
    relationship = models.CharField(
        _("relationship to the victim"),
        max_length=20,
        choices=RecruiterRelationship,
        blank=True,
    )
    is_arrested = models.BooleanField(_("arrested"), default=False)

    class Meta:
        verbose_name = _("suspect")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        # Never the name: records of others (a charge, a verdict) and the audit trail's lines
        # show a suspect by this label, in pages that do not audit the suspect's name.
        return f"{self.get_role_display()} #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"suspect {self.pk}"


class Charge(TimeStampedModel):
    file = models.ForeignKey(JusticeFile, on_delete=models.PROTECT, related_name="charges")
    suspect = models.ForeignKey(
        Suspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        verbose_name=_("suspect"),
    )
    article = models.ForeignKey(
        LawArticle, on_delete=models.PROTECT, related_name="+", verbose_name=_("article")
    )
    charged_on = models.DateField(_("charged on"))

    class Meta:
        verbose_name = _("charge")
        ordering = ["charged_on", "pk"]

    def __str__(self) -> str:
        return f"{self.article_id} {self.charged_on}"


class HearingKind(models.TextChoices):
    PRE_TRIAL = "pre_trial", _("Pre-trial hearing")
    TRIAL = "trial", _("Trial")
    VERDICT = "verdict", _("Reading of the verdict")
    APPEAL = "appeal", _("Appeal hearing")
    OTHER = "other", pgettext_lazy("hearing kind", "Other")


class Hearing(TimeStampedModel):
    file = models.ForeignKey(JusticeFile, on_delete=models.PROTECT, related_name="hearings")
    court = models.CharField(_("court"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    kind = models.CharField(_("kind of hearing"), max_length=15, choices=HearingKind)
    outcome_note = models.TextField(_("what happened"), blank=True)

    class Meta:
        verbose_name = _("hearing")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="justice_hearing_starts")]

    def __str__(self) -> str:
        return f"{self.court} {self.starts_at:%Y-%m-%d}"


class VerdictOutcome(models.TextChoices):
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISMISSED = "dismissed", _("Dismissed")


class Verdict(TimeStampedModel):
    """A court's decision, for one suspect when the court named them, else for the file."""

    file = models.ForeignKey(JusticeFile, on_delete=models.PROTECT, related_name="verdicts")
    suspect = models.ForeignKey(
        Suspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verdicts",
        verbose_name=_("suspect"),
    )
    decided_on = models.DateField(_("decided on"))
    court = models.CharField(_("court"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=15, choices=VerdictOutcome)
    prison_years = models.PositiveSmallIntegerField(_("prison: years"), null=True, blank=True)
    prison_months = models.PositiveSmallIntegerField(_("prison: months"), null=True, blank=True)
    fine_lak = models.PositiveBigIntegerField(_("fine (LAK)"), null=True, blank=True)

    class Meta:
        verbose_name = _("verdict")
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="convicted")
                | (
                    Q(prison_years__isnull=True)
                    & Q(prison_months__isnull=True)
                    & Q(fine_lak__isnull=True)
                ),
                name="justice_sentence_only_when_convicted",
                violation_error_message=_("Only a conviction carries a sentence."),
            ),
            models.CheckConstraint(
                condition=Q(prison_months__isnull=True) | Q(prison_months__lte=11),
                name="justice_prison_months_below_a_year",
                violation_error_message=_("Twelve months or more: write them as years."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.decided_on}"


class WitnessSupport(TimeStampedModel):
    """The victim as a witness: legal aid, accompaniment, protection, reflection period and
    compensation. One per file."""

    file = models.OneToOneField(
        JusticeFile, on_delete=models.PROTECT, related_name="witness_support"
    )
    has_legal_aid = models.BooleanField(_("legal aid given"), default=False)
    legal_aid_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal aid by"),
    )
    legal_aid_from = models.DateField(_("legal aid from"), null=True, blank=True)
    is_accompanied = models.BooleanField(_("accompanied to hearings"), default=False)
    protection_measures = models.TextField(_("protection measures"), blank=True)
    reflection_days = models.PositiveSmallIntegerField(
        _("reflection period (days)"), null=True, blank=True
    )
    compensation_claimed_lak = models.PositiveBigIntegerField(
        _("compensation claimed (LAK)"), null=True, blank=True
    )
    claimed_on = models.DateField(_("claimed on"), null=True, blank=True)
    compensation_awarded_lak = models.PositiveBigIntegerField(
        _("compensation awarded (LAK)"), null=True, blank=True
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    compensation_paid_lak = models.PositiveBigIntegerField(
        _("compensation paid so far (LAK)"), null=True, blank=True
    )
    paid_on = models.DateField(_("last paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("support as a witness")
        constraints = [
            models.CheckConstraint(
                condition=Q(compensation_paid_lak__isnull=True)
                | Q(compensation_awarded_lak__isnull=True)
                | Q(compensation_paid_lak__lte=models.F("compensation_awarded_lak")),
                name="justice_paid_not_above_awarded",
                violation_error_message=_("More paid than awarded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_id}"

    @property
    def compensation_outstanding_lak(self) -> int | None:
        if self.compensation_awarded_lak is None:
            return None
        return self.compensation_awarded_lak - (self.compensation_paid_lak or 0)
