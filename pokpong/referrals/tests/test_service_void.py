"""A service recorded by mistake is voided: kept, audited, gone from the case and its counts."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.models import AuditEntry
from pokpong.places.tests.factories import province
from pokpong.referrals.models import ServiceDelivery
from pokpong.referrals.tests.factories import ServiceDeliveryFactory

pytestmark = pytest.mark.django_db


def test_the_case_office_voids_a_service_and_it_is_no_longer_counted(client):
    delivery = ServiceDeliveryFactory()
    case, worker = delivery.case, delivery.case.opened_by
    client.force_login(worker)
    url = reverse("referrals:service_void", args=[delivery.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert client.post(url, {"reason": "Recorded on the wrong case"}).status_code == 302
    assert case.services.count() == 0
    assert ServiceDelivery.all_objects.get(pk=delivery.pk).void_reason == (
        "Recorded on the wrong case"
    )
    assert AuditEntry.objects.filter(
        action="update", object_id=str(delivery.pk), extra={"voided": True}
    ).exists()


def test_voiding_a_service_needs_a_reason(client):
    delivery = ServiceDeliveryFactory()
    client.force_login(delivery.case.opened_by)
    response = client.post(reverse("referrals:service_void", args=[delivery.pk]), {"reason": ""})
    assert response.status_code == 200
    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()


def test_another_office_gets_the_same_404(client):
    delivery = ServiceDeliveryFactory()
    other = UserFactory(organisation__province=province("LA-SL"), roles=[Role.CASE_WORKER])
    client.force_login(other)
    url = reverse("referrals:service_void", args=[delivery.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert ServiceDelivery.objects.filter(pk=delivery.pk).exists()


def test_a_voided_service_stays_on_the_case_page_struck_through_and_uncounted(client):
    delivery = ServiceDeliveryFactory()
    ServiceDeliveryFactory(case=delivery.case)
    client.force_login(delivery.case.opened_by)
    client.post(reverse("referrals:service_void", args=[delivery.pk]), {"reason": "wrong case"})
    page = client.get(reverse("cases:case_detail", args=[delivery.case_id]))
    voided = page.text.split('<li class="voided">')[1].split("</li>")[0]
    assert "<del>" in voided and "wrong case" in voided
    assert reverse("referrals:service_edit", args=[delivery.pk]) not in page.text
    assert page.context["counts"]["services"] == 1
