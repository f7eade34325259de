"""The justice file on a phone: the police officer opens it from the case page, records the
complaint, a suspect and the next hearing; the page fits 360 px and passes axe."""

import datetime as dt

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.justice.models import Hearing, JusticeFile, Suspect
from pokpong.people.tests.factories import PersonFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_police_record_a_complaint_a_suspect_and_a_hearing_on_a_phone(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker))
    UserFactory(username="police", roles=[Role.POLICE_OFFICER])
    page = phone
    sign_in(page, live_server, "police")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click(f"a[href$='/justice/cases/{case.pk}/']")
    page.wait_for_selector("h1")
    _fits(page)

    page.click("a[href$='/file/']")
    page.fill(
        "input[name=complaint_filed_on]", (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    )
    page.fill("input[name=complaint_place]", "ກອງບັນຊາການ ປກສ ແຂວງສະຫວັນນະເຂດ")
    page.select_option("select[name=investigation_status]", "investigating")
    page.click("main button[type=submit]")
    page.wait_for_selector("#suspects")
    assert JusticeFile.objects.get(case=case).complaint_place.startswith("ກອງບັນຊາການ")

    page.click("a[href$='/suspects/new/']")
    page.fill("input[name=name]", "ສົມສັກ ວົງໄຊ (Somsak Vongxay)")
    page.select_option("select[name=role]", "recruiter")
    page.check("input[name=is_arrested]")
    page.click("main button[type=submit]")
    page.wait_for_selector("#suspects")
    assert Suspect.objects.get().is_arrested

    page.click("a[href$='/hearings/new/']")
    page.fill("input[name=court]", "ສານປະຊາຊົນແຂວງສະຫວັນນະເຂດ")
    page.fill("input[name=day]", (timezone.localdate() + dt.timedelta(days=5)).isoformat())
    page.fill("input[name=time]", "09:30")
    page.select_option("select[name=kind]", "trial")
    page.click("main button[type=submit]")
    page.wait_for_selector("#hearings")
    assert Hearing.objects.count() == 1
    assert "Somsak Vongxay" in page.inner_text("#suspects + ul")
    _fits(page)
    assert_accessible(page)
    screenshot(page, "case-justice")
