"""Every write of an import: the upload (file kept encrypted, audited), the check (dry run:
nothing written), the user's decision, and the import itself in one transaction."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_import
from pokpong.core.audit import audit_record
from pokpong.core.crypto import fernet, is_current
from pokpong.core.importing import ImportFileError, Problem, RowError, read_rows
from pokpong.core.models import AuditAction
from pokpong.core.rotation import RotationCount
from pokpong.imports.models import ImportJob, ImportStatus
from pokpong.imports.types import Checked, Flag, importer_for

logger = logging.getLogger(__name__)
MAX_SHOWN_ERRORS = 1000  # kept to show; the count is always whole
PROGRESS_EVERY = 500


def max_rows() -> int:
    return int(getattr(settings, "POKPONG_IMPORT_MAX_ROWS", 100_000))


def bulk_writes() -> bool:
    """Write the rows with the services' bulk forms (issue 20); off: row by row, as the pages
    (kept to prove both write the same, and as a fallback)."""
    return bool(getattr(settings, "POKPONG_IMPORT_BULK", True))


def max_bytes() -> int:
    return int(settings.POKPONG_UPLOAD_MAX_BYTES)


@dataclass
class Outcome:
    rows: int = 0
    valid: list[Checked] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


@transaction.atomic
def import_job_create(*, user: User, kind: str, filename: str, data: bytes) -> ImportJob:
    """Keep the uploaded file (encrypted) and queue its check."""
    if not can_import(user, kind):
        raise PermissionDenied
    job = ImportJob.objects.create(
        kind=kind,
        requested_by=user,
        language=(get_language() or settings.LANGUAGE_CODE)[:10],
        filename=filename[-200:],
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_token=fernet().encrypt(data).decode("ascii"),
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=job,
        changes={
            "kind": [None, kind],
            "filename": [None, job.filename],
            "file_size": [None, job.file_size],
            "file_sha256": [None, job.file_sha256],
        },
    )
    _enqueue("check_import", job.pk)
    return job


def import_file(job: ImportJob) -> bytes:
    """The original file, decrypted (for the audit, and for each step of the import)."""
    return fernet().decrypt(job.file_token.encode("ascii"))


def _enqueue(name: str, job_id: int) -> None:
    def enqueue() -> None:
        from pokpong.imports import tasks

        task = tasks.check_import if name == "check_import" else tasks.run_import
        task.enqueue(job_id)

    transaction.on_commit(enqueue)


def _progress(job: ImportJob) -> Callable[[int], None]:
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=min(done, job.rows))

    return report


def _check(job: ImportJob) -> Outcome:
    """Read and check every row (nothing written): errors and possible duplicates."""
    importer = importer_for(job.kind, job.requested_by)
    rows = read_rows(
        import_file(job),
        job.filename,
        importer.columns(),
        max_bytes=max_bytes(),
        max_rows=max_rows(),
    )
    outcome = Outcome(rows=len(rows))
    job.rows = len(rows)
    ImportJob.objects.filter(pk=job.pk).update(rows=job.rows, rows_done=0)
    report = _progress(job)
    for index, row in enumerate(rows, start=1):
        problems, checked = importer.check(row)
        if checked is None:
            outcome.errors.append(RowError(row.number, problems))
        else:
            outcome.valid.append(checked)
        if index % PROGRESS_EVERY == 0:
            report(index)
    outcome.flags = importer.duplicates(outcome.valid)
    report(len(rows))
    return outcome


def _errors_json(errors: list[RowError]) -> list[list[object]]:
    shown: list[list[object]] = []
    for error in errors:
        for problem in error.problems or [Problem("", "")]:
            shown.append([error.row, problem.column, problem.message])
            if len(shown) >= MAX_SHOWN_ERRORS:
                return shown
    return shown


def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportStatus.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "updated_at"])
    audit_record(
        actor=job.requested_by,
        action=AuditAction.UPDATE,
        obj=job,
        changes={"status": [None, job.status]},
    )


def import_job_check(*, job_id: int) -> ImportJob:
    """The dry run (a background task): counts, row errors and flagged duplicates."""
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            outcome = _check(job)
        except ImportFileError as exc:
            _fail(job, str(exc))
            return job
        job.rows = outcome.rows
        job.rows_done = outcome.rows
        job.valid_rows = len(outcome.valid)
        job.error_rows = len(outcome.errors)
        job.duplicate_rows = len(outcome.flags)
        job.errors = _errors_json(outcome.errors)
        job.duplicates = [flag.as_json() for flag in outcome.flags]
        job.status = ImportStatus.CHECKED
        job.save()
        audit_record(
            actor=job.requested_by,
            action=AuditAction.UPDATE,
            obj=job,
            changes={"status": [ImportStatus.CHECKING, job.status]},
            extra={
                "rows": job.rows,
                "valid": job.valid_rows,
                "rows_with_errors": job.error_rows,
                "flagged": job.duplicate_rows,
                # persons shown as possible duplicates (all within the user's scope)
                "persons_shown": [f.person_id for f in outcome.flags if f.person_id],
            },
        )
    return job


@transaction.atomic
def import_job_start(
    *, user: User, job: ImportJob, valid_only: bool, import_anyway: list[int]
) -> ImportJob:
    """The user's decision after the dry run: import (all rows, or the valid ones only), with
    the flagged rows they chose to keep; queues the import."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.requested_by_id != user.pk or not can_import(user, job.kind):
        raise PermissionDenied
    if job.status != ImportStatus.CHECKED:
        raise ValidationError(_("This import has already been started."))
    flagged = {flag["row"] for flag in job.duplicates}
    job.valid_only = valid_only
    job.import_anyway = sorted(flagged & set(import_anyway))
    job.status = ImportStatus.IMPORTING
    job.rows_done = 0
    job.save(update_fields=["valid_only", "import_anyway", "status", "rows_done", "updated_at"])
    _enqueue("run_import", job.pk)
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """The import (a background task): every row checked again (the records may have changed
    since the dry run), then written in one transaction — none when any row fails, unless the
    user chose the valid rows only; flagged rows only when the user kept them."""
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            outcome = _check(job)
        except ImportFileError as exc:
            _fail(job, str(exc))
            return job
        keep = set(job.import_anyway)
        flagged = {flag.row for flag in outcome.flags} - keep
        chosen = [c for c in outcome.valid if c.number not in flagged]
        job.error_rows = len(outcome.errors)
        job.errors = _errors_json(outcome.errors)
        job.skipped = len(outcome.valid) - len(chosen)
        if outcome.errors and not job.valid_only:
            job.status, job.imported = ImportStatus.NOTHING, 0
        else:
            try:
                _write(job, chosen)
            except (ValidationError, PermissionDenied, IntegrityError) as exc:
                job.status, job.imported = ImportStatus.NOTHING, 0
                job.message = _("Nothing was imported: a record changed meanwhile (%(error)s).") % {
                    "error": "; ".join(getattr(exc, "messages", [str(exc)]))[:300]
                }
        job.finished_at = timezone.now()
        job.save()
        audit_record(
            actor=job.requested_by,
            action=AuditAction.UPDATE,
            obj=job,
            changes={"status": [ImportStatus.IMPORTING, job.status]},
            extra={
                "rows": job.rows,
                "imported": job.imported,
                "rows_with_errors": job.error_rows,
                "flagged": len(outcome.flags),
                "skipped": job.skipped,
                "valid_only": job.valid_only,
            },
        )
    return job


