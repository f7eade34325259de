"""Arrival groups and the person list on a phone: quick add without inherited data or silent
duplicates, the list of groups, the person list's filters, registration by keyboard alone."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.people.models import Person
from pokpong.people.tests.factories import ArrivalGroupFactory, PersonFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _quick_add(page) -> None:
    page.fill("input[name=given_name_lo]", "ນ້ອຍ")
    page.fill("input[name=family_name_lo]", "ແກ້ວມະນີ")
    _checked(page)
    page.select_option("select[name=sex]", "female")
    page.fill("input[name=birth_year]", "1999")
    page.fill("input[name=phone]", "020 5555 1234")
    page.click("main form button[type=submit]")


def _checked(page) -> None:
    """Wait for the duplicate check run while the names are typed (as a person would see it)."""
    page.wait_for_selector("#duplicates .message")
    page.wait_for_load_state("networkidle")


def test_quick_add_twice_leaves_an_empty_form_then_warns_of_the_repeat(phone, live_server):
    souk = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    group = ArrivalGroupFactory(created_by=souk, expected_count=2)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/arrivals/{group.pk}/")
    _quick_add(phone)
    phone.wait_for_selector("ol.record-list li")
    phone.wait_for_timeout(300)  # drafts are restored asynchronously: none may come back
    for name in ("given_name_lo", "family_name_lo", "birth_year", "phone"):
        assert phone.input_value(f"input[name={name}]") == ""
    assert phone.input_value("select[name=sex]") == ""
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "arrival-group-persons")

    _quick_add(phone)  # the same person again: a second tap
    phone.wait_for_selector(".form-errors")
    assert Person.objects.count() == 1
    assert Person.objects.get().code in phone.inner_text(".form-errors")
    assert phone.is_visible("input[name=add_anyway]")
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "arrival-group-repeat")


def test_the_arrival_groups_are_listed_newest_first_with_their_counts(phone, live_server):
    souk = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    ArrivalGroupFactory(created_by=souk, arrived_on=dt.date(2026, 10, 5), border_point="Vangtao")
    newest = ArrivalGroupFactory(created_by=souk, arrived_on=dt.date(2026, 11, 20))
    PersonFactory.create_batch(3, registered_by=souk, arrival_group=newest)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/")
    phone.click("a[href='/persons/arrivals/']")
    phone.wait_for_selector("ul.group-list li")
    rows = phone.locator("ul.group-list li")
    assert rows.count() == 2
    assert "3" in rows.nth(0).inner_text()
    assert "Vangtao" in rows.nth(1).inner_text()
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "arrival-groups")
    rows.nth(0).locator("a").click()
    phone.wait_for_selector("ol.record-list li")
    assert phone.locator("ol.record-list li").count() == 3


def test_the_person_list_is_filtered_and_in_lao_order(phone, live_server):
    souk = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    year = timezone.localdate().year
    for given in ("ບົວ", "ນ້ອຍ", "ແກ້ວ"):
        PersonFactory(registered_by=souk, given_name_lo=given, birth_year=year - 16)
    PersonFactory(registered_by=souk, given_name_lo="ສົມ", sex="male", birth_year=year - 40)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/")
    phone.click("details.person-filters summary")
    phone.select_option("select[name=sex]", "female")
    phone.select_option("select[name=age]", "child")
    phone.click("details.person-filters button[type=submit]")
    phone.wait_for_selector("details.person-filters[open]")
    names = phone.locator("ul.record-list li strong").all_inner_texts()
    assert [n.split()[0] for n in names] == ["ແກ້ວ", "ນ້ອຍ", "ບົວ"]  # Lao order: ກ ນ ບ
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "person-filters")


def _tab_to(page, name: str) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"{name} is not reached with the Tab key")


def _focus_visible(page) -> bool:
    style: str = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    return style not in ("", "none")


def test_a_person_is_registered_with_the_keyboard_alone(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/new/")
    assert_accessible(phone)
    _tab_to(phone, "given_name_lo")
    assert _focus_visible(phone)
    phone.keyboard.type("ສຸກສະຫວັນ")
    phone.keyboard.press("Tab")
    phone.keyboard.type("ພົມມະຈັນ")
    _checked(phone)
    _tab_to(phone, "sex")
    assert _focus_visible(phone)
    phone.keyboard.press("ArrowDown")  # the first choice (female): none was chosen beforehand
    _tab_to(phone, "birth_year")
    phone.keyboard.type("2001")
    phone.keyboard.press("Shift+Tab")
    assert phone.evaluate("document.activeElement.name") != "birth_year"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # submits the form
    phone.wait_for_url(re.compile(r"/persons/\d+/$"))
    person = Person.objects.get()
    assert (person.given_name_lo, person.sex, person.birth_year) == ("ສຸກສະຫວັນ", "female", 2001)
    assert_accessible(phone)
