"""Cursor pagination on (updated_at, pk): stable while records change, and what a
synchronising client wants (oldest change first; with `updated_since`, only what changed)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request


class SyncCursorPagination(CursorPagination):
    ordering: tuple[str, ...] = ("updated_at", "pk")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            return super().decode_cursor(request)
        except Exception as exc:  # DRF answers 404 for a bad cursor: it is bad input (400)
            if getattr(exc, "status_code", None) == 404:
                message = _("This cursor is not valid: start again from the first page.")
                raise ValidationError({"cursor": [message]}) from exc
            raise
