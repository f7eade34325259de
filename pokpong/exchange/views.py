"""The exports pages (/exchange/): my exports with their status, a request form per kind, the
download (requester only, audited, until the export expires)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_manage_dhis2_mapping, requires_any
from pokpong.exchange import services
from pokpong.exchange.models import ExportRequest
from pokpong.exchange.registry import export_kind, export_kinds, export_kinds_for

# anonymised and aggregate exports (CTDC, DHIS2); case files for a partner (HTCDS)
exporters = requires_any(Capability.EXPORT_ANONYMISED, Capability.MANAGE_CASES)


@exporters
def exports(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = list(services.export_requests_of(request.user))
    known = {kind.code: kind for kind in export_kinds()}
    for item in mine:
        spec = known.get(item.kind)
        item.kind_label = spec.label if spec else item.kind  # type: ignore[attr-defined]
        item.summary_lines = spec.summary_lines(item.summary) if spec else []  # type: ignore[attr-defined]
    context = {
        "kinds": export_kinds_for(request.user),
        "exports": mine,
        "pending": any(item.is_pending for item in mine),
        "lifetime": int(services.export_lifetime().total_seconds() // 3600),
        "can_map_dhis2": can_manage_dhis2_mapping(request.user),
    }
    template = "exchange/exports.html"
    if request.htmx:
        template += "#exports"
    return render(request, template, context)


@exporters
def export_new(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    spec = export_kind(kind)
    if spec is None or not spec.may_request(request.user):
        raise Http404
    form = spec.form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.export_request_create(
            user=request.user, kind=spec.code, parameters=form.parameters()
        )
        messages.success(request, _("Your export is being produced; it appears below when ready."))
        return redirect("exchange:exports")
    context = {"kind": spec, "form": form}
    return render(request, "exchange/export_new.html", context, status=400 if form.errors else 200)


@exporters
def export_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        export, content = services.export_download_get(user=request.user, pk=pk)
    except ExportRequest.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
