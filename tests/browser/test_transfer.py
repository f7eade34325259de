"""Transferring a case on a phone: the page names the person's other open cases that move with
it; the office that asked withdraws its request while it waits (a second tap)."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import CaseTransfer, TransferStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_case_worker_asks_for_a_transfer_then_cancels_it(phone, live_server):
    worker = UserFactory(username="phet", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker), opened_by=worker)
    second = CaseFactory(person=case.person, opened_by=worker)
    home = OrganisationFactory(
        name_lo="ຫ້ອງການສະຫວັດດີການສັງຄົມ ຫຼວງພະບາງ",
        province=Province.objects.get(iso_code="LA-LP"),
    )
    sign_in(phone, live_server, "phet")
    phone.goto(f"{live_server.url}/cases/{case.pk}/transfer/")
    assert second.number in phone.inner_text("#moving-cases")
    phone.select_option("select[name=to_organisation]", str(home.pk))
    phone.fill("textarea[name=reason]", "ກັບບ້ານຢູ່ຫຼວງພະບາງ")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "case-transfer-form")
    phone.click("main form.form button[type=submit]")
    phone.wait_for_selector("#transfer-cancel")
    phone.click("#transfer-cancel button[type=submit]")
    phone.wait_for_selector("dialog.confirm-dialog")
    with phone.expect_navigation():  # the request's own success message is already on the page
        phone.click("dialog.confirm-dialog button[value=yes]")
    phone.wait_for_selector(".message-success")
    assert phone.locator("#transfer-cancel").count() == 0
    assert CaseTransfer.objects.get(case=case).status == TransferStatus.CANCELLED
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "case-transfer-cancelled")
