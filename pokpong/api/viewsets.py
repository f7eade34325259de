"""The base of every API resource. A resource is a `ResourceViewSet` that says four things:

- `read_capabilities` / `write_capabilities`: what its pages need (`policy.Capability`); a caller
  without any of them gets the pages' 404 (permissions.PolicyPermission);
- `records_for(user)`: the records the caller may see, from the SAME selector or policy function
  its pages use (never an unscoped `Model.objects`); one it may not see answers 404;
- `serializer_class`: what a record looks like (read-only: writes go through the pages' forms
  and services, see `form_data` and `raise_form_errors`);
- `audit_fields`: the personal data a response shows; every such response is audited with the
  token's name (`audit_views`, and `via` in the audit context). Empty: nothing personal.

Lists are cursor-paginated on (updated_at, pk) and take `updated_since` (ISO 8601 date-time).
Writes carry the record's `version`; an older one gets 409 (`check_version`).
See docs/api.md, "How to add a resource".
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from typing import Any, ClassVar

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from pokpong.accounts.models import User
from pokpong.api.auth import token_of
from pokpong.api.errors import Conflict
from pokpong.core.audit import audit_context, audit_views
from pokpong.core.middleware import SUPPORTED, client_address

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records changed at or after this moment (ISO 8601, with a time zone).",
)
MAX_ID = 2**63 - 1


def caller_language(request: Request, user: Any) -> str:
    """Accept-Language when it names Lao or English, else the user's language, else Lao."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in SUPPORTED:
            return base
    language = getattr(user, "preferred_language", "")
    return language if language in SUPPORTED else "lo"


class ApiViewMixin:
    """Every API view: the caller's language, and the audit context naming the token."""

    _audit: ExitStack | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        translation.activate(caller_language(request, None))  # for a refused authentication
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        user = request.user
        translation.activate(caller_language(request, user))
        token = token_of(request)
        self._audit = ExitStack()
        self._audit.enter_context(
            audit_context(
                actor=user if user.is_authenticated else None,
                ip_address=client_address(request._request),
                via=f"api-token:{token.name} ({token.prefix})" if token else "api-session",
            )
        )

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        if self._audit is not None:
            self._audit.close()
            self._audit = None
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = translation.get_language() or "lo"
        response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Accept-Language"]))
        return response


class ApiView(ApiViewMixin, APIView):
    """A single API endpoint that is not a resource (e.g. the choices)."""


@extend_schema(exclude=True)
class NotFoundView(ApiView):
    """Every path under /api/ that names no route: the API's own 404."""

    permission_classes = ()

    def dispatch_not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise NotFound

    get = post = put = patch = delete = dispatch_not_found


