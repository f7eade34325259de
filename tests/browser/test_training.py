"""Journey 4 on a phone: a trainer adds participants from the attendance sheet with their tests."""

import datetime as dt

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.places.models import Province
from pokpong.training import services
from pokpong.training.models import Enrolment
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _session(course, first, last, *, hours, venue, iso):
    """The trainer "kham" and a session of a new course (Lao title, English title, topic)."""
    trainer = UserFactory(username="kham")
    role_assign(user=trainer, role=Role.TRAINER)
    name_lo, name_en, topic = course
    course = services.course_create(
        user=trainer,
        details=services.CourseDetails(name_lo=name_lo, name_en=name_en, topic=topic, hours=hours),
    )
    session = services.session_create(
        user=trainer,
        details=services.SessionDetails(
            course=course,
            starts_on=first,
            ends_on=last,
            hours=hours,
            venue=venue,
            province=Province.objects.get(iso_code=iso),
        ),
    )
    return trainer, session


def test_a_trainer_records_participants_and_sees_the_improvement(phone, live_server):
    _trainer, session = _session(
        ("ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ", "Victim identification", "identification"),
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 11),
        hours=16,
        venue="ປາກເຊ",
        iso="LA-CH",
    )
    police = OrganisationFactory(name_lo="ຕຳຫຼວດແຂວງຈຳປາສັກ", name_en="Champasak police")
    sign_in(phone, live_server, "kham")
    phone.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    phone.fill("input[name=full_name]", "ວິໄລ ອິນທະວົງ")
    phone.select_option("select[name=sex]", "female")
    phone.select_option("select[name=organisation]", str(police.pk))
    phone.fill("input[name=pre_score]", "45")
    phone.fill("input[name=post_score]", "80")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    assert Enrolment.objects.get().improvement == 35
    assert "35" in phone.inner_text("table")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "training-session")
    phone.goto(f"{live_server.url}/training/")
    assert phone.inner_text("table.totals tr:nth-child(2) td") == "1"  # persons trained
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "training-list")


def test_a_trainer_imports_a_sheet_with_a_bad_row(phone, live_server):
    _trainer, session = _session(
        ("ກົດໝາຍຕ້ານການຄ້າມະນຸດ", "The law", "law"),
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 12),
        hours=8,
        venue="ປາກເຊ",
        iso="LA-CH",
    )
    OrganisationFactory(short_name="POL-CH", name_en="Champasak police")
    sheet = (
        "ຊື່,ເພດ,ກຸ່ມອາຍຸ,ອົງການຈັດຕັ້ງ,ຕຳແໜ່ງ,ແຂວງ,ການທົດສອບກ່ອນຝຶກ (%),ການທົດສອບຫຼັງຝຶກ (%)\n"
        "ສົມພອນ ແກ້ວມະນີ,ຍິງ,31,POL-CH,ຮອງຫົວໜ້າ,ຈຳປາສັກ,50,75\n"
        "ບຸນມີ ສີສຸກ,ຊາຍ,45,ຫ້ອງການທີ່ບໍ່ມີ,,ຈຳປາສັກ,40,140\n"
    ).encode()
    upload = {"name": "ລາຍຊື່.csv", "mimeType": "text/csv", "buffer": sheet}
    sign_in(phone, live_server, "kham")
    phone.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    phone.click(f"a[href='/training/sessions/{session.pk}/import/']")
    phone.set_input_files("input[name=file]", upload)
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("table.import-errors")
    assert "ຫ້ອງການທີ່ບໍ່ມີ" in phone.inner_text("table.import-errors")
    assert not Enrolment.objects.exists()  # one bad row: nothing written
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "training-import-errors")
    phone.set_input_files("input[name=file]", upload)
    phone.check("input[name=valid_only]")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("table.import-errors")
    assert Enrolment.objects.get().participant.full_name == "ສົມພອນ ແກ້ວມະນີ"


def test_anyone_checks_a_certificate_code_on_a_phone(phone, live_server):
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
    phone.goto(f"{live_server.url}/verify/")  # no sign-in: an employer or a border post checks
    phone.fill("input[name=code]", certificate.code.lower().replace("-", " "))
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("table.verified")
    shown = phone.inner_text("main")
    assert "ຄຳໃສ ພົມມະຈັນ" in shown and "ການສົ່ງຕໍ່ຜູ້ຖືກເຄາະຮ້າຍ" in shown
    assert "ຮອງຫົວໜ້າ" not in shown
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "certificate-verify")


def test_a_trainer_ticks_the_second_days_attendance(phone, live_server):
    trainer, session = _session(
        ("ການສໍາພາດ", "Interviewing", "interviewing"),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 17),
        hours=16,
        venue="ສະຫວັນນະເຂດ",
        iso="LA-SV",
    )
    office = OrganisationFactory()
    people = {}
    for name in ("ບຸນມີ ສີສຸກ", "ນ້ອຍ ພົມມະຈັນ", "ແສງ ວົງສາ"):
        person = services.ParticipantDetails(
            full_name=name,
            sex="female",
            age_group="25_39",
            organisation=office,
            province=session.province,
        )
        people[name] = services.enrol(user=trainer, session=session, participant=person)
    sign_in(phone, live_server, "kham")
    phone.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    phone.click(f"a[href='/training/sessions/{session.pk}/attendance/']")
    phone.click("a[href='?day=2026-11-17']")
    assert phone.locator("main form input:checked").count() == 0  # nobody ticked beforehand
    assert "16 ຊົ່ວໂມງ" in phone.inner_text("main") and ".0" not in phone.inner_text("main")
    assert_accessible(phone)
    for name in ("ບຸນມີ ສີສຸກ", "ນ້ອຍ ພົມມະຈັນ"):
        phone.check(f"input[value='{people[name].pk}']")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    assert "2026-11-17" in phone.url
    absent = people["ແສງ ວົງສາ"]
    absent.refresh_from_db()
    assert absent.hours_attended == 8
    assert not phone.is_checked(f"input[value='{absent.pk}']")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "training-attendance")


def test_a_trainer_records_the_three_month_follow_up(phone, live_server):
    trainer, session = _session(
        ("ການຍ້າຍຖິ່ນຢ່າງປອດໄພ", "Safe migration", "safe_migration"),
        dt.date(2026, 7, 1),  # ended more than three months ago
        dt.date(2026, 7, 1),
        hours=8,
        venue="ສາລະວັນ",
        iso="LA-SL",
    )
    enrolment = services.enrol(
        user=trainer,
        session=session,
        participant=services.ParticipantDetails(
            full_name="ວັນໄຊ ແກ້ວມະນີ",
            sex="male",
            age_group="25_39",
            organisation=OrganisationFactory(),
            province=session.province,
        ),
    )
    sign_in(phone, live_server, "kham")
    phone.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    phone.click(f"a[href='/training/enrolments/{enrolment.pk}/follow-up/']")
    phone.check("input[name=applied_skills][value=partly]")
    phone.fill("input[name=cases_identified]", "2")
    phone.fill("textarea[name=comments]", "ໄດ້ສົ່ງຕໍ່ຜູ້ຍິງສອງຄົນໄປຫາພະແນກສະຫວັດດີການ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "training-follow-up")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector(".message-success")
    enrolment.refresh_from_db()
    assert (enrolment.follow_up.applied_skills, enrolment.follow_up.cases_identified) == (
        "partly",
        2,
    )
