"""Journey 1 on a phone: returnees arrive, each is registered, screened, and consents."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import Consent, Screening
from pokpong.people.models import Person
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_returnees_are_registered_screened_and_give_consent(phone, live_server):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/arrivals/new/")
    phone.fill("input[name=arrived_on]", "2026-11-20")  # the native date input
    phone.fill("input[name=border_point]", "ດ່ານຂົວມິດຕະພາບ 2")
    phone.select_option("select[name=returned_from]", label="ໄທ")
    phone.fill("input[name=expected_count]", "2")
    screenshot(phone, "arrival-group")
    phone.click("main button[type=submit]")

    phone.wait_for_selector("input[name=given_name_lo]")
    phone.fill("input[name=given_name_lo]", "ນ້ອຍ")
    phone.fill("input[name=family_name_lo]", "ແກ້ວມະນີ")
    phone.select_option("select[name=sex]", "female")
    phone.fill("input[name=birth_year]", "1999")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("ol.record-list li")
    _fits(phone)
    screenshot(phone, "arrival-group-persons")
    person = Person.objects.get()
    assert person.given_name_lo == "ນ້ອຍ"
    assert person.arrival_group is not None

    phone.click("ol.record-list li a:first-child")
    phone.wait_for_selector(".actions a.button")
    phone.click(".actions a.button")  # Screen
    phone.wait_for_selector("fieldset.question")
    for fieldset in phone.query_selector_all("fieldset.question"):
        radios = fieldset.query_selector_all("input[type=radio]")
        if radios and radios[0].get_attribute("name").startswith("q_"):
            radios[1].check()  # "No"
    phone.check("input[name=q_crossed_border][value=yes]")
    phone.check("input[name=q_job_different][value=yes]")
    phone.check("input[name=outcome][value=further_assessment]")
    _fits(phone)
    screenshot(phone, "screening")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("dl.facts")
    screenshot(phone, "screening-result")
    screening = Screening.objects.get()
    assert screening.answers["crossed_border"] == "yes"
    assert screening.outcome == "further_assessment"

    phone.goto(f"{live_server.url}/cases/persons/{person.pk}/consent/")
    phone.check("input[name=for_services]")
    phone.check("input[name=for_statistics]")
    phone.check("input[name=given_by][value=self]")
    phone.check("input[name=method][value=thumbprint]")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("h1")
    _fits(phone)
    screenshot(phone, "person")
    assert Consent.objects.get().for_services


def test_a_country_beyond_the_common_ones_is_fetched_when_typed(phone, live_server):
    from pokpong.places.models import Country

    UserFactory(username="dara", roles=[Role.CASE_WORKER])
    andorra = Country.objects.get(alpha2="AD")
    sign_in(phone, live_server, "dara")
    phone.goto(f"{live_server.url}/persons/new/")
    sent = phone.locator("#id_nationality option").count()
    assert sent < 20  # the common countries only
    phone.fill(
        "#id_nationality ~ .select-filter, .field:has(#id_nationality) .select-filter", "Andorra"
    )
    phone.wait_for_selector(f"#id_nationality option[value='{andorra.pk}']", state="attached")
    phone.select_option("#id_nationality", str(andorra.pk))
    assert phone.locator("#id_nationality option").count() > 200
    assert phone.locator("a.show-all-options[data-for='id_nationality']").count() == 0
    phone.click("a.show-all-options[data-for='id_document_country']")
    phone.wait_for_selector(f"#id_document_country option[value='{andorra.pk}']", state="attached")
    assert phone.url.endswith("/persons/new/")  # fetched, not reloaded
    phone.locator("#id_nationality").scroll_into_view_if_needed()
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "person-country-on-demand")
