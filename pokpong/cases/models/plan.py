"""Needs assessment, case plan with actions, case notes and attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pokpong.cases.models.case import Case
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel, Voidable


class NeedDomain(models.TextChoices):
    SAFETY = "safety", _("Safety")
    HEALTH = "health", _("Health")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    LEGAL = "legal", _("Legal")
    FAMILY = "family", _("Family")
    EDUCATION = "education", _("Education")
    LIVELIHOOD = "livelihood", _("Livelihood")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Need(Voidable, TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(_("domain"), max_length=15, choices=NeedDomain)
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority, default=Priority.MEDIUM
    )
    description = EncryptedTextField(_("what is needed"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["domain", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return f"need {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"need {self.pk} of {self.case.number}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")


class CasePlan(TimeStampedModel):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    goals = EncryptedTextField(_("goals"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Four eyes: whoever wrote or submitted the plan since its last approval cannot approve it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("case plan")
        verbose_name_plural = _("case plans")

    def __str__(self) -> str:
        return f"plan of {self.case_id}"

    @property
    def audit_label(self) -> str:
        return f"plan of {self.case.number}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanAction(Voidable, TimeStampedModel):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="actions")
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("need"),
    )
    description = EncryptedTextField(pgettext_lazy("plan", "action"))
    responsible_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus, default=ActionStatus.PLANNED
    )
    progress = EncryptedTextField(_("progress"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = pgettext_lazy("plan", "action")
        verbose_name_plural = pgettext_lazy("plan", "actions")
        indexes = [models.Index(fields=["status", "due_on"], name="action_due_idx")]

    def __str__(self) -> str:
        return f"action {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"action {self.pk}"


class NoteVisibility(models.TextChoices):
    OWN_ORGANISATION = "own_organisation", _("My organisation only")
    REFERRAL_PARTNERS = "referral_partners", _("Shared with referral partners")


class CaseNote(TimeStampedModel):
    """Confidential by default: visible to the author's organisation unless shared."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=NoteVisibility,
        default=NoteVisibility.OWN_ORGANISATION,
    )
    text = EncryptedTextField(_("note"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"note {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"note {self.pk} of {self.case.number}"


class Attachment(TimeStampedModel):
    """A document or photo; its bytes are stored encrypted outside the database."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    title = EncryptedTextField(pgettext_lazy("document", "title"))
    filename = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=100, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"attachment {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"attachment {self.pk} of {self.case.number}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
