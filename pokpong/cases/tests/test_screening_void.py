"""A screening entered by mistake is voided: kept and audited, no longer the person's screening."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Screening
from pokpong.cases.tests.factories import ScreeningFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


def _screening(caseworker):
    return ScreeningFactory(person=PersonFactory(registered_by=caseworker), screened_by=caseworker)


def test_voiding_keeps_the_screening_but_no_longer_counts_it(client, caseworker):
    screening = _screening(caseworker)
    client.force_login(caseworker)
    url = reverse("cases:screening_void", args=[screening.pk])
    response = client.post(url, {"reason": "Entered for the wrong person"})
    assert response.url == reverse("people:detail", args=[screening.person_id])
    kept = Screening.all_objects.get(pk=screening.pk)
    assert kept.voided_by == caseworker and kept.void_reason == "Entered for the wrong person"
    assert not screening.person.screenings.exists()  # the workflow no longer sees it
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="cases.screening", object_id=str(screening.pk)
    ).exists()
    detail = reverse("cases:screening_detail", args=[screening.pk])
    assert client.get(detail).status_code == 404  # gone from the person's work


def test_a_reason_is_needed_and_the_page_offers_the_void(client, caseworker):
    screening = _screening(caseworker)
    client.force_login(caseworker)
    page = client.get(reverse("cases:screening_detail", args=[screening.pk])).content.decode()
    assert reverse("cases:screening_void", args=[screening.pk]) in page
    client.post(reverse("cases:screening_void", args=[screening.pk]), {"reason": " "})
    assert Screening.objects.filter(pk=screening.pk).exists()  # not voided without a reason


def test_another_office_gets_the_same_404(client, caseworker):
    screening = _screening(caseworker)
    champasak = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    other = UserFactory(username="other-ch", roles=[Role.CASE_WORKER], organisation=champasak)
    client.force_login(other)
    url = reverse("cases:screening_void", args=[screening.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert Screening.objects.filter(pk=screening.pk).exists()
