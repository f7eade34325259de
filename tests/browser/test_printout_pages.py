"""The first page of each printout as a reader sees it (chromium's PDF viewer), saved to
docs/screenshots/*-pdf.png: the case summary, the referral letter, the consent form to sign and
the training certificate (with its QR code). Each PDF is fetched with the signed-in user's
session, as the page's download link does."""

import datetime as dt
from decimal import Decimal

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import ServiceDeliveryFactory, referred_case
from pokpong.training import services as training
from tests.browser.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
A4 = {"width": 840, "height": 1190}  # the viewer shows one A4 page across, with its toolbar


def _first_page(browser, live_server, tmp_path, username: str, url: str, name: str) -> None:
    context = browser.new_context(viewport=A4, device_scale_factor=1.5)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, username)
    response = page.request.get(f"{live_server.url}{url}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body[:5] == b"%PDF-"
    saved = tmp_path / f"{name}.pdf"
    saved.write_bytes(body)
    page.goto(saved.as_uri() + "#toolbar=0&navpanes=0&view=Fit")  # the first page, whole
    page.wait_for_timeout(2000)  # the viewer lays the page out
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    context.close()
    _crop_to_first_page(path)


def _crop_to_first_page(path) -> None:
    """Keep the sheet only: what differs from the viewer's background around it."""
    from PIL import Image, ImageChops

    image = Image.open(path).convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((1, 1)))
    mask = ImageChops.difference(image, background).convert("L").point(lambda v: 255 * (v > 30))
    box = mask.getbbox()
    if box is not None:
        image.crop(box).save(path)


def test_the_case_printouts_first_pages(browser, live_server, tmp_path):
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    hospital = OrganisationFactory(name_lo="ໂຮງໝໍເມືອງໄກສອນ", name_en="Kaysone district hospital")
    referral = referred_case(office=worker, receiver=hospital, service="medical")
    case = referral.case
    ServiceDeliveryFactory(case=case, recorded_by=worker)
    for url, name in (
        (f"/cases/{case.pk}/summary.pdf", "case-summary-pdf"),
        (f"/referrals/{referral.pk}/letter.pdf", "referral-letter-pdf"),
        (f"/cases/persons/{case.person_id}/consent-form.pdf", "consent-form-pdf"),
    ):
        _first_page(browser, live_server, tmp_path, "souk", url, name)


def test_the_certificate_first_page_with_its_qr_code(browser, live_server, tmp_path):
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]
    trainer = UserFactory(username="kham")
    role_assign(user=trainer, role=Role.TRAINER)
    course = training.course_create(
        user=trainer,
        details=training.CourseDetails(
            name_lo="ການສົ່ງຕໍ່ຜູ້ຖືກເຄາະຮ້າຍ", name_en="Referral", topic="referral", hours=Decimal(8)
        ),
    )
    session = training.session_create(
        user=trainer,
        details=training.SessionDetails(
            course=course,
            starts_on=dt.date(2026, 11, 3),
            ends_on=dt.date(2026, 11, 3),
            hours=Decimal(8),
            venue="ສາລະວັນ",
            province=Province.objects.get(iso_code="LA-SL"),
        ),
    )
    enrolment = training.enrol(
        user=trainer,
        session=session,
        participant=training.ParticipantDetails(
            full_name="ຄຳໃສ ພົມມະຈັນ",
            sex="male",
            age_group="40_54",
            organisation=OrganisationFactory(),
            position="ຮອງຫົວໜ້າ",
            province=session.province,
        ),
    )
    training.attendance_record(
        user=trainer, session=session, day=session.starts_on, present={enrolment.pk}
    )
    training.certificate_issue(user=trainer, enrolment=enrolment)
    url = f"/training/enrolments/{enrolment.pk}/certificate/"
    _first_page(browser, live_server, tmp_path, "kham", url, "certificate-pdf")
