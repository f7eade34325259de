"""Work and income of a case on a phone: the case worker records a livelihood assessment and a
job placement, and sees the retention checks scheduled and the income chart."""

import datetime as dt

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.livelihoods.models import JobPlacement, LivelihoodAssessment
from pokpong.livelihoods.tests.factories import EmployerFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.tests.factories import FollowUpVisitFactory, ReturnPlanFactory
from tests.browser.conftest import PHONE, SCREENSHOTS, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_case_worker_records_an_assessment_and_a_job_and_sees_checks_and_income(
    phone, live_server
):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker, given_name_lo="ນ້ອຍ"))
    ReturnPlanFactory(case=case, returned_on=dt.date(2026, 5, 1))
    for done_on, lak in ((dt.date(2026, 6, 2), 600_000), (dt.date(2026, 8, 3), 1_500_000)):
        FollowUpVisitFactory(case=case, due_on=done_on, done_on=done_on, income_lak=lak)
    employer = EmployerFactory(name="ບໍລິສັດ ຕັດຫຍິບ ສະຫວັນ")

    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    phone.click("nav.section-menu a[href='#livelihoods']")
    phone.click(f"#livelihoods a[href$='/livelihoods/cases/{case.pk}/']")
    phone.wait_for_selector("h1")

    phone.click("a[href$='/assessment/']")
    phone.fill("input[name=assessed_on]", "2026-05-04")
    phone.select_option("select[name=education_level]", "primary")
    phone.fill("textarea[name=skills]", "ຫຍິບເຄື່ອງ")
    phone.fill("input[name=debt_lak]", "3,000,000")
    phone.select_option("select[name=creditor]", "broker")
    phone.fill("input[name=baseline_income_lak]", "໕໐໐,໐໐໐")  # Lao digits
    assert_accessible(phone)
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    assert LivelihoodAssessment.objects.get().baseline_income_lak == 500_000

    phone.click("a[href$='/job/']")
    phone.select_option("select[name=employer]", str(employer.pk))
    phone.fill("input[name=position]", "ຊ່າງຫຍິບ")
    phone.fill("input[name=started_on]", "2026-06-01")
    phone.fill("input[name=wage_lak]", "1800000")
    phone.select_option("select[name=contract_type]", "fixed_term")
    phone.check("input[name=has_social_security]")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    placement = JobPlacement.objects.get()
    assert placement.checks.count() == 3

    jobs = phone.locator(".card").first
    assert "ບໍລິສັດ ຕັດຫຍິບ ສະຫວັນ" in jobs.inner_text()
    checks = jobs.locator("ul.record-list li")
    assert checks.count() == 3  # 3, 6 and 12 months
    assert checks.nth(0).locator("a[href*='/retention-checks/']").count() == 1
    chart = phone.locator("svg.income-chart")
    assert chart.is_visible()
    assert "1,500,000" in chart.inner_html() and "500,000" in chart.inner_html()
    assert phone.locator("svg.income-chart title").count() == 1
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "case-livelihoods")

    phone.goto(f"{live_server.url}/cases/{case.pk}/")  # the case page shows the summary too
    panel = phone.locator("#livelihoods")
    assert panel.locator("svg.income-chart").count() == 1
    assert "ຊ່າງຫຍິບ" in panel.inner_text()
    _fits(phone)
    assert_accessible(phone)
    panel.screenshot(path=str(SCREENSHOTS / "case-livelihoods-panel.png"))
