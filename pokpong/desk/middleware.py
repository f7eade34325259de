"""The app's own "not found" page for signed-in users even with DEBUG on (the demo)."""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class FriendlyNotFoundMiddleware:
    """With DEBUG on, Django answers a 404 with its English technical page (the URL list): a
    demo user who opens a page their role may not see would read it. For a signed-in user the
    answer is the app's own translated 404 page instead, as in production. Errors (500) keep
    the technical page; without DEBUG the middleware does nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and request.user.is_authenticated
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, Http404())
        return response
