"""The offline page holds no personal data; the service worker and the manifest; the CSP."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from pokpong.people.tests.factories import ArrivalGroupFactory, PersonFactory
from pokpong.referrals.tests.factories import FollowUpVisitFactory

pytestmark = pytest.mark.django_db


def test_the_offline_page_holds_case_numbers_but_no_name_phone_or_token(client, caseworker):
    person = PersonFactory(registered_by=caseworker, phone="020 5555 1234")
    visit = FollowUpVisitFactory(case__person=person)
    ArrivalGroupFactory(created_by=caseworker)
    client.force_login(caseworker)
    page = client.get(reverse("offline:app")).content.decode()
    assert visit.case.number in page
    for secret in (person.given_name_lo, person.given_name_latin, "5555", person.code):
        assert secret not in page
    assert "csrfmiddlewaretoken" not in page
    assert "pokpong-draft-key" not in page
    assert 'name="given_name_lo"' in page  # the blank registration form
    assert 'name="q_crossed_border"' in page  # the screening questions
    assert "Friendship Bridge II" in page  # the arrival groups to choose from


def test_the_service_worker_and_manifest_are_served_to_anyone(client):
    worker = client.get(reverse("offline:service_worker"))
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert b'addEventListener("fetch"' in worker.content
    manifest = client.get(reverse("offline:manifest")).json()
    assert manifest["short_name"] == "ປົກປ້ອງ"
    assert manifest["scope"] == "/offline/"


def test_the_policy_allows_our_worker_and_manifest_and_nothing_else(client):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
    assert "unsafe" not in policy


def test_the_offline_page_first_load_stays_within_60_kb_compressed(client, caseworker):
    """The page, and every file it loads (stylesheet, scripts, font, icon, manifest, worker)."""
    for _ in range(20):
        ArrivalGroupFactory(created_by=caseworker)
    client.force_login(caseworker)
    page = client.get(reverse("offline:app")).content
    files = set(re.findall(r'(?:src|href)="/static/([^"]+)"', page.decode()))
    files |= {"js/sw.js", "fonts/noto-sans-lao-lao-400-normal.woff2"}
    total = len(gzip.compress(page, 9)) + len(
        gzip.compress(client.get(reverse("offline:manifest")).content, 9)
    )
    for name in files:
        path = finders.find(name)
        assert isinstance(path, str), name
        total += len(gzip.compress(Path(path).read_bytes(), 9))
    assert {"css/pokpong.css", "js/offline.js"} <= files
    assert "js/pokpong.js" not in files  # only what the offline page needs
    assert total <= 60 * 1024
