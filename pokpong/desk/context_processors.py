from functools import partial
from typing import Any

from django.http import HttpRequest

from pokpong.desk.navigation import nav_items_for
from pokpong.desk.selectors import inbox_task_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": []}
    context: dict[str, Any] = {"nav_items": nav_items_for(user)}
    if user.is_authenticated:
        # A callable: the template calls it only where the menu is drawn (not in partials).
        context["inbox_count"] = partial(inbox_task_count, user=user)
    return context
