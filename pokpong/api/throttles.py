"""Rate limits per token: POKPONG_API_RATE (settings) by default, or the token's own rate.

A signed-in browser is limited per user, an anonymous caller per address. The counters live in
the cache (shared by every worker in production, see config/settings/production.py).
"""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from pokpong.api.auth import token_of


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    def allow_request(self, request: Request, view: Any) -> bool:
        token = token_of(request)
        if token is not None and token.rate_per_minute:
            self.num_requests, self.duration = token.rate_per_minute, 60
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str:
        token = token_of(request)
        if token is not None:
            ident = f"token-{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
