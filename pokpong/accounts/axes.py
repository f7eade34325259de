"""How django-axes and the audit trail name the account being tried: never the typed text.

People type a password into the login field by mistake; what they typed must not be kept. A login
that matches one account (username or e-mail, any case) is named by that account's username, so
a lockout is per account however it was typed; anything else becomes one fixed marker.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

UNKNOWN_LOGIN = "(unknown)"


def account_username(login: object) -> str | None:
    """The username of the one account this login names, if any."""
    from pokpong.accounts.models import User

    text = str(login or "").strip()
    if not text or len(text) > 254:
        return None
    matches = list(
        User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text)).values_list(
            "username", flat=True
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def safe_login(login: object) -> str:
    return account_username(login) or UNKNOWN_LOGIN


def attempted_login(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    value = (
        credentials.get("username")
        or credentials.get("email")
        or (request.POST.get("login") if request is not None else "")
        or ""
    )
    return safe_login(value)
