"""How django-axes names the account being tried: allauth's `login` field, username or e-mail."""

from typing import Any

from django.http import HttpRequest


def attempted_login(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    value = (
        credentials.get("username")
        or credentials.get("email")
        or (request.POST.get("login") if request is not None else "")
        or ""
    )
    return str(value).strip().lower()
