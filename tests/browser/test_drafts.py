"""Form drafts survive a reload, belong to one user, and are gone after sign-out or submit.

Also: no page breaks the Content-Security-Policy (no violation in chromium's console).
"""

import json

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

NAME = "ຈັນທະວົງ"


def _storage(page) -> str:
    """Everything this site keeps in the browser's storage, as one text."""
    text: str = page.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )
    return text


def _draft_saved(page) -> None:
    page.wait_for_function(
        "Object.keys(localStorage).concat(Object.keys(sessionStorage))"
        ".some(k => k.startsWith('pokpong-draft:'))"
    )


def _watch_policy(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def _sign_out(page) -> None:
    page.click("header summary.menu-button")
    page.click("header form[data-signout] button")
    page.wait_for_selector("input[name=login]")


def test_a_draft_survives_a_reload_and_nobody_else_gets_it_after_sign_out(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    violations = _watch_policy(phone)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/new/")
    phone.fill("input[name=given_name_lo]", NAME)
    _draft_saved(phone)
    assert NAME not in _storage(phone)  # the draft is encrypted

    phone.reload()  # as after a lost connection
    phone.wait_for_function(
        f"document.querySelector('input[name=given_name_lo]').value === '{NAME}'"
    )

    _sign_out(phone)
    assert "pokpong-draft" not in _storage(phone)
    assert NAME not in _storage(phone)

    sign_in(phone, live_server, "noy")
    phone.goto(f"{live_server.url}/persons/new/")
    phone.wait_for_timeout(300)
    assert phone.input_value("input[name=given_name_lo]") == ""
    assert violations == []


def test_a_draft_of_another_user_is_removed_when_a_different_user_signs_in(phone, live_server):
    """Signed out by the idle timeout, not by the button: the next user still gets nothing."""
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/new/")
    phone.fill("input[name=given_name_lo]", NAME)
    _draft_saved(phone)
    phone.context.clear_cookies()  # the session ends without the sign-out button

    sign_in(phone, live_server, "noy")
    assert "pokpong-draft" not in _storage(phone)
    phone.goto(f"{live_server.url}/persons/new/")
    phone.wait_for_timeout(300)
    assert phone.input_value("input[name=given_name_lo]") == ""


def test_drafts_left_in_local_storage_by_older_versions_are_removed(phone, live_server):
    phone.goto(f"{live_server.url}/account/login/")
    phone.evaluate(
        "draft => localStorage.setItem('pokpong-draft:person-new', draft)",
        json.dumps({"given_name_lo": NAME}, ensure_ascii=False),
    )
    phone.reload()
    phone.wait_for_selector("input[name=login]")
    assert NAME not in _storage(phone)


def test_the_quick_add_form_is_empty_after_each_person_added(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    violations = _watch_policy(phone)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/arrivals/new/")
    phone.fill("input[name=arrived_on]", "2026-11-20")  # the native date input
    phone.fill("input[name=border_point]", "ດ່ານຂົວມິດຕະພາບ 2")
    phone.select_option("select[name=returned_from]", label="ໄທ")
    phone.click("main button[type=submit]")
    # two different persons (a namesake would be held back by the duplicate warning)
    for given, family, count in (("ນ້ອຍ", "ແກ້ວມະນີ", 1), ("ແສງ", "ສີສຸພັນ", 2)):
        phone.wait_for_selector("input[name=given_name_lo]")
        phone.fill("input[name=given_name_lo]", given)
        phone.fill("input[name=family_name_lo]", family)
        phone.wait_for_selector("#duplicates .message")  # the check run while typing
        phone.select_option("select[name=sex]", "female")
        _draft_saved(phone)
        phone.click("main button[type=submit]")
        phone.wait_for_function(
            f"document.querySelectorAll('ol.record-list li').length === {count}"
        )
        phone.wait_for_timeout(300)
        assert phone.input_value("input[name=given_name_lo]") == ""
        assert phone.input_value("input[name=family_name_lo]") == ""
        assert "pokpong-draft" not in _storage(phone)
    assert violations == []
