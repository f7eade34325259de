"""A second tap before a decision that is hard to undo (approve, accept, decline, close).

A form marked `data-confirm` asks in a <dialog> (static/js/pokpong.js) and then posts
`confirmed=1`. Without JavaScript the view answers the first post with a confirmation page
that posts the same fields again with `confirmed=1`: the decision always takes two taps.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_NOT_REPOSTED = {"csrfmiddlewaretoken", "confirmed"}


def confirmation_page(
    request: HttpRequest, *, question: str, confirm_label: str, back_url: str
) -> HttpResponse | None:
    """None once the user confirmed; otherwise the page that asks (the no-JS path)."""
    if request.POST.get("confirmed") == "1":
        return None
    fields = [
        (name, value)
        for name in request.POST
        if name not in _NOT_REPOSTED
        for value in request.POST.getlist(name)
    ]
    context = {
        "question": question,
        "confirm_label": confirm_label,
        "back_url": back_url,
        "fields": fields,
    }
    return render(request, "includes/confirm.html", context)
