"""Screening, identification and consent through the pages, as a case worker uses them."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Consent, Identification, Screening
from pokpong.cases.screening import FormVersion, indicators_for
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _answers(version: str, value: str = "no") -> dict:
    return {f"q_{i.code}": value for i in indicators_for(version)}


@pytest.mark.parametrize("version", [FormVersion.SHORT, FormVersion.LONG])
def test_a_screening_is_saved_and_shows_the_indicators_found(client, caseworker, version):
    person = PersonFactory(registered_by=caseworker, birth_year=1995)
    client.force_login(caseworker)
    page = client.get(reverse("cases:screening_new", args=[person.pk]), {"form": version})
    assert len(page.context["form"].indicators) == len(indicators_for(version))
    data = {
        **_answers(version),
        "q_crossed_border": "yes",
        "q_debt": "yes",
        "screened_on": "25/11/2026",
        "outcome": "further_assessment",
        "form_version": version,
        "notes": "ເວົ້າວ່າ ຕ້ອງໃຊ້ໜີ້",
    }
    response = client.post(reverse("cases:screening_new", args=[person.pk]), data)
    screening = Screening.objects.get()
    assert response.url == reverse("cases:screening_detail", args=[screening.pk])
    assert screening.form_version == version
    detail = client.get(response.url)
    found = [i.code for i in detail.context["summary"].found]
    assert sorted(found) == ["crossed_border", "debt"]


def test_an_unanswered_question_keeps_the_answers_given(client, caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1995)
    client.force_login(caseworker)
    data = {**_answers("short"), "screened_on": "25/11/2026", "outcome": "not_indicated"}
    del data["q_debt"]
    data["q_threatened"] = "yes"
    response = client.post(reverse("cases:screening_new", args=[person.pk]), data)
    assert response.status_code == 200
    assert not Screening.objects.exists()
    assert response.context["form"]["q_threatened"].value() == "yes"


def test_a_child_screening_marks_means_of_control_optional(client, caseworker):
    child = PersonFactory(registered_by=caseworker, birth_year=2013)
    client.force_login(caseworker)
    form = client.get(reverse("cases:screening_new", args=[child.pk])).context["form"]
    assert not form.fields["q_debt"].required
    assert form.fields["q_crossed_border"].required


def test_recording_identification_and_consent_then_withdrawing(client, caseworker):
    person = PersonFactory(registered_by=caseworker, birth_year=1995)
    shelter = OrganisationFactory(name_en="New Hope Shelter")
    client.force_login(caseworker)
    client.post(
        reverse("cases:identification_new", args=[person.pk]),
        {
            "decision": "victim",
            "decided_on": "20/11/2026",
            "police_unit": "ATD",
            "reference": "77/2026",
        },
    )
    assert Identification.objects.get().basis == "written_word"
    client.post(
        reverse("cases:consent_new", args=[person.pk]),
        {
            "for_services": "on",
            "for_statistics": "on",
            "share_with": [shelter.pk],
            "given_by": "self",
            "given_on": "20/11/2026",
            "method": "thumbprint",
        },
    )
    consent = Consent.objects.get()
    assert list(consent.share_with.all()) == [shelter]
    client.post(
        reverse("cases:consent_withdraw", args=[consent.pk]), {"withdrawn_on": "24/11/2026"}
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on.isoformat() == "2026-11-24"


def test_a_shelter_worker_cannot_record_identification(client, caseworker):
    shelter = UserFactory(roles=[Role.SERVICE_PROVIDER])
    person = PersonFactory(registered_by=shelter)
    client.force_login(shelter)
    assert client.get(reverse("cases:identification_new", args=[person.pk])).status_code == 404
    assert client.get(reverse("cases:screening_new", args=[person.pk])).status_code == 200


def test_who_opened_the_person_includes_who_read_it_on_the_page_of_its_case(client, caseworker):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    colleague = UserFactory(username="colleague-sv", roles=[Role.CASE_WORKER])
    client.force_login(colleague)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    client.force_login(caseworker)
    response = client.get(reverse("people:detail", args=[case.person.pk]))
    accesses = response.context["accesses"]
    assert [e.actor_username for e in accesses if e.object_type == "cases.case"] == ["colleague-sv"]
    assert case.number in response.content.decode()
