"""An import of a spreadsheet: its file (encrypted), its check, its decisions and its result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import TimeStampedModel


class ImportKind(models.TextChoices):
    PERSONS_CASES = "persons_cases", _("Historical persons and their cases")
    ACTIVITIES = "activities", _("Prevention activities")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    CHECKED = "checked", _("Checked: waiting for your decision")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    NOTHING = "nothing", _("Nothing imported")
    FAILED = "failed", _("The file could not be read")


class ImportJob(TimeStampedModel):
    """One uploaded file, from the dry run to the import. The original file is kept encrypted
    (a Fernet token of its bytes) for the audit; the counts and row errors of the last check
    are kept to show them; row errors are in the language of the user who uploaded."""

    kind = models.CharField(_("type"), max_length=20, choices=ImportKind)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus, default=ImportStatus.CHECKING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(max_length=10, default="lo")
    filename = models.CharField(_("file"), max_length=200)
    file_size = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64)
    file_token = models.TextField()  # the original file, encrypted (core.crypto's keys)
    rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)  # progress of the running step
    valid_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    duplicate_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [[row, column, message], …], capped
    duplicates = models.JSONField(default=list, blank=True)  # [{row, row_in_file|person}, …]
    import_anyway = models.JSONField(default=list, blank=True)  # rows flagged, kept by the user
    valid_only = models.BooleanField(default=False)
    message = models.TextField(blank=True)  # why the file could not be read
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows")) | models.Q(rows=0),
                name="imports_job_progress_within_rows",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.filename}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)

    @property
    def percent(self) -> int:
        return min(100, self.rows_done * 100 // self.rows) if self.rows else 0
