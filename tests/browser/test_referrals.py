"""Journey 2/3 on a phone: a case is referred to a shelter, which answers from its inbox."""

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import services
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.models import Referral, ReferralStatus, ServiceType
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_case_is_referred_and_the_shelter_accepts_it(browser, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    shelter_org = OrganisationFactory(name_lo="ສູນພັກພິງຫວັງໃໝ່", name_en="New Hope Shelter")
    UserFactory(username="dao", organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    case = CaseFactory(person=PersonFactory(registered_by=worker, birth_year=1994))
    services.consent_record(
        user=worker,
        person=case.person,
        share_with=[shelter_org],
        data={
            "for_services": True,
            "for_statistics": True,
            "for_photo": False,
            "given_by": "self",
            "given_on": timezone.localdate(),
            "method": "signed_form",
        },
    )

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "souk")
    page.goto(f"{live_server.url}/referrals/cases/{case.pk}/refer/")
    page.select_option("select[name=to_organisation]", str(shelter_org.pk))
    page.select_option("select[name=service_type]", str(ServiceType.objects.get(code="shelter").pk))
    page.check("input[name=urgency][value=emergency]")
    page.fill("textarea[name=message]", "ຕ້ອງການບ່ອນພັກຄືນນີ້")
    screenshot(page, "referral-new")
    page.click("main form button[type=submit]")
    page.wait_for_selector("dl.facts")
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.REQUESTED
    context.close()

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "dao")
    page.goto(f"{live_server.url}/referrals/")
    page.wait_for_selector(f"a[href='/referrals/{referral.pk}/']")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "inbox")
    page.click(f"a[href='/referrals/{referral.pk}/']")
    page.click(f"form[action='/referrals/{referral.pk}/accept/'] button")
    page.wait_for_selector(".message-success")
    screenshot(page, "referral")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.wait_for_selector("h1")
    assert "ຕ້ອງການບ່ອນພັກຄືນນີ້" not in page.inner_text("main")  # messages stay on the referral
    context.close()
