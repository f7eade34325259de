"""Who may call a resource: the same capability its pages need, and what the token allows.

The rules themselves are in pokpong/accounts/policy.py; this only asks them. A user without the
capability gets the 404 a page would give; a read-only token that tries to write gets 403.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from pokpong.accounts.models import User
from pokpong.accounts.policy import api_token_may, has_capability
from pokpong.api.auth import token_of


class ReadOnlyToken(PermissionDenied):
    default_detail = _("This token may only read.")
    default_code = "read_only_token"


class PolicyPermission(BasePermission):
    """`view.read_capabilities` for GET (`view.list_capabilities` for a list, when the list
    page needs more than the record's page), `view.write_capabilities` for writes: any one."""

    def has_permission(self, request: Request, view: Any) -> bool:
        write = request.method not in SAFE_METHODS
        token = token_of(request)
        if token is not None and not api_token_may(token, write=write):
            raise ReadOnlyToken
        names = "write_capabilities" if write else "read_capabilities"
        if not write and getattr(view, "action", None) == "list":
            names = "list_capabilities" if getattr(view, "list_capabilities", None) else names
        needed: tuple[str, ...] = getattr(view, names, ())
        user = request.user
        if not isinstance(user, User):  # IsAuthenticated, before this, answered already
            return False
        if needed and not any(has_capability(user, cap) for cap in needed):
            raise NotFound
        return True
