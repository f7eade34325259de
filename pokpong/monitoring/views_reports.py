"""The reports page: ask for an indicator report, follow its progress, download it (requester
only, audited)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, requires
from pokpong.monitoring.forms_reports import ReportRequestForm
from pokpong.monitoring.models import ReportRequest, ReportStatus
from pokpong.monitoring.reports import CONTENT_TYPES
from pokpong.monitoring.reports import requests as services

reporters = requires(Capability.VIEW_REPORTS)


@reporters
def report_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.report_request_create(user=request.user, details=form.details())
        messages.success(request, _("Your report is being produced; it appears below when ready."))
        return redirect("monitoring:report_requests")
    mine = list(services.report_requests_of(request.user))
    pending = any(r.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for r in mine)
    context = {"form": form, "requests": mine, "pending": pending}
    template = "monitoring/report_requests.html"
    if request.htmx:
        template += "#requests"
    return render(request, template, context, status=400 if form.errors else 200)


@reporters
def report_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        report = services.report_download_get(user=request.user, pk=pk)
    except ReportRequest.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(bytes(report.content or b""), content_type=CONTENT_TYPES[report.format])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "no-store"
    return response
