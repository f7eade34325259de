"""What every response tells the browser, and how long a sign-in lasts.

- `SecurityHeadersMiddleware`: a strict Content-Security-Policy (no inline script or style
  anywhere), a Permissions-Policy, `Cache-Control: no-store` on every page (static files are
  served by WhiteNoise before this runs), and `Clear-Site-Data` when a user signs out.
- `SessionLifetimeMiddleware`: a sign-in ends after POKPONG_SESSION_MAX_HOURS however active it is
  (the idle timeout is SESSION_COOKIE_AGE).
- `SubmittedFormMiddleware`: a POST answered by a redirect was accepted; the next page tells the
  browser (`data-form-accepted` on <body>) so the form's draft is dropped even when the redirect
  leads back to the same form.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
# For a page that shows one of our own files in an <object> (the PDF preview of an attachment).
CSP_WITH_OWN_OBJECTS = CONTENT_SECURITY_POLICY.replace("object-src 'none'", "object-src 'self'")
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# The names of the views that sign a user out (allauth's and ours).
SIGN_OUT_VIEWS = {"account_logout", "accounts:sign_out_everywhere"}
SIGNED_IN_AT = "pokpong_signed_in_at"
FORM_ACCEPTED = "pokpong_form_accepted"


def _signed_out(request: HttpRequest, response: HttpResponse) -> bool:
    """The user signed out on this request (not a sign-in that ran out: see below)."""
    match = request.resolver_match
    return (
        request.method == "POST"
        and match is not None
        and match.view_name in SIGN_OUT_VIEWS
        and not request.user.is_authenticated
    )


def _site_data_to_clear(request: HttpRequest, response: HttpResponse) -> str | None:
    """Signing out clears the browser's cache and storage: drafts, and the offline work's records
    and cached pages. A sign-in that reached its absolute lifetime clears the cache only: the
    storage holds nothing readable (drafts are sealed with a key only the user's pages carry,
    offline records with the user's passphrase), and a phone that was offline for a day must
    not lose the records it could not send yet (docs/offline.md)."""
    if _signed_out(request, response):
        return '"cache", "storage"'
    if getattr(request, "pokpong_session_expired", False):
        return '"cache"'
    return None


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Pages carry personal data: never kept by the browser or a proxy (the Back button of a
        # shared PC after sign-out shows nothing). Files a view marks as cacheable keep theirs,
        # unless a user is signed in.
        user = getattr(request, "user", None)
        if "Cache-Control" not in response.headers or (user and user.is_authenticated):
            response.headers["Cache-Control"] = "no-store"
        clear = _site_data_to_clear(request, response)
        if clear:
            response.headers["Clear-Site-Data"] = clear
        return response


class SessionLifetimeMiddleware:
    """Sign the user out once the sign-in is older than POKPONG_SESSION_MAX_HOURS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            stamp = request.session.get(SIGNED_IN_AT)
            now = int(time.time())
            if not isinstance(stamp, list) or len(stamp) != 2 or stamp[0] != request.user.pk:
                request.session[SIGNED_IN_AT] = [request.user.pk, now]
            elif now - int(stamp[1]) > settings.POKPONG_SESSION_MAX_SECONDS:
                logout(request)  # the rest of the request is anonymous: the sign-in page follows
                request.pokpong_session_expired = True  # type: ignore[attr-defined]
        return self.get_response(request)


class SubmittedFormMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and 300 <= response.status_code < 400
            and request.user.is_authenticated
        ):
            request.session[FORM_ACCEPTED] = True
        return response


def form_accepted(request: HttpRequest) -> bool:
    """Whether the page being rendered follows an accepted form (said once, to full pages)."""
    if getattr(request, "htmx", False) or not hasattr(request, "session"):
        return False
    return bool(request.session.pop(FORM_ACCEPTED, False))


class RequestSizeLimitMiddleware:
    """Refuse an oversized request before anything reads its body (413, a translated page).

    A form with a file may carry the largest attachment (POKPONG_UPLOAD_MAX_BYTES) and 1 MB of
    fields; any other body at most DATA_UPLOAD_MAX_MEMORY_SIZE. Uploads are kept in memory only
    (FILE_UPLOAD_HANDLERS), so nothing of them is ever written unencrypted to the temporary folder.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = 0  # Django reads no body of an unreadable length
        if length > request_limit(request):
            return too_large(request)
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (read now: too many or too large fields answer 413)
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    context = {"limit_mb": settings.POKPONG_UPLOAD_MAX_BYTES // (1024 * 1024)}
    return render(request, "413.html", context, status=413)


def request_limit(request: HttpRequest) -> int:
    if request.content_type == "multipart/form-data":
        return int(settings.POKPONG_UPLOAD_MAX_BYTES) + 1024 * 1024
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) or 2**63
