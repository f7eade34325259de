"""On a phone: the M&E officer reads the national indicator dashboard (Lao, no horizontal
scroll, charts drawn by the server, small numbers as "<5", no links to lists it may not open);
the provincial manager follows a number to the list of persons behind it."""

import datetime as dt

import pytest
from django.utils import timezone

from pokpong.accounts.models import OrganisationType, Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.monitoring.models import Indicator, Target
from pokpong.monitoring.periods import fiscal_year_of, recent_quarters
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from pokpong.prevention.tests.factories import AwarenessActivityFactory
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
PROVINCES = ["LA-VT", "LA-SV", "LA-CH", "LA-SL"]


def _programme_year():
    """Eight quarters of identifications in the four target provinces, awareness activities, and
    the fiscal year's targets: a dashboard that reads like a real one (all fictitious)."""
    quarters = recent_quarters(timezone.localdate(), 8)
    police = OrganisationType.objects.get(code="police")
    for index, iso in enumerate(PROVINCES):
        province = Province.objects.get(iso_code=iso)
        worker = UserFactory(
            organisation=OrganisationFactory(province=province), roles=[Role.CASE_WORKER]
        )
        unit = OrganisationFactory(province=province, type=police)
        for number, quarter in enumerate(quarters):
            for victim in range(3 + (number + index) % 5):
                person = PersonFactory(
                    registered_by=worker,
                    sex="female" if victim % 3 else "male",
                    birth_year=1990 + (victim * 7 + number) % 25,
                )
                IdentificationFactory(
                    person=person,
                    decided_on=quarter.start + dt.timedelta(days=10),
                    organisation=unit,
                )
            AwarenessActivityFactory(
                recorded_by=UserFactory(
                    organisation=worker.organisation, roles=[Role.PREVENTION_OFFICER]
                ),
                held_on=quarter.start + dt.timedelta(days=20),
            )
    setter = UserFactory(roles=[Role.ME_OFFICER])
    fiscal = fiscal_year_of(timezone.localdate()).code
    for code, value in (("CUSTOM-1", 60), ("CUSTOM-4", 1200), ("PS.5.3-15", 80)):
        indicator = Indicator.objects.get(code=code)
        Target.objects.create(indicator=indicator, period=fiscal, value=value, set_by=setter)
        Target.objects.create(
            indicator=indicator,
            period=fiscal,
            province=Province.objects.get(iso_code="LA-SV"),
            value=value // 4,
            set_by=setter,
        )


def test_the_me_officer_reads_the_national_dashboard_on_a_phone(phone, live_server):
    _programme_year()
    UserFactory(
        username="noy", organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER]
    )
    sign_in(phone, live_server, "noy")
    phone.click("summary.menu-button")
    phone.click("nav.site-nav a[href='/me/']")
    phone.wait_for_selector("h1:has-text('ຕົວຊີ້ວັດ')")

    assert phone.locator("svg.chart[role=img]").count() >= 2
    assert "ສົກປີ" in phone.inner_text(".dashboard-scope")
    assert phone.locator(".dash-total a").count() == 0  # no list it may open
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "me-dashboard")
    assert_accessible(phone)

    # Another province than Savannakhet, the programme's target area: the page follows.
    phone.select_option("#id_province", label="ສະຫວັນນະເຂດ")
    phone.select_option("#id_area", value="target")
    phone.click(".dashboard-filters button[type=submit]")
    phone.wait_for_url("**/me/?*province=*")
    assert "ສະຫວັນນະເຂດ" in phone.inner_text(".dashboard-scope")
    assert_accessible(phone)


def test_the_manager_follows_a_number_to_the_persons_behind_it(phone, live_server):
    _programme_year()
    savannakhet = Province.objects.get(iso_code="LA-SV")
    with_totp(
        UserFactory(
            username="boss",
            organisation=OrganisationFactory(province=savannakhet),
            roles=[Role.PROVINCIAL_MANAGER],
        )
    )
    sign_in(phone, live_server, "boss", code=True)
    phone.goto(f"{live_server.url}/me/")
    phone.wait_for_selector("#id_province")
    province_options = phone.locator("#id_province option").all_inner_texts()
    assert province_options == ["ສະຫວັນນະເຂດ"]
    number = phone.locator(".dash-total a").first
    shown = int(number.inner_text().replace(",", ""))
    number.click()
    phone.wait_for_url("**/persons/?identified_since=*")
    listed = phone.locator("main .record-list > li").count()
    assert listed == shown
    assert_accessible(phone)
