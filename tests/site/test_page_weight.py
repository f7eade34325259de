"""The weight of a first visit to each main page on a phone (issue 20, measure 7): bytes, not
timings. What a browser with an empty cache downloads: the HTML as sent (gzip), every style
sheet, script, icon and preloaded font the page names, and every font and image its style sheets
name, each as whitenoise serves it in production (its gzip -9 copy for text; brotli, sent to
browsers that ask, is smaller still; woff2 is compressed already). The real browser's numbers
over an emulated slow line, and the LCP, are in `bench/scale/measures/weight.py`.

Target: ≤ 60 KB for each page; and nothing blocks the first paint but the one style sheet.
"""

import gzip
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    ConsentFactory,
    NeedFactory,
    ScreeningFactory,
)
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TARGET = 60 * 1024
LIST_PAGE = 25  # rows on the first page of the person and case lists
CSS_URL = re.compile(r"""url\(\s*["']?(?!data:)([^"')]+)["']?\s*\)""")
COMPRESSED_ALREADY = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp")


class _Head(HTMLParser):
    """The static files a page makes the browser fetch, and which of them block the first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.blocking: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") if tag in {"script", "img"} else found.get("href")
        if tag == "link" and not {"stylesheet", "preload", "icon"} & set(
            (found.get("rel") or "").split()
        ):
            return
        if tag not in {"link", "script", "img"} or not url or url.startswith("data:"):
            return
        self.fetched.append(url)
        if tag == "script" and "defer" not in found and "async" not in found:
            self.blocking.append(url)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("media") != "print":
            self.blocking.append(url)


def _static_path(url: str) -> str:
    assert url.startswith(settings.STATIC_URL), f"{url}: not one of our static files"
    return url.removeprefix(settings.STATIC_URL).split("?")[0]


def _served_size(path: str) -> int:
    """Bytes whitenoise sends for a static file: its gzip -9 copy, or the file when that is
    compressed already (as whitenoise, which skips a copy that would not be smaller)."""
    found = finders.find(path)
    assert found, f"{path}: no such static file"
    with open(found, "rb") as handle:
        data = handle.read()
    if path.endswith(COMPRESSED_ALREADY):
        return len(data)
    return min(len(data), len(gzip.compress(data, 9)))


def _first_load(client, url: str) -> tuple[dict[str, int], list[str]]:
    """Bytes per part of a first visit to `url` ("HTML", then each static file), and the
    requests that block the first paint."""
    response = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Encoding"] == "gzip", f"{url}: the HTML is not compressed"
    head = _Head()
    head.feed(gzip.decompress(response.content).decode())
    sizes = {"HTML": len(response.content)}
    pending = [_static_path(u) for u in head.fetched]
    while pending:
        path = pending.pop(0)
        if path in sizes:
            continue
        sizes[path] = _served_size(path)
        if path.endswith(".css"):  # its fonts and images, relative to the sheet
            found = finders.find(path)
            with open(str(found), encoding="utf-8") as handle:
                for ref in CSS_URL.findall(handle.read()):
                    pending.append(_normal(str(PurePosixPath(path).parent / ref)))
    return sizes, head.blocking


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in {"", "."}:
            parts.append(part)
    return "/".join(parts)


@pytest.fixture
def main_pages(caseworker):
    """The main pages of a case worker with a full first page of persons and cases, one case
    with its screening, consent, needs and notes, and the M&E officer's dashboard."""
    cases = [CaseFactory(person=PersonFactory(registered_by=caseworker)) for _ in range(LIST_PAGE)]
    case = cases[-1]
    ScreeningFactory(person=case.person)
    ConsentFactory(person=case.person)
    for _ in range(3):
        NeedFactory(case=case)
        CaseNoteFactory(case=case)
    person = case.person
    officer = UserFactory(roles=[Role.ME_OFFICER])
    return [
        (caseworker, "home", reverse("desk:home")),
        (caseworker, "inbox", reverse("desk:inbox")),
        (caseworker, "person list", reverse("people:list")),
        (caseworker, "person page", reverse("people:detail", args=[person.pk])),
        (caseworker, "case list", reverse("cases:case_list")),
        (caseworker, "case page", reverse("cases:case_detail", args=[case.pk])),
        (caseworker, "new person form", reverse("people:register")),
        (caseworker, "screening form", reverse("cases:screening_new", args=[person.pk])),
        (officer, "dashboard", reverse("monitoring:dashboard")),
    ]


def test_a_first_visit_to_each_main_page_weighs_at_most_60_kb(client, main_pages):
    over = []
    for user, name, url in main_pages:
        client.force_login(user)
        sizes, _blocking = _first_load(client, url)
        total = sum(sizes.values())
        if total > TARGET:
            parts = ", ".join(f"{part} {size / 1024:.1f}" for part, size in sizes.items())
            over.append(f"{name}: {total / 1024:.1f} KB ({parts})")
    assert not over, "over 60 KB on a first visit:\n" + "\n".join(over)


def test_only_the_style_sheet_blocks_the_first_paint(client, main_pages):
    """Every script is deferred; one style sheet (cacheable, no inline styles under the CSP)."""
    for user, name, url in main_pages:
        client.force_login(user)
        sizes, blocking = _first_load(client, url)
        assert blocking == [f"{settings.STATIC_URL}css/pokpong.css"], name
        assert any(part.startswith("fonts/") for part in sizes), f"{name}: the Lao font"
