"""A refusal anywhere in a view answers exactly like a missing record."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import override_settings
from django.urls import include, path

from pokpong.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _refusing_view(request):
    raise PermissionDenied


def _missing_view(request):
    raise Http404


urlpatterns = [
    path("refusing/", _refusing_view),
    path("missing/", _missing_view),
    path("", include("config.urls")),
]
handler403 = "pokpong.desk.views.refused"


@override_settings(ROOT_URLCONF=__name__)
def test_permission_denied_gives_the_same_404_page_as_a_missing_record(client):
    client.force_login(UserFactory())
    refused, missing = client.get("/refusing/"), client.get("/missing/")
    assert refused.status_code == missing.status_code == 404

    def page(response):  # the CSP nonce and the masked CSRF token differ per request
        volatile = rb'nonce="[^"]*"|"X-CSRFToken": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"'
        return re.sub(volatile, b"", response.content.replace(b"/refusing/", b"/missing/"))

    assert page(refused) == page(missing)


def test_the_site_routes_refusals_to_the_one_helper():
    from config import urls

    assert urls.handler403 == "pokpong.desk.views.refused"
