"""Export requests: asked for on /exchange/, produced by a background task, downloaded by their
requester only until they expire, then purged. The only writer of `ExportRequest`."""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.exchange.models import ExportRequest, ExportStatus
from pokpong.exchange.registry import export_kind
from pokpong.exchange.storage import export_file_read, export_file_remove, export_file_store

logger = logging.getLogger(__name__)

DEFAULT_LIFETIME_HOURS = 72


def export_lifetime() -> timedelta:
    """How long a finished export can be downloaded (POKPONG_EXPORT_LIFETIME_HOURS)."""
    hours = getattr(settings, "POKPONG_EXPORT_LIFETIME_HOURS", DEFAULT_LIFETIME_HOURS)
    return timedelta(hours=hours)


def export_request_create(*, user: User, kind: str, parameters: dict[str, Any]) -> ExportRequest:
    """Queue an export of a kind the user may ask for (audited); the task builds it after commit."""
    spec = export_kind(kind)
    if spec is None or not spec.may_request(user):
        raise PermissionDenied
    with transaction.atomic():
        request = ExportRequest(requested_by=user, kind=kind, parameters=parameters)
        request.full_clean()
        request.save()
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=request,
            extra={"kind": kind, "parameters": parameters},
        )

        def enqueue() -> None:
            from pokpong.exchange.tasks import produce_export

            produce_export.enqueue(request.pk)

        transaction.on_commit(enqueue)
    return request


def export_request_run(*, request_id: int) -> None:
    """Build the file (the task's work), store it encrypted, record what the builder reports.
    The requester must still be allowed the kind when the task runs."""
    request = ExportRequest.objects.select_related("requested_by").get(pk=request_id)
    if request.status != ExportStatus.QUEUED:
        return  # run twice by the queue: the first run did the work
    ExportRequest.objects.filter(pk=request_id).update(status=ExportStatus.RUNNING, progress=5)

    def progress(percent: int) -> None:
        ExportRequest.objects.filter(pk=request_id).update(progress=max(5, min(percent, 99)))

    spec = export_kind(request.kind)
    try:
        if spec is None or not spec.may_request(request.requested_by):
            raise PermissionDenied(f"export kind {request.kind} refused")
        built = spec.build(
            requested_by=request.requested_by, parameters=request.parameters, progress=progress
        )
        storage_name = export_file_store(built.content)
    except Exception:  # any failure leaves a "failed" request for the page, and the log
        logger.exception("export %s (%s) failed", request_id, request.kind)
        ExportRequest.objects.filter(pk=request_id).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
        return
    now = timezone.now()
    ExportRequest.objects.filter(pk=request_id).update(
        status=ExportStatus.DONE,
        progress=100,
        storage_name=storage_name,
        filename=built.filename,
        content_type=built.content_type,
        size=len(built.content),
        summary=built.summary,
        finished_at=now,
        expires_at=now + export_lifetime(),
    )


def export_requests_of(user: User) -> QuerySet[ExportRequest]:
    """The user's own requests, newest first."""
    return ExportRequest.objects.filter(requested_by=user)[:30]


def export_download_get(*, user: User, pk: int) -> tuple[ExportRequest, bytes]:
    """A finished, unexpired export of the user's own, of a kind the user may still ask for, with
    its decrypted bytes, audited as an export; DoesNotExist otherwise (another's export answers
    exactly as a missing one)."""
    request = ExportRequest.objects.get(
        pk=pk, requested_by=user, status=ExportStatus.DONE, expires_at__gt=timezone.now()
    )
    spec = export_kind(request.kind)
    if spec is None or not spec.may_request(user):  # the role was lost or narrowed since
        raise ExportRequest.DoesNotExist
    try:
        content = export_file_read(request.storage_name)
    except FileNotFoundError:
        raise ExportRequest.DoesNotExist from None
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=request,
        extra={"kind": request.kind, "filename": request.filename, "size": request.size},
    )
    return request, content


def exports_purge(*, now: Any = None) -> int:
    """Delete the files of expired exports (and of failed ones) and mark them expired; audited
    per export. Returns how many were purged. Run by `manage.py purge_exports` and the task."""
    now = now or timezone.now()
    due = ExportRequest.objects.filter(
        Q(status=ExportStatus.DONE, expires_at__lte=now)
        | (Q(status=ExportStatus.FAILED) & ~Q(storage_name=""))
    )
    purged = 0
    for request in due:
        with transaction.atomic():
            export_file_remove(request.storage_name)
            ExportRequest.objects.filter(pk=request.pk).update(
                status=ExportStatus.EXPIRED, storage_name=""
            )
            audit_record(
                action=AuditAction.DELETE,
                obj=request,
                extra={"kind": request.kind, "reason": "expired"},
            )
        purged += 1
    return purged
