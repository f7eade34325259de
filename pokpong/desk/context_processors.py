from typing import Any

from django.http import HttpRequest

from pokpong.desk.navigation import nav_items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": []}
    return {"nav_items": nav_items_for(user)}
