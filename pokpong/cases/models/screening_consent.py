"""Screening, formal identification and consent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.cases.models.forms_of_trafficking import FormOfTrafficking
from pokpong.cases.screening import FormVersion
from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel, Voidable
from pokpong.core.typing import model_field


class ScreeningOutcome(models.TextChoices):
    """The screener's decision. Only the police formally identify a victim (Identification)."""

    POSSIBLE_VICTIM = "possible_victim", _("Possible victim: refer for formal identification")
    NOT_INDICATED = "not_indicated", _("Not indicated")
    FURTHER_ASSESSMENT = "further_assessment", _("Needs further assessment")


class Screening(Voidable, TimeStampedModel):
    """One screening interview with the indicator checklist (short or long form)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="screenings")
    form_version = models.CharField(_("form"), max_length=5, choices=FormVersion.choices)
    screened_on = models.DateField(_("date of screening"))
    location = models.CharField(_("place of the interview"), max_length=200, blank=True)
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    answers = models.JSONField(_("answers"), default=dict)  # indicator code → Answer
    notes = EncryptedTextField(_("notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScreeningOutcome)
    is_child = models.BooleanField(_("child at screening"))
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("screened by"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["-screened_on", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"screening {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"screening {self.pk} of {self.person_id}"


class IdentificationDecision(models.TextChoices):
    """HTCDS vic_TraffickingStatus: ActualVictimOfTrafficking / NotAVictimOfTrafficking."""

    VICTIM = "victim", _("Identified as a victim of trafficking")
    NOT_VICTIM = "not_victim", _("Not a victim of trafficking")


class IdentificationBasis(models.TextChoices):
    RECORDED_BY_POLICE = "recorded_by_police", _("Recorded by the police unit itself")
    WRITTEN_WORD = "written_word", _("Entered on the police unit's written decision")


class Identification(TimeStampedModel):
    """Formal identification by the Anti-Trafficking Department of the Ministry of Public Security.

    Only this record makes a person count as an identified victim.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="identifications"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=IdentificationDecision)
    decided_on = models.DateField(_("date of the decision"))
    police_unit = models.CharField(_("police unit"), max_length=200)
    reference = models.CharField(_("reference of the decision"), max_length=100)
    basis = models.CharField(_("how it was recorded"), max_length=20, choices=IdentificationBasis)
    forms_of_trafficking = models.ManyToManyField(
        FormOfTrafficking, blank=True, verbose_name=_("forms of trafficking")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("formal identification")
        verbose_name_plural = _("formal identifications")
        # The indicator engine's GROUP BY person of victims' first decisions, and date ranges.
        indexes = [
            models.Index(
                fields=["decision", "person", "decided_on"], name="ident_victim_first_idx"
            ),
            models.Index(fields=["decided_on"], name="ident_decided_idx"),
        ]

    def __str__(self) -> str:
        return f"identification {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"identification {self.pk} of {self.person_id}"


class ConsentGiver(models.TextChoices):
    SELF = "self", _("The person themself")
    GUARDIAN = "guardian", _("Parent or guardian")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    THUMBPRINT = "thumbprint", _("Thumbprint on the form")
    VERBAL_WITNESSED = "verbal_witnessed", _("Verbal, with a witness")


class Consent(TimeStampedModel):
    """What the person agreed to, by whom, when and how. Withdrawal is enforced from then on."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="consents")
    for_services = models.BooleanField(_("to receive services and have a case managed"))
    share_with = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("to share the case with these organisations"),
    )
    for_statistics = models.BooleanField(_("to be counted in anonymised statistics"))
    for_photo = models.BooleanField(_("to have a photo taken and kept"))
    given_by = models.CharField(_("given by"), max_length=10, choices=ConsentGiver)
    guardian_name = EncryptedTextField(_("name of the parent or guardian"), blank=True)
    given_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod)
    witness_name = EncryptedTextField(_("witness"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = EncryptedTextField(_("reason for withdrawal"), blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"consent {self.pk} of {self.person_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def purposes(self) -> list[str]:
        """What was agreed to, as labels (sharing is listed with the organisations)."""
        flags = [
            ("for_services", self.for_services),
            ("for_statistics", self.for_statistics),
            ("for_photo", self.for_photo),
        ]
        return [str(model_field(self, name).verbose_name) for name, on in flags if on]
