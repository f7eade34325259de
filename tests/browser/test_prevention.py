"""Journey 2 begins on a phone: a hotline call about a missing daughter opens a potential case."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.people.models import Person
from pokpong.places.models import Province
from pokpong.prevention.models import HotlineCall
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_hotline_call_opens_a_potential_case(phone, live_server):
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-VT"))
    counsellor = UserFactory(username="keo", organisation=org)
    role_assign(user=counsellor, role=Role.HOTLINE_COUNSELLOR)
    sign_in(phone, live_server, "keo")
    phone.goto(f"{live_server.url}/prevention/hotline/new/")
    phone.select_option("select[name=channel]", "phone_1362")
    phone.select_option("select[name=caller_type]", "family")
    phone.select_option("select[name=topic]", "missing_person")
    phone.select_option("select[name=province]", label="ສະຫວັນນະເຂດ")
    phone.fill("textarea[name=summary]", "ລູກສາວໄປເຮັດວຽກຢູ່ໄທ, ບໍ່ມີການຕິດຕໍ່ 3 ເດືອນ")
    phone.select_option("select[name=outcome]", "potential_case")
    phone.fill("input[name=person_name]", "ນ້ອຍ ແກ້ວມະນີ")
    phone.select_option("select[name=person_sex]", "female")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "hotline-call")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("dl.facts")
    person = Person.objects.get()
    assert person.given_name_lo == "ນ້ອຍ"
    assert HotlineCall.objects.get().person == person


def test_a_village_is_assessed_on_a_phone(phone, live_server):
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-SL"))
    officer = UserFactory(username="dao", organisation=org)
    role_assign(user=officer, role=Role.PREVENTION_OFFICER, province=org.province)
    sign_in(phone, live_server, "dao")
    phone.goto(f"{live_server.url}/prevention/assessments/new/")
    phone.select_option("select[name=province]", str(org.province.pk))
    phone.fill("input[name=village]", "ບ້ານນາໂພ")
    for radio in phone.query_selector_all("input[type=radio][value='2']"):
        radio.check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "risk-assessment")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".risk-high")
    assert "14/14" in phone.inner_text("main")
