"""A trainer revokes a certificate on a phone; the public check then says it is revoked."""

import datetime as dt

import pytest

from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.training import services
from tests.browser.conftest import PHONE, screenshot, sign_in
from tests.browser.test_training import _session

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_trainer_revokes_a_certificate_and_the_public_check_says_so(phone, live_server):
    violations: list[str] = []
    phone.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    trainer, session = _session(
        ("ການສົ່ງຕໍ່ຜູ້ຖືກເຄາະຮ້າຍ", "Referral", "referral"),
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 3),
        hours=8,
        venue="ສາລະວັນ",
        iso="LA-SL",
    )
    enrolment = services.enrol(
        user=trainer,
        session=session,
        participant=services.ParticipantDetails(
            full_name="ຄຳໃສ ພົມມະຈັນ",
            sex="male",
            age_group="40_54",
            organisation=OrganisationFactory(),
            position="ຮອງຫົວໜ້າ",
            province=session.province,
        ),
    )
    services.attendance_record(
        user=trainer, session=session, day=session.starts_on, present={enrolment.pk}
    )
    certificate = services.certificate_issue(user=trainer, enrolment=enrolment)
    sign_in(phone, live_server, "kham")
    phone.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    phone.click(f"a[href$='/enrolments/{enrolment.pk}/certificate/revoke/']")
    phone.wait_for_selector("textarea[name=reason]")
    phone.fill("textarea[name=reason]", "ອອກໃຫ້ຜິດຄົນ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "certificate-revoke")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    certificate.refresh_from_db()
    assert certificate.is_revoked

    phone.click("header summary.menu-button")
    phone.click("header form[data-signout] button")
    phone.wait_for_selector("input[name=login]")
    phone.goto(f"{live_server.url}/verify/?code={certificate.code}")
    phone.wait_for_selector(".form-errors")
    shown = phone.inner_text("main")
    assert "ຄຳໃສ ພົມມະຈັນ" not in shown
    screenshot(phone, "certificate-verify-revoked")
    assert violations == []
