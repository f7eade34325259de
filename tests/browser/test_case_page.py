"""The case page on a phone: a section menu, the next step at the top, decisions confirmed, a plan
returned with a comment, the chain screening → consent → case → plan, readable labels."""

import datetime as dt

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases import services
from pokpong.cases.models import Case, CasePlan, PlanStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.tests.factories import referred_case
from tests.browser.conftest import PHONE, SCREENSHOTS, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _submitted_plan(worker) -> Case:
    """A case of the worker's office with a need, goals and an action, submitted for approval."""
    case = CaseFactory(person=PersonFactory(registered_by=worker))
    need = services.case_need_add(
        user=worker, case=case, domain="health", priority="high", description="ກວດສຸຂະພາບ"
    )
    services.case_plan_save(user=worker, case=case, goals="ກັບຄືນຄອບຄົວຢ່າງປອດໄພ")
    services.case_action_add(
        user=worker,
        case=case,
        description="ພາໄປໂຮງໝໍ",
        responsible_organisation=case.organisation,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        need=need,
    )
    services.case_plan_submit(user=worker, case=case)
    return case


def _manager(browser, live_server):
    with_totp(UserFactory(username="boss", roles=[Role.PROVINCIAL_MANAGER]))
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "boss", code=True)
    return context, page


def test_the_manager_approves_the_plan_from_the_top_of_the_case_after_a_second_tap(
    browser, live_server
):
    case = _submitted_plan(UserFactory(username="souk", roles=[Role.CASE_WORKER]))
    context, page = _manager(browser, live_server)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    menu = page.locator("nav.section-menu")
    assert menu.locator("a[href='#plan'] .count").inner_text() == "1"
    assert menu.locator("a[href='#needs'] .count").inner_text() == "1"
    approve = page.locator("#next-step form[action$='/plan/approve/'] button")
    assert approve.bounding_box()["y"] < PHONE["height"]  # on the first screen
    _fits(page)
    assert_accessible(page)
    screenshot(page, "case-next-step")

    page.locator("#notes").scroll_into_view_if_needed()
    header = page.locator(".site-header").bounding_box()
    below_header = header["y"] + header["height"]
    assert menu.bounding_box()["y"] == pytest.approx(below_header, abs=2)  # at hand
    page.click("nav.section-menu a[href='#next-step']")
    approve.click()
    page.wait_for_selector("dialog[open]")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "case-approve-confirm.png"))  # the dialog on screen
    page.click("dialog[open] button[value=no]")
    assert CasePlan.objects.get(case=case).status == PlanStatus.SUBMITTED

    approve.click()
    page.click("dialog[open] button[value=yes]")
    page.wait_for_selector(".message-success")
    assert CasePlan.objects.get(case=case).status == PlanStatus.APPROVED
    context.close()


def test_a_manager_returns_the_plan_and_the_case_worker_reads_why(phone, browser, live_server):
    case = _submitted_plan(UserFactory(username="souk", roles=[Role.CASE_WORKER]))
    context, page = _manager(browser, live_server)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#next-step summary")
    page.fill("#next-step textarea[name=comment]", "ເພີ່ມວຽກຊອກຫາຄອບຄົວ")
    page.click("#next-step form[action$='/plan/return/'] button")
    page.wait_for_selector(".message-success")
    assert CasePlan.objects.get(case=case).status == PlanStatus.DRAFT
    context.close()

    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    assert "ເພີ່ມວຽກຊອກຫາຄອບຄົວ" in phone.locator("#next-step").inner_text()
    assert "ເພີ່ມວຽກຊອກຫາຄອບຄົວ" in phone.locator("#plan-returned").inner_text()
    assert phone.locator("#plan-submit").count() == 1  # it can be sent again
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "case-plan-returned")


def test_each_step_from_screening_to_the_plan_offers_the_next(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    person = PersonFactory(registered_by=worker, birth_year=1996)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/{person.pk}/")
    phone.click(".next-step a[href$='/screening/']")
    phone.wait_for_selector("fieldset.question")
    for fieldset in phone.query_selector_all("fieldset.question"):
        radios = fieldset.query_selector_all("input[type=radio]")
        if radios and radios[0].get_attribute("name").startswith("q_"):
            radios[0].check()
    outcomes = phone.locator("label.outcome")
    tops = [outcomes.nth(i).bounding_box()["y"] for i in range(outcomes.count())]
    assert len(set(tops)) == outcomes.count()  # one decision per line
    assert all(outcomes.nth(i).bounding_box()["height"] >= 44 for i in range(outcomes.count()))
    phone.check("input[name=outcome][value=possible_victim]")
    assert_accessible(phone)
    decision = phone.locator("fieldset:has(input[name=outcome])")
    decision.screenshot(path=str(SCREENSHOTS / "screening-decision.png"))
    phone.click("main form button[type=submit]")

    phone.click(".next-step a[href$='/consent/']")  # the screening offers the consent
    phone.check("input[name=for_services]")
    phone.check("input[name=given_by][value=self]")
    phone.check("input[name=method][value=thumbprint]")
    phone.click("main form button[type=submit]")

    phone.click(".next-step a[href$='/open/']")  # the person's page offers the case
    assert phone.input_value("select[name=risk_level]") == ""
    phone.select_option("select[name=came_to_light]", "returnee_screening")
    phone.select_option("select[name=risk_level]", "high")
    phone.fill("textarea[name=risk_reason]", "ນາຍໜ້າຢູ່ໃນບ້ານ")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("#next-step")
    case = Case.objects.get()
    assert phone.locator("#next-step a[href$='#plan']").count() == 1  # the case offers the plan
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "case-opened-next-step")

    phone.click("#next-step a[href$='#plan']")
    services.case_need_add(
        user=worker, case=case, domain="health", priority="high", description="ກວດສຸຂະພາບ"
    )
    phone.reload()
    phone.click("summary:has-text('ເພີ່ມກິດຈະກຳ'), details:has(select[name=need]) summary")
    labels = phone.locator("select[name=need] option").all_inner_texts()
    assert any("ກວດສຸຂະພາບ" in label for label in labels)
    assert not any(label.startswith("need ") for label in labels)


def test_a_blocker_is_a_link_to_the_page_that_removes_it(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker))
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    phone.click("#next-step .blockers a[href$='/screening/']")
    phone.wait_for_selector("fieldset.question")
    assert_accessible(phone)


def test_the_service_form_names_the_referral_by_service_receiver_and_date(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    referral = referred_case(office=worker)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/referrals/cases/{referral.case_id}/services/")
    labels = phone.locator("select[name=referral] option").all_inner_texts()
    assert any(str(referral.to_organisation) in label for label in labels)
    assert not any(label.startswith("referral ") for label in labels)
    assert_accessible(phone)
