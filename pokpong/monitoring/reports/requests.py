"""Report requests: asked for on the reports page, produced by a background task, downloaded by
their requester only. The only writer of `ReportRequest`."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_request_report, sees_small_numbers
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.monitoring.models import ReportRequest, ReportStatus
from pokpong.monitoring.periods import parse
from pokpong.monitoring.reports import ReportSpec, build, report_filename
from pokpong.monitoring.results import Scope
from pokpong.places.models import Province

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportDetails:
    period: str  # a periods.parse() code
    province: Province | None
    area: str = "all"
    language: str = "lo"
    format: str = "xlsx"
    audience: str = "public"


def report_request_create(*, user: User, details: ReportDetails) -> ReportRequest:
    """Queue a report; small numbers stay only in an internal report for a user who sees them."""
    province_id = details.province.pk if details.province else None
    if not can_request_report(user, province_id):
        raise PermissionDenied
    suppressed = details.audience != "internal" or not sees_small_numbers(user, province_id)
    with transaction.atomic():
        request = ReportRequest(
            requested_by=user,
            period=parse(details.period).code,
            province=details.province,
            area=details.area,
            language=details.language,
            format=details.format,
            audience=details.audience,
            suppressed=suppressed,
        )
        request.full_clean()
        request.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=request)

        def enqueue() -> None:
            from pokpong.monitoring.tasks import produce_report

            produce_report.enqueue(request.pk)

        transaction.on_commit(enqueue)
    return request


def spec_of(request: ReportRequest) -> ReportSpec:
    return ReportSpec(
        period=parse(request.period),
        scope=Scope(province_id=request.province_id, area=request.area),
        language=request.language,
        suppressed=request.suppressed,
        format=request.format,
    )


def report_request_run(*, request_id: int) -> None:
    """Produce the file (the task's work), recording progress as it goes."""
    request = ReportRequest.objects.get(pk=request_id)
    ReportRequest.objects.filter(pk=request_id).update(status=ReportStatus.RUNNING, progress=5)

    def progress(percent: int) -> None:
        ReportRequest.objects.filter(pk=request_id).update(progress=min(percent, 99))

    spec = spec_of(request)
    try:
        content = build(spec, progress)
    except Exception:  # any failure leaves a "failed" request for the page, and the log
        logger.exception("indicator report %s failed", request_id)
        ReportRequest.objects.filter(pk=request_id).update(
            status=ReportStatus.FAILED, finished_at=timezone.now()
        )
        return
    ReportRequest.objects.filter(pk=request_id).update(
        status=ReportStatus.DONE,
        progress=100,
        content=content,
        filename=report_filename(spec),
        finished_at=timezone.now(),
    )


def report_requests_of(user: User) -> QuerySet[ReportRequest]:
    """The user's own requests, newest first, without their files."""
    return (
        ReportRequest.objects.filter(requested_by=user)
        .select_related("province")
        .defer("content")[:20]
    )


def report_download_get(*, user: User, pk: int) -> ReportRequest:
    """A finished report of the user's own, audited as an export; DoesNotExist otherwise (and
    for a report with small numbers the user no longer sees). A protected report stays the
    requester's after a change of scope: it holds aggregates only, hidden for the public."""
    request = ReportRequest.objects.get(pk=pk, requested_by=user, status=ReportStatus.DONE)
    if not request.suppressed and not sees_small_numbers(user, request.province_id):
        raise ReportRequest.DoesNotExist
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=request,
        extra={"period": request.period, "format": request.format, "audience": request.audience},
    )
    return request
