"""Monitoring and evaluation: the indicator catalogue, hand-entered values, targets, and the
generation counters that invalidate cached indicator results.

Codes are data, not constants: an indicator is computed by the rule its `rule` field names
(`monitoring.rules`), or entered by hand per period when `rule` is blank.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import BilingualNameMixin


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    ANNUAL = "annual", _("Annual")


class Indicator(BilingualNameMixin, models.Model):
    """One programme indicator of the catalogue (seeded from `monitoring/data/indicators.csv`)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name_lo = models.CharField(_("name in Lao"), max_length=400)
    name_en = models.CharField(_("name in English"), max_length=400)
    definition_lo = models.TextField(_("definition in Lao"), blank=True)
    definition_en = models.TextField(_("definition in English"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, default="persons")
    pillar = models.CharField(_("pillar"), max_length=40, blank=True)
    # Keys of engine.DIMENSIONS, in the order the reports show them.
    disaggregations = models.JSONField(_("disaggregations"), default=list, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.QUARTERLY
    )
    source_note = models.TextField(_("source note"), blank=True)
    # Key of a rule registered in monitoring.rules; blank: entered by hand per period.
    rule = models.CharField(_("rule"), max_length=60, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def definition(self) -> str:
        from pokpong.core.models import bilingual_name

        return bilingual_name(self.definition_lo, self.definition_en)

    @property
    def is_manual(self) -> bool:
        return not self.rule

    @property
    def audit_label(self) -> str:
        return f"indicator {self.code}"


class ManualValue(models.Model):
    """A value entered by hand for one indicator, period and province (none: the country)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="manual_values")
    period = models.CharField(_("period"), max_length=10)  # a periods.parse() code
    province = models.ForeignKey(
        "places.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    value = models.PositiveBigIntegerField(_("value"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["indicator__sort_order", "-period", "province__national_code"]
        verbose_name = _("hand-entered value")
        verbose_name_plural = _("hand-entered values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "province"], name="manualvalue_unique"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(province__isnull=True),
                name="manualvalue_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.province_id or '-'}: {self.value}"

    @property
    def audit_label(self) -> str:
        return f"value {self.pk} of {self.indicator_id}"


class Target(models.Model):
    """The value an indicator should reach in a period, for one province or the country."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=10)
    province = models.ForeignKey(
        "places.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    value = models.PositiveIntegerField(_("target"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        ordering = ["indicator__sort_order", "-period", "province__national_code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "province"], name="target_unique"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(province__isnull=True),
                name="target_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.province_id or '-'}: {self.value}"

    @property
    def audit_label(self) -> str:
        return f"target {self.pk} of {self.indicator_id}"


class SourceGeneration(models.Model):
    """A counter per source model (`app_label.ModelName`), bumped when one of its records is
    saved or deleted: a cached indicator result names the generations it was computed from, so a
    change to a source invalidates exactly the results that read it, in every process."""

    model_label = models.CharField(max_length=100, unique=True)
    generation = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.model_label}@{self.generation}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportRequest(models.Model):
    """An indicator report asked for on the reports page, produced in the background and
    downloadable by its requester only (monitoring.reports, monitoring.tasks)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    period = models.CharField(_("period"), max_length=10)  # a periods.parse() code
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.CharField(_("programme area"), max_length=10, default="all")
    language = models.CharField(_("language"), max_length=5, default="lo")
    format = models.CharField(_("format"), max_length=5, default="xlsx")
    audience = models.CharField(_("audience"), max_length=10, default="public")
    # Decided when asked (the audience and whether the requester sees small numbers) and again
    # at download: a report with small numbers goes only to someone who still sees them.
    suppressed = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=ReportStatus, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    content = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=120, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=["xlsx", "pdf"]), name="monitoring_report_format_known"
            ),
            models.CheckConstraint(
                condition=Q(area__in=["all", "target", "rest"]), name="monitoring_report_area_known"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="monitoring_report_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.period} {self.format}"


class VictimFirstDecision(models.Model):
    """A maintained aggregate (issue 20): for each kept person identified as a victim, the day
    of their first `victim` decision — what "victims identified" counts (new victims only), so
    a period's victims are an index range here instead of a GROUP BY over every
    identification. Kept in the same transaction as the records by `monitoring.aggregates`
    (signals of `cases.Identification` and `people.Person`); `manage.py rebuild_aggregates`
    recomputes it after bulk loads that send no signals."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    first_on = models.DateField()

    class Meta:
        verbose_name = _("first victim decision")
        verbose_name_plural = _("first victim decisions")
        indexes = [models.Index(fields=["first_on", "person"], name="victimfirst_on_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.first_on}"
