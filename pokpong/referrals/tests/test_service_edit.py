"""A service given is corrected from its own page: by whoever may record it, audited."""

import datetime as dt

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditEntry
from pokpong.places.tests.factories import province
from pokpong.referrals.models import ServiceDelivery
from pokpong.referrals.tests.factories import ServiceDeliveryFactory, referred_case, service_type

pytestmark = pytest.mark.django_db


def _data(delivery: ServiceDelivery, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "service_type": delivery.service_type_id,
        "provider": delivery.provider_id,
        "referral": delivery.referral_id or "",
        "started_on": "03/11/2026",
        "ended_on": "",
        "outcome": "ongoing",
        "cost_lak": "1500000",
        "notes": delivery.notes,
    }
    return data | changes


def test_the_case_office_corrects_a_service_and_the_change_is_audited(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    url = reverse("referrals:service_edit", args=[delivery.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="1500000"' in page.content.decode()
    data = _data(delivery, ended_on="17/11/2026", outcome="completed", cost_lak="1200000")
    assert client.post(url, data).status_code == 302
    delivery.refresh_from_db()
    assert (delivery.ended_on, delivery.outcome, delivery.cost_lak) == (
        dt.date(2026, 11, 17),
        "completed",
        1_200_000,
    )
    entry = AuditEntry.objects.get(action="update", object_id=str(delivery.pk))
    assert entry.changes["cost_lak"] == ["1500000", "1200000"]
    assert entry.parent_id == str(delivery.case_id)


def test_reading_the_edit_page_is_audited(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    client.get(reverse("referrals:service_edit", args=[delivery.pk]))
    assert AuditEntry.objects.filter(action="view", object_id=str(delivery.pk)).exists()


def test_notes_changed_are_audited_without_their_text(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    url = reverse("referrals:service_edit", args=[delivery.pk])
    client.post(url, _data(delivery, notes="ສາມອາທິດ / Three weeks"))
    entry = AuditEntry.objects.get(action="update", object_id=str(delivery.pk))
    assert entry.changes == {"notes": "changed"}


def test_an_end_before_the_beginning_is_refused_with_a_message(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    url = reverse("referrals:service_edit", args=[delivery.pk])
    response = client.post(url, _data(delivery, ended_on="01/11/2026"), follow=True)
    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.ended_on is None
    assert not AuditEntry.objects.filter(action="update", object_id=str(delivery.pk)).exists()


def test_a_receiver_corrects_its_own_service_but_cannot_give_it_to_another_organisation(client):
    referral = referred_case(accepted=True)
    receiver = referral.responded_by
    delivery = ServiceDeliveryFactory(referral=referral)
    client.force_login(receiver)
    url = reverse("referrals:service_edit", args=[delivery.pk])
    assert client.get(url).status_code == 200
    other = OrganisationFactory()
    client.post(url, _data(delivery, provider=other.pk))
    delivery.refresh_from_db()
    assert delivery.provider_id == referral.to_organisation_id
    assert client.post(url, _data(delivery, outcome="completed")).status_code == 302
    delivery.refresh_from_db()
    assert delivery.outcome == "completed"


def test_a_receiver_cannot_correct_the_office_s_own_service(client):
    referral = referred_case(accepted=True)
    office_service = ServiceDeliveryFactory(case=referral.case, service_type=service_type())
    client.force_login(referral.responded_by)
    url = reverse("referrals:service_edit", args=[office_service.pk])
    assert client.get(url).status_code == 404


def test_another_office_and_a_voided_service_get_the_same_404(client):
    delivery = ServiceDeliveryFactory(voided_at=dt.datetime(2026, 11, 5, tzinfo=dt.UTC))
    client.force_login(delivery.case.opened_by)
    assert client.get(reverse("referrals:service_edit", args=[delivery.pk])).status_code == 404
    fresh = ServiceDeliveryFactory()
    other = UserFactory(organisation__province=province("LA-SL"), roles=[Role.CASE_WORKER])
    client.force_login(other)
    assert client.get(reverse("referrals:service_edit", args=[fresh.pk])).status_code == 404


def test_the_case_page_links_each_correctable_service_to_its_edit_page(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    page = client.get(reverse("cases:case_detail", args=[delivery.case_id])).content.decode()
    assert reverse("referrals:service_edit", args=[delivery.pk]) in page