def updated_since(request: Request) -> dt.datetime | None:
    """The `updated_since` filter: None when absent; 400 when not an aware ISO date-time."""
    raw = request.query_params.get("updated_since")
    if raw is None:
        return None
    # An unescaped "+" of the offset arrives as a space ("…T09:30:00 07:00").
    text = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw.strip())
    try:
        value = parse_datetime(text)
    except ValueError:
        value = None
    if value is None or not 1900 <= value.year <= 9000:
        message = _("Give a date and time such as %(example)s.")
        raise ValidationError({"updated_since": [message % {"example": "2026-11-28T09:30:00Z"}]})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class ResourceViewSet(ApiViewMixin, GenericViewSet):  # type: ignore[type-arg]
    read_capabilities: ClassVar[tuple[str, ...]] = ()
    write_capabilities: ClassVar[tuple[str, ...]] = ()
    list_capabilities: ClassVar[tuple[str, ...]] = ()  # empty: read_capabilities
    audit_fields: ClassVar[tuple[str, ...]] = ()
    lookup_value_regex = "[0-9]+"

    def records_for(self, user: User) -> QuerySet[Any]:
        """The records the caller may see: the pages' selector."""
        raise NotImplementedError

    @property
    def user(self) -> User:
        """The caller (IsAuthenticated let only users through)."""
        user = self.request.user
        if not isinstance(user, User):
            raise NotAuthenticated
        return user

    def fields_shown(self, record: Any) -> Sequence[str]:
        """The personal data one record's answer shows (for the audit trail)."""
        return self.audit_fields

    def audit_parent(self, record: Any) -> models.Model | None:
        """The record this one belongs to, for the audit entry (a screening's person)."""
        return None

    def get_queryset(self) -> QuerySet[Any]:
        records = self.records_for(self.user)
        since = updated_since(self.request)
        if since is not None:
            records = records.filter(updated_at__gte=since)
        return records

    def get_object(self) -> Any:
        """The record of the URL, or the same 404 for a missing one and one not the caller's."""
        pk = int(self.kwargs["pk"])
        if pk > MAX_ID:
            raise NotFound
        record = self.records_for(self.user).filter(pk=pk).first()
        if record is None:
            raise NotFound
        return record

    def record(self, pk: int) -> Any:
        """One record the caller may see, read again (after a write)."""
        return self.records_for(self.user).get(pk=pk)

    def audit_shown(self, records: Iterable[Any]) -> None:
        """One audit entry a record shown, naming what was shown (and the token)."""
        if not self.audit_fields:
            return
        groups: dict[tuple[tuple[str, ...], Any], list[models.Model]] = {}
        for record in records:
            key = (tuple(sorted(self.fields_shown(record))), self.audit_parent(record))
            groups.setdefault(key, []).append(record)
        for (fields, parent), shown in groups.items():
            audit_views(objs=shown, fields=fields, parent=parent)

    @extend_schema(parameters=[UPDATED_SINCE])
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        records = list(page if page is not None else [])
        self.audit_shown(records)
        return self.get_paginated_response(self.get_serializer(records, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        record = self.get_object()
        self.audit_shown([record])
        return Response(self.get_serializer(record).data)

    def answer(self, record: Any, *, status: int = 200) -> Response:
        """The record as it is now (after a write), audited like a read."""
        self.audit_shown([record])
        return Response(self.get_serializer(record).data, status=status)


# --- writes through the pages' forms -------------------------------------------------------

SCALARS = (str, int, float, bool)


def request_object(request: Request) -> dict[str, Any]:
    """The JSON object sent, or 400."""
    if not isinstance(request.data, dict):
        raise ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return dict(request.data)


def form_data(
    form_class: type[forms.Form],
    sent: dict[str, Any],
    *,
    start: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the page's form would have received: `start` (a PATCH: the record's values now)
    overlaid with what was sent for the form's fields (anything else is ignored). Values must
    be plain (text, number, true/false, null), or a list of those for a field of several
    choices; anything else is refused before the form runs."""
    data = {name: _plain(value) for name, value in (start or {}).items()}
    errors: dict[str, list[str]] = {}
    for name, field in form_class.base_fields.items():
        if name not in sent:
            continue
        value = sent[name]
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            value = [] if value is None else value
            if not isinstance(value, list) or not all(_is_plain(v) for v in value):
                errors[name] = [_("Give a list.")]
                continue
            data[name] = [_plain(v) for v in value]
        elif value is None or _is_plain(value):
            data[name] = _plain(value)
        else:
            errors[name] = [_("Give a text, a number, true or false, or null.")]
    if errors:
        raise ValidationError(errors)
    return data


def _is_plain(value: Any) -> bool:
    """Text (that UTF-8 can hold: no lone surrogate), a number or true/false."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return isinstance(value, SCALARS)


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | QuerySet):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return value
    return str(value) if not isinstance(value, str) else value


def raise_form_errors(form: forms.BaseForm) -> None:
    """The form's errors, in the one error shape (400), in the caller's language."""
    errors = {
        name: [str(error["message"]) for error in items]
        for name, items in form.errors.get_json_data().items()
    }
    raise ValidationError(errors)


def check_version(record: Any, sent: dict[str, Any]) -> int:
    """The version the caller read, which must be the record's version now (else 409)."""
    version = sent.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError({"version": [_("Send the version of the record you read.")]})
    if version != record.version:
        raise Conflict
    return version
