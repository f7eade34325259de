"""What every response tells the browser, how long a sign-in lasts, and the drafts' key."""

import re

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_strict_content_security_policy_and_permissions_policy(client):
    response = client.get(reverse("account_login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_no_template_holds_inline_script_or_style():
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    inline = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|<style|hx-on", re.I)
    offenders = [
        str(path.relative_to(root))
        for folder in ("templates", "pokpong")
        for path in (root / folder).rglob("*.html")
        if inline.search(path.read_text()) and "certificate_pdf" not in path.name
    ]
    assert offenders == []


def test_pages_of_a_signed_in_user_are_never_stored(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("desk:home")).headers["Cache-Control"] == "no-store"


def test_signing_out_clears_the_sites_storage_and_cache(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in client.get(reverse("account_login")).headers


def test_a_sign_in_ends_after_the_absolute_lifetime_however_active(client, caseworker, settings):
    settings.POKPONG_SESSION_MAX_SECONDS = 12 * 3600
    with time_machine.travel("2026-11-20 08:00 +07:00", tick=False) as clock:
        client.force_login(caseworker)
        assert client.get(reverse("desk:home")).status_code == 200
        for _step in range(12 * 3):  # a request every 20 minutes: never idle
            clock.shift(20 * 60 - 5)
            assert client.get(reverse("desk:home")).status_code == 200
        clock.shift(5 * 12 * 3 + 60)
        response = client.get(reverse("desk:home"))
        assert response.status_code == 302
        # the cache goes; the storage (sealed drafts, offline records not sent yet) stays
        assert response.headers["Clear-Site-Data"] == '"cache"'
        assert client.get(reverse("desk:home")).status_code == 302


def test_the_page_after_an_accepted_form_says_so_once(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("desk:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "data-form-accepted" in client.get(reverse("desk:home")).content.decode()
    assert "data-form-accepted" not in client.get(reverse("desk:home")).content.decode()


def test_the_drafts_key_belongs_to_the_user_and_is_absent_when_signed_out(client, caseworker):
    def key_in(html: str) -> str | None:
        found = re.search(r'name="pokpong-draft-key" content="([^"]+)"', html)
        return found.group(1) if found else None

    client.force_login(caseworker)
    first = key_in(client.get(reverse("desk:home")).content.decode())
    assert first and len(first) == 44
    client.force_login(UserFactory(username="colleague", roles=[Role.CASE_WORKER]))
    assert key_in(client.get(reverse("desk:home")).content.decode()) not in {None, first}
    client.logout()
    assert key_in(client.get(reverse("account_login")).content.decode()) is None
