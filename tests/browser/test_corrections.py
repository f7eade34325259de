"""Corrections on a phone: a hotline call corrected from its page; an awareness activity entered
twice is voided and the count drops (the record stays, struck through)."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.models import AuditEntry
from pokpong.prevention.models import AwarenessActivity, CallTopic, HotlineCall
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    HotlineCallFactory,
    national_counsellor,
)
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_counsellor_corrects_a_hotline_call(phone, live_server):
    counsellor = national_counsellor(username="keo")
    call = HotlineCallFactory(
        taken_by=counsellor, organisation=counsellor.organisation, topic=CallTopic.INFORMATION
    )
    sign_in(phone, live_server, "keo")
    phone.goto(f"{live_server.url}/prevention/hotline/")
    phone.click(f"a[href='/prevention/hotline/{call.pk}/']")
    phone.wait_for_selector("dl.facts")
    assert "Daughter in Thailand" in phone.inner_text("main")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "hotline-call-detail")
    phone.click(f"a[href='/prevention/hotline/{call.pk}/edit/']")
    phone.select_option("select[name=topic]", "missing_person")
    phone.fill("textarea[name=summary]", "ລູກສາວຢູ່ໄທ ບໍ່ໄດ້ຕິດຕໍ່ 4 ເດືອນ")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "hotline-call-edit")
    phone.click("main form.form:not([action]) button[type=submit]")
    phone.wait_for_selector("dl.facts")
    assert "4 ເດືອນ" in phone.inner_text("main")
    call.refresh_from_db()
    assert call.topic == CallTopic.MISSING_PERSON
    entry = AuditEntry.objects.get(action="update", object_id=str(call.pk))
    assert entry.changes["topic"] == ["information", "missing_person"]
    assert entry.changes["summary"] == "changed"
    assert HotlineCall.objects.count() == 1


def test_an_activity_entered_twice_is_voided_and_the_count_drops(phone, live_server):
    officer = UserFactory(username="dao", roles=[Role.PREVENTION_OFFICER])
    kept = AwarenessActivityFactory(recorded_by=officer, village="Ban Napho")
    twice = AwarenessActivityFactory(recorded_by=officer, village="Ban Napho", girls=1)
    sign_in(phone, live_server, "dao")
    phone.goto(f"{live_server.url}/prevention/activities/")
    assert phone.inner_text("main table tr:first-child td") == "2"
    phone.click(f"a[href='/prevention/activities/{twice.pk}/edit/']")
    phone.click("details.void-record summary")
    phone.fill("details.void-record input[name=reason]", "ບັນທຶກຊ້ຳ / entered twice")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "activity-void")
    phone.click("details.void-record button[type=submit]")
    phone.wait_for_selector("li.voided")
    assert phone.inner_text("main table tr:first-child td") == "1"
    reached = kept.girls + kept.boys + kept.women + kept.men
    assert phone.inner_text("main table tr:nth-child(2) td") == str(reached)
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "activity-voided-list")
    assert AwarenessActivity.all_objects.get(pk=twice.pk).voided_by == officer
    assert list(AwarenessActivity.objects.all()) == [kept]


def test_a_case_worker_voids_a_screening_entered_for_the_wrong_person(phone, live_server):
    from pokpong.cases.models import Screening
    from pokpong.cases.tests.factories import ScreeningFactory
    from pokpong.people.tests.factories import PersonFactory

    worker = UserFactory(username="noy", roles=[Role.CASE_WORKER])
    screening = ScreeningFactory(person=PersonFactory(registered_by=worker), screened_by=worker)
    sign_in(phone, live_server, "noy")
    phone.goto(f"{live_server.url}/cases/screenings/{screening.pk}/")
    phone.click("details.void-record summary")
    phone.fill(
        "details.void-record textarea[name=reason], details.void-record input[name=reason]",
        "ປ້ອນຜິດຄົນ",
    )
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "screening-void")
    phone.click("details.void-record button[type=submit]")
    phone.wait_for_url(f"**/persons/{screening.person_id}/")
    assert Screening.all_objects.get(pk=screening.pk).voided_at is not None
    assert not Screening.objects.filter(pk=screening.pk).exists()


def test_a_case_worker_corrects_a_service_and_voided_records_stay_readable(phone, live_server):
    from pokpong.cases.tests.factories import CaseFactory, NeedFactory
    from pokpong.people.tests.factories import PersonFactory
    from pokpong.referrals.models import ServiceDelivery
    from pokpong.referrals.tests.factories import ServiceDeliveryFactory

    worker = UserFactory(username="somsy", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker), opened_by=worker)
    delivery = ServiceDeliveryFactory(case=case, recorded_by=worker)
    need = NeedFactory(case=case, description="ຕ້ອງການບ່ອນພັກ")
    sign_in(phone, live_server, "somsy")
    phone.goto(f"{live_server.url}/cases/{case.pk}/")
    phone.click(f"a[href='/referrals/services/{delivery.pk}/edit/']")
    phone.fill("input[name=ended_on]", "2026-11-17")
    phone.select_option("select[name=outcome]", "completed")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "service-edit")
    phone.click("main form.form:not([action]) button[type=submit]")
    phone.wait_for_url(f"**/cases/{case.pk}/**")
    saved = ServiceDelivery.objects.get(pk=delivery.pk)
    assert (saved.outcome, str(saved.ended_on)) == ("completed", "2026-11-17")
    phone.goto(f"{live_server.url}/cases/needs/{need.pk}/edit/")
    phone.click("details.void-record summary")
    phone.fill("details.void-record input[name=reason]", "ບັນທຶກຊ້ຳ")
    phone.click("details.void-record button[type=submit]")
    phone.wait_for_selector("#needs + ul li.voided")
    voided = phone.inner_text("#needs + ul li.voided")
    assert "ບັນທຶກຊ້ຳ" in voided
    assert phone.locator("#needs + ul li.voided del").count() == 1
    assert phone.inner_text("a[href='#needs'] .count") == "0"
    phone.locator("#needs").scroll_into_view_if_needed()
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "case-voided-need")


def test_a_trainer_voids_a_course_added_twice_but_not_one_that_was_given(phone, live_server):
    from pokpong.accounts.services import role_assign
    from pokpong.training.models import Course
    from pokpong.training.tests.factories import CourseFactory, TrainingSessionFactory

    trainer = UserFactory(username="vanh")
    role_assign(user=trainer, role=Role.TRAINER)  # national
    given = TrainingSessionFactory(created_by=trainer, course=CourseFactory()).course
    twice = CourseFactory(name_lo="ຫຼັກສູດຊ້ຳ", name_en="Course added twice", created_by=trainer)
    sign_in(phone, live_server, "vanh")
    phone.goto(f"{live_server.url}/training/courses/{given.pk}/edit/")
    phone.click("details.void-record summary")
    phone.fill("details.void-record input[name=reason]", "ບັນທຶກຊ້ຳ")
    phone.click("details.void-record button[type=submit]")
    phone.wait_for_selector(".message")
    assert "1" in phone.inner_text("main .message")
    assert_accessible(phone)
    _fits(phone)
    screenshot(phone, "course-void-refused")
    phone.goto(f"{live_server.url}/training/courses/{twice.pk}/edit/")
    phone.click("details.void-record summary")
    phone.fill("details.void-record input[name=reason]", "ບັນທຶກຊ້ຳ")
    phone.click("details.void-record button[type=submit]")
    phone.wait_for_selector("#courses")
    assert "ຫຼັກສູດຊ້ຳ" not in phone.inner_text("main")
    assert Course.all_objects.get(pk=twice.pk).voided_by == trainer
    assert Course.objects.filter(pk=given.pk).exists()
