"""With DEBUG on (the demo), a signed-in user who opens a page they may not see, or one that does
not exist, gets the app's own translated 404 page, not Django's English technical page."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
@pytest.mark.parametrize("path", ["/no-such-page/", "/audit/", "/cases/999999/"])
def test_a_refused_or_missing_page_shows_the_lao_404_page_with_debug_on(client, caseworker, path):
    client.force_login(caseworker)
    response = client.get(path)
    assert response.status_code == 404
    text = response.content.decode()
    assert "ບໍ່ພົບ" in text or "ບໍ່ມີ" in text  # the Lao page (the case worker reads Lao)
    assert "Using the URLconf" not in text
    assert "technical_404" not in text and "Django tried these URL patterns" not in text
    assert reverse("desk:home") in text


@override_settings(DEBUG=True)
def test_an_anonymous_visitor_keeps_the_behaviour_of_the_debug_server(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Django tried these URL patterns" in response.content.decode()
