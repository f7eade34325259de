"""Data exchange: export requests (every kind: CTDC, DHIS2, HTCDS …) and the DHIS2 code mapping.

An export is asked for on /exchange/, produced by a background task into an encrypted file
(`exchange.storage`), downloaded by its requester only until it expires. Which kinds exist, who
may ask for them and how they are built is the registry's (`exchange.registry`), not the model's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# --- export requests ---------------------------------------------------------------------------


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportRequest(models.Model):
    """One export asked for by a user: its kind (a registry code), its parameters, its file."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=20)  # a code of exchange.registry
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    # The file: a random name under MEDIA_ROOT/exports, its content encrypted (exchange.storage).
    storage_name = models.CharField(max_length=64, blank=True, editable=False)
    filename = models.CharField(max_length=120, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # What the builder reports (records written, records suppressed, indicators skipped …).
    summary = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["requested_by", "-requested_at"], name="export_requester_idx"),
            models.Index(fields=["status", "expires_at"], name="export_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="exchange_export_progress_percent"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(expires_at__isnull=False),
                name="exchange_export_done_expires",
            ),
        ]

    def __str__(self) -> str:
        return f"export {self.pk} {self.kind}"

    @property
    def audit_label(self) -> str:
        return f"export {self.pk} ({self.kind})"

    @property
    def is_pending(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)


# --- DHIS2 mapping -----------------------------------------------------------------------------


class Dhis2OrgUnit(models.Model):
    """The DHIS2 organisation unit code of a province, or of the whole country (no province)."""

    province = models.OneToOneField(
        "places.Province",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    code = models.CharField(_("DHIS2 organisation unit code"), max_length=50)

    class Meta:
        ordering = ["province__national_code"]
        verbose_name = _("DHIS2 organisation unit")
        verbose_name_plural = _("DHIS2 organisation units")
        constraints = [
            models.UniqueConstraint(fields=["code"], name="dhis2_orgunit_code_unique"),
            # one code for the whole country (no province) at most
            models.UniqueConstraint(
                Coalesce("province", Value(0)),
                name="dhis2_orgunit_one_per_place",
                violation_error_message=_("This place already has a code."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_label(self) -> str:
        return f"DHIS2 org unit {self.code}"


class Dhis2DataElement(models.Model):
    """Where one indicator value goes in DHIS2: the indicator's total (no dimension), or one row
    of one of its breakdowns (`dimension` a key of monitoring.engine.DIMENSIONS, `row` the row's
    key, e.g. sex / female)."""

    indicator = models.ForeignKey(
        "monitoring.Indicator",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("indicator"),
    )
    dimension = models.CharField(_("breakdown"), max_length=30, blank=True)
    row = models.CharField(_("breakdown row"), max_length=60, blank=True)
    data_element = models.CharField(_("DHIS2 data element code"), max_length=50)
    category_option_combo = models.CharField(
        _("DHIS2 category option combo code"), max_length=50, blank=True
    )

    class Meta:
        ordering = ["indicator__sort_order", "indicator__code", "dimension", "row"]
        verbose_name = _("DHIS2 data element")
        verbose_name_plural = _("DHIS2 data elements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "dimension", "row"], name="dhis2_element_unique"
            ),
            models.CheckConstraint(
                condition=Q(dimension="", row="") | (~Q(dimension="") & ~Q(row="")),
                name="dhis2_element_row_with_dimension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.dimension}/{self.row} → {self.data_element}"

    @property
    def audit_label(self) -> str:
        return f"DHIS2 data element {self.data_element}"
