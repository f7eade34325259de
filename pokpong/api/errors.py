"""One error shape for every refusal, in the caller's language (Lao or English):

    {"error": {"code": "invalid", "message": "…", "fields": {"sex": ["…"]}}}

`code` is stable and meant for programs; `message` and the field messages are for people.
`fields` is present for invalid input only. Django's own exceptions raised by the services the
API shares with the pages are translated here too: a ValidationError is a 400 with its field
errors; a refusal (PermissionDenied, Http404) is the same 404 as a missing record.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

NON_FIELD = "non_field_errors"


class Conflict(exceptions.APIException):
    """A write based on an old version of the record (optimistic locking)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy(
        "Someone else changed this record since you read it. Read it again and send your "
        "change with its new version."
    )
    default_code = "stale_version"


# Codes and messages of our own for DRF's exceptions (its messages are English only).
_BY_CLASS: list[tuple[type[exceptions.APIException], str, Any]] = [
    (exceptions.NotAuthenticated, "not_authenticated", gettext_lazy("Sign in or send a token.")),
    (exceptions.AuthenticationFailed, "authentication_failed", None),
    (exceptions.NotFound, "not_found", gettext_lazy("Not found.")),
    (exceptions.MethodNotAllowed, "method_not_allowed", gettext_lazy("Method not allowed.")),
    (exceptions.NotAcceptable, "not_acceptable", gettext_lazy("This format is not available.")),
    (
        exceptions.UnsupportedMediaType,
        "unsupported_media_type",
        gettext_lazy("Send JSON (Content-Type: application/json)."),
    ),
    (exceptions.ParseError, "parse_error", gettext_lazy("The request body is not valid JSON.")),
    (exceptions.Throttled, "throttled", None),
]


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [msg for value in detail.values() for msg in _flatten(value)]
    if isinstance(detail, list):
        return [msg for value in detail for msg in _flatten(value)]
    return [str(detail)]


def _fields(detail: Any) -> dict[str, list[str]]:
    if not isinstance(detail, dict):
        return {NON_FIELD: _flatten(detail)}
    return {
        ("non_field_errors" if k == "__all__" else str(k)): _flatten(v) for k, v in detail.items()
    }


def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


def _from_django(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404 | DjangoPermissionDenied):
        return exceptions.NotFound()
    return exc


def _validation(exc: exceptions.ValidationError) -> Response:
    fields = _fields(exc.detail)
    general = fields.get(NON_FIELD, [])
    message = general[0] if general else _("Some fields are not valid: see each field's message.")
    return Response(error_body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST framework's EXCEPTION_HANDLER: every refusal in the one shape. Anything else is a
    bug and stays a 500 (logged by Django)."""
    exc = _from_django(exc)
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    if isinstance(exc, exceptions.ValidationError):
        return _validation(exc)
    code = exc.default_code if isinstance(exc.default_code, str) else "error"
    message = " ".join(_flatten(exc.detail))
    for cls, our_code, our_message in _BY_CLASS:
        if isinstance(exc, cls):
            code = our_code
            if our_message is not None:
                message = str(our_message)
            break
    wait = getattr(exc, "wait", None)  # set by REST framework on Throttled
    if isinstance(exc, exceptions.Throttled):
        message = _("Too many requests: wait %(seconds)s seconds.") % {"seconds": int(wait or 1)}
    response = Response(error_body(code, message), status=exc.status_code)
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        response["Retry-After"] = str(int(wait) or 1)
    return response
