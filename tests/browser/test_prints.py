"""On a phone: a printout is downloaded from its page; a case moves to another province's office;
a case is referred from the service directory."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import CaseTransfer, TransferStatus
from pokpong.cases.tests.factories import CaseFactory, ScreeningFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import ServiceOfferFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_screening_record_downloads_as_a_pdf(phone, live_server, tmp_path):
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    screening = ScreeningFactory(person=PersonFactory(registered_by=worker), screened_by=worker)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/cases/screenings/{screening.pk}/")
    link = phone.locator(f"a[href='/cases/screenings/{screening.pk}/record.pdf']")
    assert link.is_visible()
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "printout-screening")
    with phone.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"screening-{screening.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # the first page as chromium's PDF viewer shows it on the phone
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    phone.goto(saved.as_uri())
    phone.wait_for_timeout(1500)
    screenshot(phone, "printout-screening-pdf")


def test_a_case_moves_to_the_office_of_the_persons_home_province(browser, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    home = OrganisationFactory(
        name_lo="ຫ້ອງການສັງຄົມສົງເຄາະ ຫຼວງພະບາງ",
        name_en="Luang Prabang social welfare",
        province=Province.objects.get(iso_code="LA-LP"),
    )
    UserFactory(username="keo", organisation=home, roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker))

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "souk")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click(f"a[href='/cases/{case.pk}/transfer/']")
    page.select_option("select[name=to_organisation]", str(home.pk))
    page.fill("textarea[name=reason]", "ກັບບ້ານຢູ່ນຳພໍ່ແມ່")
    _fits(page)
    assert_accessible(page)
    screenshot(page, "transfer-request")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".message-success")
    transfer = CaseTransfer.objects.get()
    context.close()

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "keo")
    page.goto(f"{live_server.url}/inbox/")
    page.click(f"a[href='/cases/transfers/{transfer.pk}/']")
    page.wait_for_selector(f"form[action='/cases/transfers/{transfer.pk}/accept/']")
    _fits(page)
    assert_accessible(page)
    screenshot(page, "transfer-answer")
    page.click(f"form[action='/cases/transfers/{transfer.pk}/accept/'] button")
    page.wait_for_selector(".message-success")
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert_accessible(page)
    transfer.refresh_from_db()
    case.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and case.organisation == home
    context.close()


def test_a_case_is_referred_from_the_service_directory(phone, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    offer = ServiceOfferFactory(capacity=12, available=3)
    case = CaseFactory(person=PersonFactory(registered_by=worker))
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/referrals/directory/")
    phone.click(f"a[href='/referrals/directory/refer/?offer={offer.pk}']")
    phone.wait_for_selector(f"text={case.number}")
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "directory-refer")
    phone.click(f"text={case.number}")
    phone.wait_for_selector("select[name=to_organisation]")
    assert phone.input_value("select[name=to_organisation]") == str(offer.organisation_id)
    assert phone.input_value("select[name=service_type]") == str(offer.service_type_id)
    assert_accessible(phone)
