"""Keep signed-in users on the safe path: a forced password change first, then two-factor setup."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from pokpong.accounts.policy import requires_mfa

# Pages reachable before the account is safe (the names of allauth's and our URLs).
_ALWAYS_ALLOWED = {
    "account_logout",
    "account_change_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "desk:set_language",
    "desk:health",
}


class AccountSafetyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.resolver_match is None:
            return None
        if request.resolver_match.view_name in _ALWAYS_ALLOWED:
            return None
        if user.must_change_password:
            return redirect(reverse("account_change_password"))
        if requires_mfa(user) and not is_mfa_enabled(user, ["totp"]):
            return redirect(reverse("mfa_activate_totp"))
        return None
