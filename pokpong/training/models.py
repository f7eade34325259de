"""Training of officials: the course catalogue, sessions, and participants with their tests."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import BilingualNameMixin, TimeStampedModel, Voidable
from pokpong.places.models import District, Province

FOLLOW_UP_AFTER_DAYS = 90  # trained officials are asked about three months after a session


class Topic(models.TextChoices):
    IDENTIFICATION = "identification", _("Victim identification")
    REFERRAL = "referral", _("Referral")
    LAW = "law", _("The anti-trafficking law")
    INTERVIEWING = "interviewing", _("Victim-centred interviewing")
    INVESTIGATION = "investigation", _("Investigation")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    SAFE_MIGRATION = "safe_migration", _("Safe migration")


class Course(Voidable, BilingualNameMixin, TimeStampedModel):
    """A course of the shared catalogue. Voided (entered by mistake) only when none of its
    sessions counts: it leaves the catalogue and the choices; its voided sessions still name it."""

    name_lo = models.CharField(_("title in Lao"), max_length=200)
    name_en = models.CharField(_("title in English"), max_length=200)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic)
    audience = models.CharField(_("target audience"), max_length=200, blank=True)
    hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=1)
    is_active = models.BooleanField(_("active"), default=True)
    # The completion rule: a certificate needs this share of the session's hours and, when set,
    # this post-test score.
    min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (percentage of hours)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    pass_mark = models.DecimalField(
        _("post-test pass mark (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    # Who added it to the catalogue (empty for courses added before it was recorded): until the
    # course is given, only that office's trainers (and national ones) correct it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def audit_label(self) -> str:
        return self.name_en


class TrainingSession(Voidable, TimeStampedModel):
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    venue = models.CharField(_("venue"), max_length=200)
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
    trainers = models.CharField(_("trainers"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    gender_content = models.BooleanField(
        _("substantial gender-equality content"),
        default=False,
        help_text=_("Counted for GNDR-8 when a participant has 3 hours or more of it."),
    )
    first_responders = models.BooleanField(_("for first responders (PS.5.1-28)"), default=False)
    prevention_actors = models.BooleanField(_("for prevention actors (PS.5.3-15)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [
            models.Index(fields=["starts_on"], name="session_starts_idx"),
            models.Index(fields=["-starts_on", "-id"], name="session_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="session_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.starts_on:%d/%m/%Y}"

    @property
    def audit_label(self) -> str:
        return f"session {self.pk}"

    @property
    def follow_up_due_on(self) -> datetime.date:
        """When the three-month "applied the skills" survey of its participants is due."""
        return self.ends_on + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)

    @property
    def days(self) -> list["datetime.date"]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(min(count, 31))]


class AgeGroup(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    FROM_25 = "25_39", _("25–39")
    FROM_40 = "40_54", _("40–54")
    FROM_55 = "55_plus", _("55 and over")


class Participant(TimeStampedModel):
    """An official trained; reused across sessions so that their training history shows."""

    full_name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(
        _("sex"), max_length=6, choices=[("female", _("Female")), ("male", _("Male"))]
    )
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.full_name

    @property
    def audit_label(self) -> str:
        return f"participant {self.pk}"


PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Enrolment(TimeStampedModel):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="enrolments"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    pre_score = models.DecimalField(
        _("pre-test (%)"), max_digits=5, decimal_places=1, null=True, blank=True, validators=PERCENT
    )
    post_score = models.DecimalField(
        _("post-test (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    hours_attended = models.DecimalField(
        _("hours attended"), max_digits=5, decimal_places=1, default=Decimal(0)
    )

    class Meta:
        ordering = ["participant__full_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="enrolment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.session_id}"

    @property
    def improvement(self) -> Decimal | None:
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score

    @property
    def completed(self) -> bool:
        """The course's completion rule: enough of the hours and, if set, the pass mark."""
        course = self.session.course
        needed = self.session.hours * course.min_attendance / 100
        if self.hours_attended < needed:
            return False
        if course.pass_mark is not None:
            return self.post_score is not None and self.post_score >= course.pass_mark
        return True


class Certificate(TimeStampedModel):
    """Issued to an enrolment that meets the completion rule; anyone can check its code."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(revoked_at__isnull=True, revoked_by__isnull=True, revocation_reason="")
                    | (
                        models.Q(revoked_at__isnull=False, revoked_by__isnull=False)
                        & ~models.Q(revocation_reason="")
                    )
                ),
                name="certificate_revocation_complete",
            )
        ]

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def __str__(self) -> str:
        return self.code

    @property
    def audit_label(self) -> str:
        return f"certificate {self.code}"


class Attendance(models.Model):
    """One participant on one day of a session: present or not. Hours attended follow from it."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.day}"


class AppliedSkills(models.TextChoices):
    YES = "yes", _("Yes, regularly")
    PARTLY = "partly", _("Sometimes")
    NO = "no", _("Not yet")


class FollowUpSurvey(TimeStampedModel):
    """About three months after the session: has the official applied what was learnt?"""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="follow_up")
    surveyed_on = models.DateField(_("date of the follow-up"))
    applied_skills = models.CharField(
        _("applied the skills in their work"), max_length=10, choices=AppliedSkills
    )
    cases_identified = models.PositiveSmallIntegerField(
        _("possible victims identified or referred since the training"), default=0
    )
    comments = models.TextField(_("comments"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")

    def __str__(self) -> str:
        return f"follow-up {self.enrolment_id}"

    @property
    def audit_label(self) -> str:
        return f"follow-up {self.pk}"
