"""Cross-site requests: every POST needs the CSRF token, and no view opts out."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2] / "pokpong"  # the pokpong package

pytestmark = pytest.mark.django_db


def test_the_csrf_middleware_is_on_and_no_view_is_exempt():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    exempt = [
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*.py")
        if "/tests/" not in p.as_posix() and "csrf_exempt" in p.read_text(encoding="utf-8")
    ]
    assert exempt == []


def test_a_post_without_the_token_is_refused(caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    response = client.post(reverse("people:register"), {"given_name_latin": "Noy", "sex": "female"})
    assert response.status_code == 403
    from pokpong.people.models import Person

    assert not Person.objects.exists()


def test_signing_in_without_the_token_is_refused(caseworker):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "caseworker", "password": "x" * 12})
    assert response.status_code == 403


def test_the_api_refuses_a_signed_in_browsers_write_without_the_token(caseworker):
    """REST framework exempts its views from the middleware and checks CSRF itself for a
    session; a bearer token is no cookie, so a request carrying one needs no CSRF token."""
    from pokpong.api.tests.factories import personal_token
    from pokpong.people.models import Person

    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    body = {"given_name_latin": "Noy", "sex": "female"}
    url = reverse("api:persons_list")
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 403
    assert not Person.objects.exists()
    client.logout()
    token = personal_token(caseworker)
    auth = f"Bearer {token.secret}"
    response = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 201
