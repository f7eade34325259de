"""Journey 2 on phones: a hotline call about a missing daughter becomes a potential case, is
referred to the province of origin, and that office opens the case."""

import pytest

from pokpong.accounts.models import OrganisationType, Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case
from pokpong.people.models import Person
from pokpong.places.models import Province
from pokpong.prevention.models import CallReferral, HotlineCall
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_hotline_call_becomes_a_case_in_the_province_of_origin(browser, phone, live_server):
    org = OrganisationFactory(
        province=Province.objects.get(iso_code="LA-VT"),
        type=OrganisationType.objects.get(code="lwu"),
    )
    counsellor = UserFactory(username="keo", organisation=org)
    role_assign(user=counsellor, role=Role.HOTLINE_COUNSELLOR)
    office = OrganisationFactory(
        name_lo="ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ສະຫວັນນະເຂດ",
        province=Province.objects.get(iso_code="LA-SV"),
    )
    UserFactory(username="vanh", organisation=office, roles=[Role.CASE_WORKER])
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

    # The refer page suggests the office of the province concerned; the caller must agree.
    phone.wait_for_selector("input[name=caller_agreed]")
    person = Person.objects.get()
    assert person.given_name_lo == "ນ້ອຍ"
    assert HotlineCall.objects.get().person == person
    chosen = phone.eval_on_selector("select[name=to_organisation]", "el => el.value")
    assert chosen == str(office.pk)
    phone.check("input[name=caller_agreed]")
    phone.fill("textarea[name=message]", "ແມ່ລໍຖ້າຢູ່ບ້ານ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "hotline-refer")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("dl.facts")
    assert CallReferral.objects.get().to_organisation == office

    # The province's case worker finds it in the inbox and opens the case.
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    worker = context.new_page()
    sign_in(worker, live_server, "vanh")
    worker.goto(f"{live_server.url}/inbox/")
    worker.click("text=ຄົນເສຍ")  # the call's topic, "missing person"
    worker.wait_for_selector("select[name=risk_level]")
    assert "ບໍ່ມີການຕິດຕໍ່ 3 ເດືອນ" in worker.inner_text("main")
    worker.select_option("select[name=risk_level]", "high")
    worker.fill("textarea[name=risk_reason]", "ເດັກຍິງຢູ່ຕ່າງປະເທດ")
    assert worker.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(worker, "hotline-referral-accept")
    worker.click("main form.form button[type=submit]")
    worker.click("dialog[open] button[value=yes]")  # a second tap confirms
    worker.wait_for_selector("text=SV-")
    case = Case.objects.get()
    assert (case.organisation, case.came_to_light) == (office, "hotline")
    context.close()


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
