"""The import pages: upload → dry run (counts, row errors, flagged duplicates) → import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_import, requires_any
from pokpong.imports import selectors, services, sheets
from pokpong.imports.forms import DecisionForm, UploadForm
from pokpong.imports.models import ImportKind, ImportStatus
from pokpong.imports.types import importer_for

importers = requires_any(Capability.MANAGE_CASES, Capability.MANAGE_PREVENTION)
SHOWN_FLAGS = 200


def _kinds(request: AuthenticatedHttpRequest) -> list[str]:
    return [kind for kind in ImportKind.values if can_import(request.user, kind)]


@importers
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds = _kinds(request)
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.import_job_create(
            user=request.user,
            kind=form.cleaned_data["kind"],
            filename=str(upload.name),
            data=upload.read(),
        )
        return redirect("imports:detail", pk=job.pk)
    context = {
        "form": form,
        "kinds": kinds,
        "jobs": selectors.import_job_list_for_user(user=request.user),
    }
    return render(request, "imports/index.html", context, status=400 if form.errors else 200)


@importers
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get_for_user(user=request.user, pk=pk)
    if request.htmx and not job.is_running:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # finished: the whole page shows the result
        return response
    flagged = [flag["row"] for flag in job.duplicates]
    decision = DecisionForm(flagged=flagged[:SHOWN_FLAGS])
    context = {
        "job": job,
        "decision": decision,
        "flags": job.duplicates[:SHOWN_FLAGS],
        "errors": job.errors[:200],
    }
    template = "imports/detail.html#progress" if request.htmx else "imports/detail.html"
    return render(request, template, context)


@importers
@require_POST
def start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get_for_user(user=request.user, pk=pk)
    flagged = [flag["row"] for flag in job.duplicates]
    form = DecisionForm(request.POST, flagged=flagged[:SHOWN_FLAGS])
    if not form.is_valid() or job.status != ImportStatus.CHECKED:
        messages.error(request, _("This import cannot be started (again)."))
        return redirect("imports:detail", pk=job.pk)
    try:
        services.import_job_start(
            user=request.user,
            job=job,
            valid_only=form.cleaned_data["valid_only"],
            import_anyway=form.cleaned_data["import_anyway"],
        )
    except (PermissionDenied, ValidationError):
        messages.error(request, _("This import cannot be started (again)."))
    return redirect("imports:detail", pk=job.pk)


@importers
def errors(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The row errors as CSV (cells that a spreadsheet would read as formulas are quoted)."""
    job = selectors.import_job_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(sheets.errors_csv(job.errors), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    response["Cache-Control"] = "no-store"
    return response


@importers
def template(request: AuthenticatedHttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The empty template of a kind, with headers in Lao and English and the explanation."""
    if kind not in ImportKind.values:
        raise Http404
    columns = importer_for(kind, request.user).columns()
    name = kind.replace("_", "-")
    if fmt == "xlsx":
        response = HttpResponse(
            sheets.template_xlsx(columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            sheets.template_csv(columns), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="pokpong-{name}.{fmt}"'
    return response
