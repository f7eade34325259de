"""First-load weight of the home and case pages on a phone: the HTML as sent (gzip) plus every
style sheet, script and font it makes the browser fetch, as whitenoise serves them (its gzip -9
copies for CSS and JS; fonts are already compressed).

    .venv/bin/pytest -q -p no:cacheprovider bench/weight -s

Not collected by the test suite (bench/ is outside testpaths); prints a table that
docs/benchmarks.md records. Target: ≤ 60 KB for each page.
"""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
ASSET = re.compile(r'<(?:link|script)[^>]+(?:href|src)="/static/([^"]+)"')
FONT_IN_CSS = re.compile(r'url\("\.\./(fonts/[^"]+\.woff2)"\)')


def _static_size(path: str) -> int:
    data = Path(finders.find(path)).read_bytes()
    return len(data) if path.endswith((".woff2", ".png", ".svg")) else len(gzip.compress(data, 9))


def _weight(client, url: str) -> dict[str, int]:
    response = client.get(url, headers={"accept-encoding": "gzip"})
    if response.status_code != 200 or response["Content-Encoding"] != "gzip":
        raise AssertionError(f"{url}: {response.status_code}, not a gzipped page")
    html = gzip.decompress(response.content).decode()
    assets = [a for a in ASSET.findall(html) if not a.endswith(".svg")]  # the icon: not first load
    css = Path(finders.find("css/pokpong.css")).read_text(encoding="utf-8")
    fonts = FONT_IN_CSS.findall(css)  # Lao text in both weights on every page
    sizes = {"HTML": len(response.content)}
    sizes.update({path: _static_size(path) for path in dict.fromkeys(assets + fonts)})
    sizes["HTML uncompressed"] = len(html.encode())
    return sizes


def test_first_load_weight_of_the_home_and_case_pages(client, caseworker):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    for name, url in [
        ("home", reverse("desk:home")),
        ("case", reverse("cases:case_detail", args=[case.pk])),
    ]:
        sizes = _weight(client, url)
        plain = sizes.pop("HTML uncompressed")
        total = sum(sizes.values())
        print(f"\n{name}: HTML {plain} B uncompressed")
        for part, size in sizes.items():
            print(f"  {part:45} {size:7} B")
        print(f"  {'first load, compressed':45} {total:7} B = {total / 1024:.1f} KB")
        if total > 60 * 1024:
            raise AssertionError(f"{name}: {total} B is over the 60 KB target")


def test_weight_and_country_options_of_the_person_and_case_forms(client, caseworker):
    """The forms that choose countries: how many <option>s of countries each sends, and the HTML
    as sent (the page's static files are the same as above, cached after the first page)."""
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    for name, url in [
        ("person form", reverse("people:register")),
        ("person edit", reverse("people:edit", args=[case.person_id])),
        ("case form", reverse("cases:case_open", args=[case.person_id])),
        ("case edit", reverse("cases:case_edit", args=[case.pk])),
        ("arrival group form", reverse("people:group_create")),
    ]:
        response = client.get(url, headers={"accept-encoding": "gzip"})
        html = gzip.decompress(response.content).decode()
        selects = re.findall(r"<select[^>]*data-filter[^>]*>.*?</select>", html, re.S)
        options = sum(s.count("<option") for s in selects)
        print(
            f"\n{name:20} HTML {len(html.encode()) / 1024:5.1f} KB, gzip "
            f"{len(response.content) / 1024:4.1f} KB; {len(selects)} country select(s), "
            f"{options} options"
        )
