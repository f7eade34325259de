"""On a phone: the home page shows the worker's own work as links, the header stays one line and
reachable (the menu behind a button, with the count of tasks), the manager opens the caseload."""

import datetime as dt

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp
from pokpong.cases.tests.factories import CaseFactory, CasePlanFactory, PlanActionFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.tests.factories import FollowUpVisitFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _work(worker):
    today = timezone.localdate()
    cases = [CaseFactory(person=PersonFactory(registered_by=worker)) for _ in range(2)]
    plan = CasePlanFactory(case=cases[0])
    PlanActionFactory(plan=plan, due_on=today - dt.timedelta(days=12))
    FollowUpVisitFactory(case=cases[1], due_on=today - dt.timedelta(days=180))
    return cases


def test_the_home_page_lists_the_workers_own_work_and_the_menu_stays_reachable(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    cases = _work(worker)
    sign_in(phone, live_server, "souk")

    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] <= 60  # one line: the brand and the menu button
    assert phone.locator("#plan_actions_overdue, h3:has-text('ກິດຈະກຳຂອງແຜນທີ່ເກີນກຳນົດ')").count()
    assert phone.locator(".overdue-mark").first.inner_text() == "ເກີນກຳນົດ"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "home")
    assert_accessible(phone)

    # The menu is behind the button, shows the count of tasks, and is there after scrolling.
    assert not phone.locator("nav.site-nav").is_visible()
    assert phone.locator("summary.menu-button .badge").inner_text() == "2"
    phone.mouse.wheel(0, 2000)
    phone.click("summary.menu-button")
    assert phone.locator("summary.menu-button").bounding_box()["y"] < 60
    assert phone.locator("nav.site-nav a[href='/referrals/report/']").is_visible()
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "menu-open")
    assert_accessible(phone)

    phone.keyboard.press("Escape")  # closes the menu
    assert not phone.locator("nav.site-nav").is_visible()
    # Each item is a link: the overdue action leads to its case.
    phone.click(f"main a[href='/cases/{cases[0].pk}/'] >> nth=-1")
    phone.wait_for_url(f"**/cases/{cases[0].pk}/")
    assert_accessible(phone)


def test_the_manager_opens_the_caseload_by_case_worker_from_the_menu(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    with_totp(UserFactory(username="boss", roles=[Role.PROVINCIAL_MANAGER]))
    _work(worker)
    sign_in(phone, live_server, "boss", code=True)

    # The six-month-late visit is on the manager's home page, marked in words, not colour only.
    assert "ເກີນກຳນົດ" in phone.inner_text("main")
    phone.click("summary.menu-button")
    phone.click("nav.site-nav a[href='/caseload/']")
    phone.wait_for_selector("table.caseload")
    row = phone.inner_text("table.caseload tbody tr")
    assert worker.display_name in row
    assert "ເກີນກຳນົດ" in row
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "caseload-by-worker")
    assert_accessible(phone)
