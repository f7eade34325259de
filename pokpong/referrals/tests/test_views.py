"""The referral pages on both sides, and what a receiving organisation is shown."""

import datetime as dt

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import services as case_services
from pokpong.referrals.models import Referral, ReferralStatus, ServiceOffer, ServiceType
from pokpong.referrals.tests.factories import consented_case, referred_case

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def shelter_org():
    return OrganisationFactory(name_en="New Hope Shelter")


@pytest.fixture
def shelter(shelter_org):
    return UserFactory(username="shelter", organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])


@pytest.fixture
def case(caseworker, shelter_org):
    return consented_case(
        office=caseworker, share_with=[shelter_org], birth_year=1995, given_on=TODAY
    )


def _refer(client, case, org):
    return client.post(
        reverse("referrals:referral_new", args=[case.pk]),
        {
            "to_organisation": org.pk,
            "service_type": ServiceType.objects.get(code="shelter").pk,
            "urgency": "urgent",
            "message": "Bed needed",
        },
    )


def test_a_referral_is_sent_accepted_and_completed_through_the_pages(
    client, caseworker, case, shelter, shelter_org
):
    client.force_login(caseworker)
    response = _refer(client, case, shelter_org)
    referral = Referral.objects.get()
    assert response.url == reverse("referrals:referral_detail", args=[referral.pk])

    client.force_login(shelter)
    inbox = client.get(reverse("desk:inbox"))
    assert referral in inbox.context["inbox"].items("to_answer")
    client.post(reverse("referrals:referral_accept", args=[referral.pk]))
    client.post(reverse("referrals:referral_complete", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404


def test_refusing_to_refer_without_consent_says_why_on_the_form(client, caseworker, case):
    other = OrganisationFactory()
    client.force_login(caseworker)
    response = _refer(client, case, other)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Referral.objects.exists()


def test_the_receiver_sees_only_the_consented_part_of_the_case(client, caseworker, shelter):
    case = referred_case(office=caseworker, receiver=shelter, birth_year=1995).case
    case_services.case_note_add(
        user=caseworker, case=case, text="Private counselling note", visibility="own_organisation"
    )
    case_services.case_note_add(
        user=caseworker, case=case, text="Arrives Tuesday", visibility="referral_partners"
    )
    case_services.case_need_add(
        user=caseworker, case=case, domain="health", priority="high", description="Hidden need"
    )
    client.force_login(shelter)
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    html = response.content.decode()
    assert response.context["referral_only"]
    assert "Arrives Tuesday" in html
    assert "Private counselling note" not in html
    assert "Hidden need" not in html
    assert reverse("cases:case_attachment_add", args=[case.pk]) not in html


def test_a_receiver_cannot_cancel_and_another_organisation_sees_nothing(
    client, caseworker, shelter
):
    referral = referred_case(office=caseworker, receiver=shelter, birth_year=1995)
    client.force_login(shelter)
    assert client.post(reverse("referrals:referral_cancel", args=[referral.pk])).status_code == 404
    stranger = UserFactory(roles=[Role.SERVICE_PROVIDER])
    client.force_login(stranger)
    assert client.get(reverse("referrals:referral_detail", args=[referral.pk])).status_code == 404


def test_staff_keep_their_organisations_directory_entry(client, shelter, shelter_org):
    client.force_login(shelter)
    client.post(
        reverse("referrals:offer_create"),
        {
            "service_type": ServiceType.objects.get(code="shelter").pk,
            "capacity": "12",
            "available": "໓",
            "contact": "021 000 000",
            "is_active": "on",
        },
    )
    offer = ServiceOffer.objects.get()
    assert offer.organisation == shelter_org
    assert offer.available == 3
    page = client.get(reverse("referrals:directory"))
    assert offer in page.context["offers"]
    response = client.post(
        reverse("referrals:offer_create"),
        {
            "service_type": ServiceType.objects.get(code="medical").pk,
            "capacity": "2",
            "available": "5",
        },
    )
    assert response.context["form"].errors["available"]


def test_the_report_page_is_for_managers_and_caseworkers(client, caseworker, shelter):
    client.force_login(caseworker)
    assert client.get(reverse("referrals:report")).status_code == 200
    client.force_login(shelter)
    assert client.get(reverse("referrals:report")).status_code == 404


def test_a_visit_is_added_to_the_follow_up_schedule(client, caseworker, case):
    from pokpong.referrals import services

    services.return_plan_save(
        user=caseworker,
        case=case,
        return_type="family",
        returned_on=TODAY,
        province=case.province,
    )
    client.force_login(caseworker)
    client.post(reverse("referrals:follow_up_add", args=[case.pk]), {"due_on": "໐໑/໐໖/໒໐໒໗"})
    assert case.follow_ups.filter(due_on=dt.date(2027, 6, 1)).exists()
    assert case.follow_ups.count() == 5


def test_the_referral_form_offers_who_provides_the_service_in_the_cases_province(
    client, caseworker, case, shelter_org
):
    from pokpong.places.models import Province
    from pokpong.referrals.tests.factories import ServiceOfferFactory

    shelter_type = ServiceType.objects.get(code="shelter")
    ServiceOfferFactory(organisation=shelter_org, service_type=shelter_type)
    far = OrganisationFactory(
        name_en="Far Shelter", province=Province.objects.get(iso_code="LA-PH")
    )
    offer = ServiceOfferFactory(organisation=far, service_type=shelter_type)
    offer.provinces.set([far.province])
    legal = OrganisationFactory(name_en="Legal Aid Office")
    ServiceOfferFactory(
        organisation=legal, service_type=ServiceType.objects.exclude(code="shelter")[0]
    )
    client.force_login(caseworker)
    url = reverse("referrals:referral_new", args=[case.pk])
    page = client.get(url, {"service": shelter_type.pk})
    offered = set(page.context["form"].fields["to_organisation"].queryset)
    assert shelter_org in offered and far not in offered and legal not in offered
    assert page.context["consented"] == [shelter_org]
    assert f"{shelter_org.province} · {shelter_org}" in page.content.decode()
    everywhere = client.get(url, {"service": shelter_type.pk, "everywhere": "on"})
    assert far in set(everywhere.context["form"].fields["to_organisation"].queryset)
    assert _refer(client, case, shelter_org).status_code == 302


def test_the_consent_form_lists_the_organisations_of_the_persons_province_first(
    client, caseworker, case, shelter_org
):
    from pokpong.places.models import Province

    far = OrganisationFactory(province=Province.objects.get(iso_code="LA-PH"))
    national = OrganisationFactory(province=None)
    client.force_login(caseworker)
    url = reverse("cases:consent_new", args=[case.person.pk])
    near = set(client.get(url).context["form"].fields["share_with"].queryset)
    assert national in near and far not in near
    assert case.person.province == shelter_org.province and shelter_org in near
    every = set(client.get(url, {"everywhere": "on"}).context["form"].fields["share_with"].queryset)
    assert far in every
