"""The countries a country select loads when the user asks for more than the common ones."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pokpong.places.forms import OTHERS_LABEL, CountryOptionsForm, other_countries


@require_GET
def country_options(request: HttpRequest) -> HttpResponse:
    """An <optgroup> of every other active country (a reference list: no personal data)."""
    form = CountryOptionsForm(request.GET)
    leave_out = form.cleaned_data["leave_out"] if form.is_valid() else None
    context = {"label": OTHERS_LABEL, "countries": other_countries(leave_out=leave_out)}
    response = render(request, "places/country_options.html", context)
    response["Cache-Control"] = "private, max-age=3600"
    return response
