"""Every page a role reaches in a demo world, in a real browser at 360×740: no serious or critical
accessibility violation (axe-core). The pages come from the same crawl as the audit test, so a new
page is checked without being listed here."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import PHONE, accessibility_violations
from tests.site.test_crawl import _start_urls
from tests.site.world import crawl, world_build

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _pages_by_route(client: Client) -> dict[str, tuple[Any, str]]:
    """One URL per route (the first role that reaches it), full pages only."""
    world = world_build(persons=8)
    pages: dict[str, tuple[Any, str]] = {}
    for user in world.users.values():
        found = crawl(client, user, start=_start_urls() + world.extra_urls, search_terms=[])
        for visit in found.visits:
            full_page = "<html" in visit.body[:500].lower()
            if visit.status == 200 and not visit.htmx and full_page:
                pages.setdefault(visit.route, (user, visit.url))
    return pages


def test_no_page_of_any_role_has_a_serious_accessibility_violation(browser, live_server):
    client = Client()
    pages = _pages_by_route(client)
    assert len(pages) > 40  # the crawl found the site, not only the home page
    contexts: dict[int, Any] = {}
    found: dict[str, list[str]] = {}
    for route, (user, url) in sorted(pages.items()):
        if user.pk not in contexts:
            own = Client()  # a session of its own (a login on a shared client ends the last one)
            own.force_login(user)
            context = browser.new_context(viewport=PHONE)
            cookie = own.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )
            contexts[user.pk] = context.new_page()
        page = contexts[user.pk]
        page.goto(f"{live_server.url}{url}")
        assert "/account/login/" not in page.url, route  # still signed in
        for v in accessibility_violations(page):
            found.setdefault(route, []).append(f"{v['impact']} {v['id']}: {v['nodes']}")
    for page in contexts.values():
        page.context.close()
    assert not found, "\n".join(f"{route} {url}" for route, url in sorted(found.items()))