def _coalesce_after_commit() -> None:
    """Keep one of the identical after-commit callbacks the services scheduled row by row.

    Each record saved schedules a bump of its model's generation counter (monitoring's cache
    of indicators); 100,000 rows would run 100,000 one-row UPDATEs after the commit, each a
    transaction of its own. One bump per model says the same: the counter moved."""
    seen: set[str] = set()
    kept = []
    for entry in connection.run_on_commit:
        label = getattr(entry[1], "monitoring_label", None)
        if label is not None:
            if label in seen:
                continue
            seen.add(label)
        kept.append(entry)
    connection.run_on_commit[:] = kept


def _write(job: ImportJob, chosen: list[Checked]) -> None:
    importer = importer_for(job.kind, job.requested_by)
    with transaction.atomic():
        write_many = getattr(importer, "write_many", None)
        if write_many is not None and bulk_writes():
            write_many(chosen)
        else:
            for checked in chosen:
                importer.write(checked)
        _coalesce_after_commit()
    job.imported = len(chosen)
    job.status = ImportStatus.DONE if chosen else ImportStatus.NOTHING


def import_files_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """Re-encrypt with the newest key every kept import file an older key encrypted (the
    `rotate_keys` command, after a new key is added: docs/operations.md)."""
    count = RotationCount()
    jobs = ImportJob.objects.exclude(file_token="").only("pk", "file_token").order_by("pk")
    for job in jobs.iterator(chunk_size=batch_size):
        if is_current(job.file_token):
            count.current += 1
            continue
        count.rotated += 1
        if not dry_run:
            token = fernet().rotate(job.file_token.encode("ascii")).decode("ascii")
            ImportJob.objects.filter(pk=job.pk).update(file_token=token)
    return {"import files": count}
