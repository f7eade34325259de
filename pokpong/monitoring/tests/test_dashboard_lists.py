"""The lists behind the dashboard's numbers take the period and the province as GET filters:
persons identified as victims, training sessions, awareness activities. A date that does not
parse is left out with a message, never an error."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import IdentificationDecision
from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.prevention.tests.factories import AwarenessActivityFactory
from pokpong.training.tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


def _listed(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_the_person_list_filters_the_new_victims_identified_in_a_period(client, caseworker):
    before = PersonFactory(registered_by=caseworker, given_name_latin="Before")
    again = PersonFactory(registered_by=caseworker, given_name_latin="Again")
    inside = PersonFactory(registered_by=caseworker, given_name_latin="Inside")
    refused = PersonFactory(registered_by=caseworker, given_name_latin="Refused")
    PersonFactory(registered_by=caseworker, given_name_latin="Never")
    IdentificationFactory(person=before, decided_on=dt.date(2026, 9, 30))
    IdentificationFactory(person=again, decided_on=dt.date(2025, 5, 1))
    IdentificationFactory(person=again, decided_on=dt.date(2026, 10, 9))  # not a new victim
    IdentificationFactory(person=inside, decided_on=dt.date(2026, 10, 1))
    IdentificationFactory(person=inside, decided_on=dt.date(2026, 11, 2))  # counted once
    IdentificationFactory(
        person=refused, decided_on=dt.date(2026, 10, 5), decision=IdentificationDecision.NOT_VICTIM
    )
    client.force_login(caseworker)
    params = {
        "identified_since": "2026-10-01",
        "identified_until": "2027-09-30",
        "identified_province": caseworker.organisation.province_id,
    }
    page = _listed(client, reverse("people:list"), params).context["page"]
    assert [p.pk for p in page] == [inside.pk]


def test_a_bad_date_in_the_person_list_is_left_out_with_a_message(client, caseworker):
    PersonFactory(registered_by=caseworker)
    client.force_login(caseworker)
    response = _listed(client, reverse("people:list"), {"identified_since": "2026-13-45"})
    assert len(response.context["page"]) == 1
    with translation.override("lo"):
        expected = translation.gettext("Some filters were not understood and are left out.")
    assert [str(m) for m in response.context["messages"]] == [expected]


def test_the_session_list_keeps_the_good_filters_when_one_date_is_bad(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    TrainingSessionFactory(
        starts_on=dt.date(2026, 10, 5),
        ends_on=dt.date(2026, 10, 6),
        organisation=trainer.organisation,
    )
    TrainingSessionFactory(
        starts_on=dt.date(2026, 8, 5),
        ends_on=dt.date(2026, 8, 6),
        organisation=trainer.organisation,
    )
    client.force_login(trainer)
    url = reverse("training:session_list")
    response = _listed(client, url, {"since": "2026-10-01", "until": "2027-09-30"})
    assert len(response.context["page"]) == 1
    response = _listed(client, url, {"since": "2026-10-01", "until": "soon"})
    assert len(response.context["page"]) == 1  # the good date still filters
    assert len(list(response.context["messages"])) == 1


def test_the_activity_list_filters_a_period(client):
    officer = UserFactory(roles=[Role.PREVENTION_OFFICER])
    for day in (dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2027, 10, 1)):
        AwarenessActivityFactory(recorded_by=officer, held_on=day)
    client.force_login(officer)
    url = reverse("prevention:activity_list")
    response = _listed(client, url, {"since": "2026-10-01", "until": "2027-09-30"})
    assert [a.held_on for a in response.context["page"]] == [dt.date(2026, 10, 1)]
    response = _listed(client, url, {"since": "1 Octobre", "until": "2027-09-30"})
    assert len(response.context["page"]) == 2
