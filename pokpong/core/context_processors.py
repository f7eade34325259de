import base64
from typing import Any

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from pokpong.core.web_security import form_accepted


def drafts(request: HttpRequest) -> dict[str, Any]:
    """What static/js/pokpong.js needs to keep form drafts for the signed-in user only.

    `draft_key` encrypts the drafts in the browser (AES-GCM). It is derived from the user and
    their password hash, so another user's pages cannot read them, and it is in no page once the
    user is signed out. `form_accepted` is read (and forgotten) only by the full page layout.
    """
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"form_accepted": lambda: form_accepted(request)}
    if user is not None and user.is_authenticated:
        secret = f"{user.pk}:{user.get_session_auth_hash()}"
        key = salted_hmac("pokpong.drafts.key", secret, algorithm="sha256").digest()
        context["draft_key"] = base64.b64encode(key).decode()
        context["draft_owner"] = salted_hmac("pokpong.drafts.owner", secret).hexdigest()[:16]
    return context
