"""The indicator dashboard (/me/): headline numbers, the trend by quarter and the breakdowns of
one indicator, for the viewer's reporting scope; referrals and follow-ups (/me/referrals/)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import Capability, can_view_dashboard, requires
from pokpong.monitoring.dashboard import AREAS, dashboard_for, filters_for, period_choices
from pokpong.monitoring.dashboard_referrals import referral_figures


@requires(Capability.VIEW_REPORTS)
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_view_dashboard(request.user):
        raise Http404
    today = timezone.localdate()
    filters = filters_for(user=request.user, params=request.GET, today=today)
    for note in filters.messages:
        messages.warning(request, note)
    context = {
        "board": dashboard_for(user=request.user, filters=filters, today=today),
        "filters": filters,
        "period_choices": period_choices(today, filters.period),
        "areas": AREAS.items(),
    }
    return render(request, "monitoring/dashboard.html", context)


@requires(Capability.VIEW_REPORTS)
def referrals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Referrals and follow-ups over the viewer's reporting scope, protected like the indicators."""
    if not can_view_dashboard(request.user):
        raise Http404
    today = timezone.localdate()
    filters = filters_for(user=request.user, params=request.GET, today=today)
    for note in filters.messages:
        messages.warning(request, note)
    context = {
        "figures": referral_figures(user=request.user, filters=filters),
        "filters": filters,
        "period_choices": period_choices(today, filters.period),
        "areas": AREAS.items(),
    }
    return render(request, "monitoring/dashboard_referrals.html", context)
