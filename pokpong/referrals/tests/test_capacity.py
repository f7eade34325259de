"""The directory's free places follow the referrals; a case is referred from a directory entry."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import CaseStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province
from pokpong.referrals import services
from pokpong.referrals.tests.factories import ServiceOfferFactory, referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return UserFactory(roles=[Role.SERVICE_PROVIDER])


def _offer(shelter, **places):
    return ServiceOfferFactory(organisation=shelter.organisation, **places)


def test_accepting_takes_a_place_and_completing_gives_it_back(shelter):
    offer = _offer(shelter, capacity=10, available=3)
    referral = referred_case(receiver=shelter)
    services.referral_accept(user=shelter, referral=referral)
    offer.refresh_from_db()
    assert offer.available == 2
    entry = AuditEntry.objects.filter(object_type="referrals.serviceoffer").latest("sequence")
    assert entry.action == AuditAction.UPDATE and entry.changes == {"available": [3, 2]}
    services.referral_complete(user=shelter, referral=referral)
    offer.refresh_from_db()
    assert offer.available == 3


def test_a_full_shelter_stays_at_zero_and_never_passes_its_capacity(shelter):
    offer = _offer(shelter, capacity=1, available=0)
    referral = referred_case(receiver=shelter, accepted=True)
    offer.refresh_from_db()
    assert offer.available == 0
    services.referral_cancel(user=referral.requested_by, referral=referral)
    offer.refresh_from_db()
    assert offer.available == 1
    second = referred_case(receiver=shelter, accepted=True)
    offer.available = 1
    offer.save()
    services.referral_complete(user=shelter, referral=second)
    offer.refresh_from_db()
    assert offer.available == 1  # capacity 1: not 2


def test_a_declined_or_waiting_referral_takes_no_place(shelter):
    offer = _offer(shelter, available=4)
    referral = referred_case(receiver=shelter)
    services.referral_cancel(user=referral.requested_by, referral=referral)
    declined = referred_case(receiver=shelter)
    services.referral_decline(user=shelter, referral=declined, reason="No room for men")
    offer.refresh_from_db()
    assert offer.available == 4


def test_an_entry_without_a_count_of_places_is_left_alone(shelter):
    offer = _offer(shelter, capacity=None, available=None)
    referred_case(receiver=shelter, accepted=True)
    offer.refresh_from_db()
    assert offer.available is None


def test_the_directory_links_to_choosing_one_of_the_offices_open_cases(client, caseworker):
    offer = ServiceOfferFactory()
    mine = CaseFactory(person=PersonFactory(registered_by=caseworker))
    CaseFactory(
        person=PersonFactory(registered_by=caseworker),
        status=CaseStatus.CLOSED,
        closed_on="2026-01-02",
    )
    other = UserFactory(
        organisation=OrganisationFactory(province=Province.objects.get(iso_code="LA-LP")),
        roles=[Role.CASE_WORKER],
    )
    theirs = CaseFactory(person=PersonFactory(registered_by=other))
    client.force_login(caseworker)
    url = f"{reverse('referrals:offer_refer')}?offer={offer.pk}"
    assert url.replace("&", "&amp;") in client.get(reverse("referrals:directory")).content.decode()
    page = client.get(url)
    assert [c.pk for c in page.context["page"]] == [mine.pk]
    assert theirs.number not in page.content.decode()
    link = page.content.decode().split(f"{reverse('referrals:referral_new', args=[mine.pk])}?")[1]
    form = client.get(
        reverse("referrals:referral_new", args=[mine.pk])
        + "?"
        + link.split('"')[0].replace("&amp;", "&")
    ).context["form"]
    assert form.initial["service_type"] == offer.service_type
    assert form.initial["to_organisation"] == offer.organisation


def test_a_forged_prefill_is_ignored_not_an_error(client, caseworker):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    url = reverse("referrals:referral_new", args=[case.pk])
    response = client.get(url, {"service": "x'; --", "to": "99999999"})
    initial = response.context["form"].initial
    assert response.status_code == 200
    assert (initial["service_type"], initial["to_organisation"]) == (None, None)


def test_a_service_provider_may_not_refer_from_the_directory(client, shelter):
    offer = ServiceOfferFactory()
    client.force_login(shelter)
    url = reverse("referrals:offer_refer")
    assert client.get(url, {"offer": offer.pk}).status_code == 404


def test_choosing_a_case_for_a_forged_entry_answers_404_and_for_none_the_directory(
    client, caseworker
):
    client.force_login(caseworker)
    url = reverse("referrals:offer_refer")
    assert client.get(url).url == reverse("referrals:directory")
    assert client.get(url, {"offer": "1 OR 1=1"}).status_code == 404
