"""Main path of the foundation: sign in on a phone and read the Lao home page."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from tests.browser.conftest import PHONE, assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit]:has-text('ເຂົ້າສູ່ລະບົບ')")


def test_a_case_worker_signs_in_and_sees_the_lao_home_page_on_a_phone(phone, live_server):
    user = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    _sign_in(phone, live_server, "souk")

    phone.wait_for_selector("h1")
    assert phone.locator("html").get_attribute("lang") == "lo"
    body = phone.inner_text("body")
    assert "ບຸນມີ ພົມມະຈັນ" in body
    assert user.organisation.name_lo in body
    assert "ສະຫວັນນະເຂດ" in body

    # The app's own Lao web font is loaded and used (devices without Lao fonts still render).
    phone.evaluate("document.fonts.ready")
    assert phone.evaluate("document.fonts.check('16px \"Noto Sans Lao Pokpong\"', 'ປົກປ້ອງ')")
    # Nothing overflows sideways at 360 px.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    assert_accessible(phone)  # the screenshot: test_home_work, with work waiting


def test_the_language_switch_turns_the_page_english_and_back(phone, live_server):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    _sign_in(phone, live_server, "noy")
    phone.click("summary.menu-button")  # the language switch is in the menu
    phone.click("button[name=language][value=en]")
    phone.wait_for_selector("html[lang=en]")
    assert "Welcome" in phone.inner_text("h1")
    phone.reload()
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.click("summary.menu-button")
    phone.click("button[name=language][value=lo]")
    phone.wait_for_selector("html[lang=lo]")
