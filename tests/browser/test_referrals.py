"""Journey 2/3 on a phone: a case is referred to a shelter, which answers from its inbox."""

import pytest
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import services
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals.models import Referral, ReferralStatus, ServiceType
from pokpong.referrals.tests.factories import ServiceOfferFactory
from tests.browser.conftest import PHONE, SCREENSHOTS, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _consent_to_share(worker, case, organisation) -> None:
    services.consent_record(
        user=worker,
        person=case.person,
        share_with=[organisation],
        details=services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=timezone.localdate(),
            method="signed_form",
        ),
    )


def test_a_case_is_referred_and_the_shelter_accepts_it(browser, live_server):
    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    shelter_org = OrganisationFactory(name_lo="ສູນພັກພິງຫວັງໃໝ່", name_en="New Hope Shelter")
    UserFactory(username="dao", organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    case = CaseFactory(person=PersonFactory(registered_by=worker, birth_year=1994))
    _consent_to_share(worker, case, shelter_org)
    ServiceOfferFactory(organisation=shelter_org)  # in the directory: offered in the form

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
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("dl.facts")
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.REQUESTED
    context.close()

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "dao")
    page.goto(f"{live_server.url}/inbox/")
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


def test_the_office_gives_a_follow_up_visit_to_the_shelter_which_records_it(browser, live_server):
    from pokpong.referrals import services as referral_services
    from pokpong.referrals.models import FollowUpVisit, ReturnType

    worker = UserFactory(username="souk", roles=[Role.CASE_WORKER])
    shelter_org = OrganisationFactory(name_lo="ສູນພັກພິງຫວັງໃໝ່", name_en="New Hope Shelter")
    dao = UserFactory(username="dao", organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    case = CaseFactory(person=PersonFactory(registered_by=worker, birth_year=1994))
    _consent_to_share(worker, case, shelter_org)
    referral = referral_services.referral_create(
        user=worker,
        case=case,
        to_organisation=shelter_org,
        service_type=ServiceType.objects.get(code="shelter"),
        urgency="routine",
    )
    referral_services.referral_accept(user=dao, referral=referral)
    referral_services.return_plan_save(
        user=worker,
        case=case,
        return_type=ReturnType.FAMILY,
        returned_on=timezone.localdate(),
        province=case.province,
    )

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "souk")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    due = timezone.localdate()
    page.fill("#follow-up-date", due.isoformat())
    page.select_option("#follow-up-by", str(shelter_org.pk))
    page.locator(
        f"form[action='/referrals/cases/{case.pk}/follow-ups/'] button"
    ).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "follow-up-assign.png"))  # the form, not the whole case
    with page.expect_navigation():
        page.click(f"form[action='/referrals/cases/{case.pk}/follow-ups/'] button")
    visit = FollowUpVisit.objects.get(assigned_organisation=shelter_org)
    assert visit.due_on == due and visit.done_on is None
    context.close()

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, "dao")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click(f"a.button-secondary[href='/referrals/follow-ups/{visit.pk}/']")
    for name in ("wellbeing", "income", "education", "safety"):
        page.check(f"input[name={name}][value=good]")
    page.fill("textarea[name=notes]", "ຢູ່ກັບຄອບຄົວ, ສຸຂະພາບດີ")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "follow-up-record-partner")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    visit.refresh_from_db()
    assert visit.done_on == timezone.localdate()
    context.close()
