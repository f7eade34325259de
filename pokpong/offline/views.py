"""The offline app: its page (cached on the phone), the sync of its records, the service worker,
the web app manifest, and the follow-up visits kept in conflict."""

import json
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import OFFLINE_WORK_CAPABILITIES, requires_any
from pokpong.cases.forms import ScreeningForm
from pokpong.core.audit import audit_view
from pokpong.core.context_processors import drafts
from pokpong.offline import selectors, services
from pokpong.offline.forms import ResolveForm, parse_body
from pokpong.offline.sync import record_sync, visit_stamp
from pokpong.people.forms import QuickPersonForm
from pokpong.referrals.forms import FollowUpForm
from pokpong.referrals.models import FollowUpVisit

OFFLINE_PAGE = "/offline/"


# Whoever may register, screen or record a visit (policy.can_work_offline); anyone else the same
# 404. requires_any also says the rule to docs/permissions.md and the permission matrix.
offline_work = requires_any(*sorted(OFFLINE_WORK_CAPABILITIES))


@offline_work
def app(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page a phone keeps: blank forms and reference lists, case numbers, no person."""
    visits = [(v, visit_stamp(v)) for v in selectors.visits_for_offline(user=request.user)]
    context = {
        "person_form": QuickPersonForm(auto_id="person_%s"),
        "screening_form": ScreeningForm(auto_id="screening_%s", version="short", is_child=False),
        "visit_form": FollowUpForm(auto_id="visit_%s"),
        "groups": selectors.groups_for_offline(user=request.user),
        "visits": visits,
        "owner": drafts(request).get("draft_owner", ""),
        "conflicts": len(selectors.conflicts_for_user(user=request.user)),
    }
    return render(request, "offline/app.html", context)


@offline_work
@require_http_methods(["GET", "POST"])
def sync(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: the token a sync sends (the phone keeps none). POST: one record, as JSON."""
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request)})
    parsed = parse_body(request.body)
    if parsed is None:
        return JsonResponse({"status": "invalid", "errors": {}}, status=400)
    envelope, data = parsed
    outcome = record_sync(user=request.user, envelope=envelope, data=data)
    return JsonResponse(outcome.as_json(), status=outcome.http)


@login_not_required
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js at /offline/sw.js, so that it may control the offline page (its scope)."""
    path = finders.find("js/sw.js")
    if not path or not isinstance(path, str):
        raise Http404
    with open(path, encoding="utf-8") as source:
        response = HttpResponse(source.read(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest (fetched without the session: it holds nothing of the user)."""
    body = {
        "name": "ປົກປ້ອງ Pokpong",
        "short_name": "ປົກປ້ອງ",
        "description": _("Register and screen returnees without a connection."),
        "lang": "lo",
        "start_url": OFFLINE_PAGE,
        "scope": OFFLINE_PAGE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e79",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@offline_work
def conflict_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    conflicts = selectors.conflicts_for_user(user=request.user)
    return render(request, "offline/conflict_list.html", {"conflicts": conflicts})


@offline_work
def conflict_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.conflict_get_for_user(user=request.user, pk=pk)
    if submission is None or submission.visit is None:
        raise Http404
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offline_conflict_resolve(
                user=request.user,
                submission=submission,
                resolution=form.cleaned_data["resolution"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Resolved."))
            return redirect("offline:conflicts")
    visit = submission.visit
    audit_view(obj=visit, fields=["follow-up", "visit made offline"], parent=visit.case.person)
    details = services.offline_visit_details(submission)
    # An unsaved visit holding what was found offline, so both columns show the same labels.
    found = None if details is None else FollowUpVisit(case=visit.case, **asdict(details))
    context = {
        "submission": submission,
        "visit": visit,
        "offline": found,
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "offline/conflict_form.html", context)
