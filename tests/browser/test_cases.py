"""Journey 3 on a phone: open a case, assess needs, plan, get the plan approved, move on."""

import datetime as dt

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases import services
from pokpong.cases.models import Case, CaseStatus, PlanStatus
from pokpong.cases.screening import FormVersion, indicators_for
from pokpong.people.tests.factories import PersonFactory
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
PASSWORD = "correct horse battery staple"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_case_is_opened_planned_approved_and_moved_to_reintegration(browser, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    with_totp(UserFactory(username="boss", roles=[Role.PROVINCIAL_MANAGER]))
    person = PersonFactory(registered_by=worker, birth_year=1996)
    today = timezone.localdate()
    services.screening_record(
        user=worker,
        person=person,
        version=FormVersion.SHORT,
        screened_on=today,
        outcome="possible_victim",
        answers={i.code: "yes" for i in indicators_for(FormVersion.SHORT)},
    )
    services.consent_record(
        user=worker,
        person=person,
        share_with=[],
        details=services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=today,
            method="thumbprint",
        ),
    )

    worker_ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = worker_ctx.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "souk")
    page.goto(f"{live_server.url}/cases/persons/{person.pk}/open/")
    page.select_option("select[name=came_to_light]", "returnee_screening")
    page.check("input[name=forms_of_trafficking] >> nth=0")
    page.select_option("select[name=country_of_exploitation]", label="ໄທ")
    assert page.input_value("select[name=risk_level]") == ""  # nothing chosen for the user
    page.select_option("select[name=risk_level]", "medium")
    page.click("main form button[type=submit]")
    page.wait_for_selector("ol.status-steps")
    case = Case.objects.get()
    assert case.number.startswith("SV-")

    page.click("button:has-text('ກຳລັງດຳເນີນການ')")  # move to Active
    page.wait_for_selector("ol.status-steps li.current")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE

    page.click("details.panel >> nth=0")  # add a need
    page.select_option("select[name=domain]", "health")
    assert page.input_value("select[name=priority]") == ""
    page.select_option("select[name=priority]", "high")
    page.fill("textarea[name=description]", "ກວດສຸຂະພາບ")
    page.click("details.panel[open] button[type=submit]")
    page.wait_for_selector("text=ກວດສຸຂະພາບ")

    page.click("main summary >> nth=1")  # plan goals
    page.fill("textarea[name=goals]", "ກັບຄືນຄອບຄົວຢ່າງປອດໄພ")
    page.click("details.panel[open] button[type=submit]")
    page.wait_for_selector("text=ກັບຄືນຄອບຄົວຢ່າງປອດໄພ")
    page.click("main summary >> nth=2")  # add an action
    page.fill("details.panel[open] textarea[name=description]", "ຊອກຫາຄອບຄົວ")
    page.select_option("details.panel[open] select[name=responsible_organisation]", index=1)
    page.fill(
        "details.panel[open] input[name=due_on]",
        (today + dt.timedelta(days=10)).isoformat(),
    )
    page.click("details.panel[open] button[type=submit]")
    page.wait_for_selector("text=ຊອກຫາຄອບຄົວ")
    page.click("form[action$='/plan/submit/'] button")
    page.wait_for_selector(".message-success")
    assert case.plan.__class__.objects.get(case=case).status == PlanStatus.SUBMITTED

    boss_ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    boss = boss_ctx.new_page()
    boss.set_default_timeout(10_000)
    sign_in(boss, live_server, "boss", code=True)
    boss.goto(f"{live_server.url}/cases/{case.pk}/")
    boss.click("form[action$='/plan/approve/'] button")
    boss.click("dialog[open] button[value=yes]")  # the second tap
    boss.wait_for_selector(".message-success")
    boss_ctx.close()

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("button:has-text('ການເຊື່ອມໂຍງຄືນສູ່ສັງຄົມ')")
    page.wait_for_selector(".message-success")
    case.refresh_from_db()
    assert case.status == CaseStatus.REINTEGRATION
    _fits(page)
    screenshot(page, "case")

    page.goto(f"{live_server.url}/cases/")
    page.wait_for_selector("#results")
    _fits(page)
    screenshot(page, "caseload")
    worker_ctx.close()
