"""Activate the interface language: the user's saved choice, else the cookie, else Lao."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in SUPPORTED:
        return str(user.preferred_language)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    # Lao first: the browser's Accept-Language is deliberately ignored.
    return cookie if cookie in SUPPORTED else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Cookie"]))
        translation.deactivate()
        return response


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from (the proxy sets REMOTE_ADDR correctly, see operations)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Tell the audit trail who acts and from where, for every service called in this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from pokpong.core.audit import audit_context

        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit_context(actor=actor, ip_address=client_address(request)):
            return self.get_response(request)
