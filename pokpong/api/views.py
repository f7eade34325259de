"""The token pages: my tokens (make one, see its secret once, revoke it); administrators also
make and revoke their organisations' integration tokens. Who may do what: policy.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pokpong.accounts.http import AuthenticatedHttpRequest
from pokpong.accounts.policy import (
    Capability,
    can_hold_personal_token,
    can_manage_integration_tokens,
    organisations_for_integrations,
    requires,
    requires_any,
)
from pokpong.api import selectors, services
from pokpong.api.forms import IntegrationTokenForm, PersonalTokenForm
from pokpong.api.services import NewToken

# Every role may hold tokens of its own (a user without any role has nothing to reach).
any_role = requires_any(*Capability.values)


def _shown_once(request: AuthenticatedHttpRequest, new: NewToken) -> HttpResponse:
    """The secret, in this answer only (never stored, never in a redirect)."""
    return render(request, "api/token_created.html", {"token": new.token, "secret": new.secret})


@any_role
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "personal": selectors.personal_tokens_for_user(user=request.user),
        "integrations": selectors.integration_tokens_for_user(user=request.user),
        "can_hold": can_hold_personal_token(request.user),
        "can_integrate": can_manage_integration_tokens(request.user),
    }
    return render(request, "api/token_list.html", context)


@any_role
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_hold_personal_token(request.user):
        raise Http404
    form = PersonalTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.api_token_create_personal(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _shown_once(request, new)
    return render(request, "api/token_form.html", {"form": form, "integration": False})


@requires(Capability.MANAGE_USERS)
def integration_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = organisations_for_integrations(request.user)
    form = IntegrationTokenForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.api_token_create_integration(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _shown_once(request, new)
    return render(request, "api/token_form.html", {"form": form, "integration": True})


@any_role
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get_for_user(user=request.user, pk=pk)
    services.api_token_revoke(user=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("tokens:list")
