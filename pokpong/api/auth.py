"""`Authorization: Bearer pkp_…`: the request acts as the token's user (see models.ApiToken).

A missing header leaves the request to the session (a signed-in browser, e.g. /api/docs/); a
header that names no usable token (unknown, wrong, revoked, expired) answers 401.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from pokpong.api.models import ApiToken
from pokpong.api.services import api_token_authenticate, api_token_used

KEYWORD = b"bearer"


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD:
            return None
        if len(words) != 2:
            raise AuthenticationFailed(_("The Authorization header must be: Bearer <token>."))
        try:
            secret = words[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        token = api_token_authenticate(secret)
        if token is None:
            raise AuthenticationFailed(_("This token is unknown, revoked or expired."))
        api_token_used(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


def token_of(request: Request) -> ApiToken | None:
    """The token the request came with (None for a signed-in browser)."""
    return request.auth if isinstance(request.auth, ApiToken) else None
