"""Pages travel compressed when the browser accepts it (GZipMiddleware): phones on slow links."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_is_sent_gzipped_to_a_browser_that_accepts_it(client, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("desk:home"), headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1>" in html
    assert len(response.content) < len(html.encode()) / 2


def test_a_browser_that_does_not_accept_gzip_gets_the_plain_page(client, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("desk:home"))
    assert not response.has_header("Content-Encoding")
    assert b"<h1>" in response.content
