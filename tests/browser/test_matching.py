"""While a name is typed on the registration form, likely existing persons appear (any script)."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.people.services import PersonDetails, person_register
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_typing_a_romanised_name_finds_the_lao_script_record(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    existing = person_register(
        user=worker,
        details=PersonDetails(
            given_name_lo="ສຸກສະຫວັນ", family_name_lo="ພົມມະຈັນ", sex="female", birth_year=1998
        ),
    )
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/new/")
    phone.fill("input[name=given_name_latin]", "Suksavan")
    phone.type("input[name=family_name_latin]", "Phommachan", delay=20)
    phone.wait_for_selector(f"#duplicates a[href='/persons/{existing.pk}/']")
    assert existing.code in phone.inner_text("#duplicates")
    phone.locator("#duplicates").scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "duplicate-warning")
