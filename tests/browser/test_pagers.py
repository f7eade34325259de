"""The keyset pager on a phone (issue 20): Next and Previous carry a cursor and the filters, are
large enough to tap at 360 px, and the page stays accessible."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.people.tests.factories import PersonFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_the_person_list_pages_forward_and_back_with_its_filter(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    for _ in range(230):  # more than the 200 a filtered list shows in Lao order
        PersonFactory(registered_by=worker)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/?sex=female")
    first = phone.inner_text("ul.record-list")
    phone.click("nav.pagination a[rel=next]")
    phone.wait_for_selector("nav.pagination a[rel=prev]")
    assert "sex=female" in phone.url and "cursor=" in phone.url and "page=" not in phone.url
    assert phone.inner_text("ul.record-list") != first
    for link in phone.query_selector_all("nav.pagination a"):
        box = link.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "person-list-page-2")
    assert_accessible(phone)
    phone.click("nav.pagination a[rel=prev]")
    phone.wait_for_selector("nav.pagination a[rel=next]")
    assert phone.inner_text("ul.record-list") == first
