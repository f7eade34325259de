"""Home page, language switch and the reference-list editor."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.forms import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.defaults import page_not_found

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_manage_dhis2_mapping,
    can_manage_reference_list,
    can_save_reference_item,
    reach_of,
    reference_place_choices,
    requires,
)
from pokpong.accounts.services import user_language_set
from pokpong.cases.worklist import caseload_by_worker
from pokpong.core import services
from pokpong.core.audit import audit_record
from pokpong.core.audit_lines import change_lines
from pokpong.core.forms import ModelForm, SearchForm, typed_field
from pokpong.core.models import AuditAction
from pokpong.core.pagination import keyset_page
from pokpong.core.reference import ReferenceList, reference_list_get, reference_lists
from pokpong.desk.forms_audit import AuditFilterForm
from pokpong.desk.selectors import (
    audit_entries_list,
    inbox_for,
    reference_item_get_for_user,
    reference_items_list,
)
from pokpong.referrals.worklist import follow_ups_overdue_by_worker


def refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's one translation of a refusal: wherever a view or a service it calls raises
    PermissionDenied, the answer is the same 404 as for a missing record (handler403), so a
    refusal never tells that the record exists. Views need no try/except for it."""
    return page_not_found(request, Http404())


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: answers without a session or a database query."""
    return HttpResponse("ok", content_type="text/plain")


HOME_LIMIT = 5


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own work first (the inbox's sections, a few items each, each a link)."""
    user = request.user
    assignments = user.role_assignments.select_related("province", "district")
    context = {
        "assignments": assignments,
        "reach": reach_of(user),
        "work": inbox_for(user=user, limit=HOME_LIMIT + 1),
        "home_limit": HOME_LIMIT,
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
    return render(request, "desk/home.html", context)


@requires(Capability.APPROVE_DECISIONS)
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Per case worker in the manager's scope: open cases, overdue actions and follow-ups."""
    rows = caseload_by_worker(user=request.user)
    visits = follow_ups_overdue_by_worker(user=request.user)
    for row in rows:
        row["overdue_follow_ups"] = visits.get(row["worker"].pk, 0)
    return render(request, "desk/caseload.html", {"rows": rows})


def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for the user, section by section, from every app's providers."""
    context = {
        "inbox": inbox_for(user=request.user),
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
    return render(request, "desk/inbox.html", context)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "/"


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user and in a cookie."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request))
    if language not in {code for code, _name in settings.LANGUAGES}:
        return response
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response


manage_reference_lists = requires(Capability.MANAGE_REFERENCE_LISTS)


def _reference_list_or_404(request: AuthenticatedHttpRequest, slug: str) -> ReferenceList:
    ref = reference_list_get(slug)
    if ref is None or not can_manage_reference_list(request.user, ref):
        raise Http404
    return ref


@manage_reference_lists
def reference_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    lists = [ref for ref in reference_lists() if can_manage_reference_list(request.user, ref)]
    context = {"lists": lists, "can_map_dhis2": can_manage_dhis2_mapping(request.user)}
    return render(request, "desk/reference_index.html", context)


@manage_reference_lists
def reference_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    ref = _reference_list_or_404(request, slug)
    query = SearchForm(request.GET).query()
    page = Paginator(reference_items_list(user=request.user, ref=ref, query=query), 50).get_page(
        request.GET.get("page")
    )
    context = {"ref": ref, "page": page, "query": query}
    template = "desk/reference_list.html#rows" if request.htmx else "desk/reference_list.html"
    return render(request, template, context)


@manage_reference_lists
def reference_edit(
    request: AuthenticatedHttpRequest, slug: str, pk: int | None = None
) -> HttpResponse:
    ref = _reference_list_or_404(request, slug)
    item = (
        reference_item_get_for_user(user=request.user, ref=ref, pk=pk) if pk is not None else None
    )
    form_class = modelform_factory(ref.model, form=ModelForm, fields=ref.fields)
    form = form_class(request.POST or None, instance=item)
    for name in {ref.province_field, ref.district_field} & set(form.fields):
        field = typed_field(form, name, forms.ModelChoiceField)
        if field.queryset is not None:  # always set for a foreign key's field
            field.queryset = reference_place_choices(request.user, ref, field.queryset)
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        if can_save_reference_item(request.user, ref, candidate):
            services.reference_item_save(item=candidate)
            messages.success(request, _("Saved."))
            return redirect("desk:reference_list", slug=slug)
        form.add_error(None, _("You can only manage entries within your own area."))
    return render(request, "desk/reference_edit.html", {"ref": ref, "form": form, "item": item})


@manage_reference_lists
@require_POST
def reference_toggle(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    ref = _reference_list_or_404(request, slug)
    item = reference_item_get_for_user(user=request.user, ref=ref, pk=pk)
    services.reference_item_set_active(item=item, is_active=not item.is_active)
    if item.is_active:
        messages.success(request, _("“%(item)s” is active again.") % {"item": item})
    else:
        messages.success(request, _("“%(item)s” is deactivated.") % {"item": item})
    return redirect("desk:reference_list", slug=slug)


@manage_reference_lists
@require_POST
def reference_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    ref = _reference_list_or_404(request, slug)
    item = reference_item_get_for_user(user=request.user, ref=ref, pk=pk)
    name = str(item)
    if services.reference_item_delete(item=item):
        messages.success(request, _("“%(item)s” is deleted.") % {"item": name})
    else:
        messages.warning(
            request,
            _("“%(item)s” is in use, so it was deactivated instead of deleted.") % {"item": name},
        )
    return redirect("desk:reference_list", slug=slug)


@requires(Capability.VIEW_AUDIT)
def audit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The auditors' view of the trail, filtered and paginated."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = keyset_page(request, audit_entries_list(user=request.user, filters=filters), per_page=50)
    entries = list(page)
    context = {
        "form": form,
        "page": page,
        "rows": list(zip(entries, change_lines(entries), strict=True)),
    }
    response = render(request, "desk/audit_list.html", context)
    # Who read whose records, from where, is itself sensitive: reading the trail is recorded
    # (after rendering, so the page shows the trail as it was).
    audit_record(
        action=AuditAction.VIEW,
        object_type="core.auditentry",
        extra={"fields": ["audit trail"], "page": "later" if page.has_previous else "first"},
    )
    return response
