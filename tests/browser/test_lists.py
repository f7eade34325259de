"""Lists and labels on a phone: countries and districts, the history in words, who may receive."""

import re
from dataclasses import replace

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases import services as case_services
from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import ServiceOfferFactory, consented_case
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

VISIBLE = "(s) => [...document.querySelectorAll(s)].filter(o => !o.hidden && o.value).length"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_countries_come_common_first_and_filter_and_districts_follow_the_province(
    phone, live_server
):
    UserFactory(username="souk", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/persons/new/")
    first_group = phone.get_attribute("select[name=nationality] optgroup", "label")
    assert first_group == "ປະເທດໃກ້ຄຽງ ແລະ ປາຍທາງຫຼັກ"
    phone.fill("input.select-filter[aria-controls=id_nationality]", "thai")
    assert phone.evaluate(VISIBLE, "select[name=nationality] option") == 1
    phone.select_option("select[name=nationality]", label="ໄທ")
    phone.select_option("select[name=origin_province]", label="ສະຫວັນນະເຂດ")
    groups = phone.evaluate(
        "[...document.querySelectorAll('select[name=origin_district] optgroup')]"
        ".filter(g => !g.hidden).map(g => g.label)"
    )
    assert groups == ["ສະຫວັນນະເຂດ"]
    _fits(phone)
    assert_accessible(phone)
    phone.locator("select[name=origin_district]").scroll_into_view_if_needed()
    screenshot(phone, "person-country-district")


def test_the_history_and_the_audit_trail_speak_lao_and_local_time(browser, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=worker, birth_year=1994))
    case_services.case_update(
        user=worker,
        case=case,
        details=replace(case_services.CaseDetails.of(case), means_of_control=["FalsePromises"]),
        forms_of_trafficking=[FormOfTrafficking.objects.get(code="forced_labour_hospitality")],
        expected_version=case.version,
    )
    with_totp(UserFactory(username="audit", roles=[Role.NATIONAL_SECRETARIAT]))
    for who, url, name in (
        ("souk", f"/cases/{case.pk}/", "case-history-labels"),
        ("audit", "/audit/", "audit-trail-labels"),
    ):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, who, code=who == "audit")
        page.goto(f"{live_server.url}{url}")
        text = page.inner_text("main")
        assert "ຄຳໝັ້ນສັນຍາທີ່ບໍ່ເປັນຈິງ" in text and "ແຮງງານບັງຄັບ" in text, who
        assert "FalsePromises" not in text and "forced_labour_hospitality" not in text
        assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", text)  # no microseconds
        assert_accessible(page)
        page.evaluate(
            "for (const t of document.querySelectorAll('.table-wrap')) t.scrollLeft = 1e4"
        )
        screenshot(page, name)
        context.close()


def test_the_referral_form_offers_who_serves_here_beside_what_the_person_consented_to(
    phone, live_server
):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    shelter = OrganisationFactory(name_lo="ສູນພັກພິງຫວັງໃໝ່ ສາຂາແຂວງສະຫວັນນະເຂດ", name_en="New Hope")
    far = OrganisationFactory(
        name_lo="ສູນພັກພິງຜົ້ງສາລີ", province=Province.objects.get(iso_code="LA-PH")
    )
    ServiceOfferFactory(organisation=shelter)
    ServiceOfferFactory(organisation=far).provinces.set([far.province])
    case = consented_case(office=worker, share_with=[shelter], birth_year=1994)
    sign_in(phone, live_server, "souk")
    phone.goto(f"{live_server.url}/referrals/cases/{case.pk}/refer/")
    assert "ສູນພັກພິງຫວັງໃໝ່" in phone.inner_text(".consented")
    offered = phone.locator("select[name=to_organisation] option").all_inner_texts()
    assert any(t.startswith("ສະຫວັນນະເຂດ · ສູນພັກພິງຫວັງໃໝ່") for t in offered)
    assert not any("ຜົ້ງສາລີ" in t for t in offered)
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "referral-receivers")

    phone.goto(f"{live_server.url}/cases/persons/{case.person.pk}/consent/")
    assert "ສູນພັກພິງຜົ້ງສາລີ" not in phone.inner_text("main form")
    phone.click("a[href='?everywhere=on']")
    phone.wait_for_selector("a[href='?']")
    assert "ສູນພັກພິງຜົ້ງສາລີ" in phone.inner_text("main form")
    _fits(phone)
    assert_accessible(phone)
    screenshot(phone, "consent-organisations")
