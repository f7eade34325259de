"""Persons trained for the indicators: each official once, by sex, agency and province."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.places.models import Province
from pokpong.training import selectors, services
from pokpong.training.models import TrainingSession
from pokpong.training.tests.helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(trainer, session):
    return services.session_create(
        user=trainer,
        details=services.SessionDetails(
            course=session.course,
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2026, 12, 1),
            hours=Decimal(8),
            venue="Savannakhet",
            province=Province.objects.get(iso_code="LA-SV"),
            prevention_actors=True,
        ),
    )


def test_each_official_counts_once_and_the_flags_feed_their_indicators(trainer, session, second):
    police, welfare = OrganisationFactory(), OrganisationFactory()
    services.enrol(user=trainer, session=session, participant=person(police, "Vilay", "female"))
    services.enrol(user=trainer, session=second, participant=person(police, "Vilay", "female"))
    brief = services.enrol(
        user=trainer, session=session, participant=person(welfare, "Khamla", "male")
    )
    brief.hours_attended = Decimal(2)  # under 3 hours: not counted for GNDR-8
    brief.save()
    services.enrol(user=trainer, session=second, participant=person(welfare, "Noy", "female"))
    absent = services.enrol(
        user=trainer, session=second, participant=person(welfare, "Seng", "male")
    )
    absent.hours_attended = Decimal(0)  # enrolled but never came: not trained
    absent.save()

    totals = selectors.persons_trained(TrainingSession.objects.all())
    assert (totals["persons"], totals["women"], totals["men"]) == (3, 2, 1)
    assert totals["gndr_8"] == 1  # Vilay only: Khamla had 2 hours
    assert totals["first_responders"] == 2  # Vilay and Khamla, in the first session
    assert totals["prevention_actors"] == 2  # Vilay and Noy
    assert sum(row["persons"] for row in totals["by_agency"]) == 3
    assert [row["persons"] for row in totals["by_province"]] == [3]

    only_december = selectors.session_list_filtered(
        user=trainer, filters={"since": dt.date(2026, 11, 30)}
    )
    assert selectors.persons_trained(only_december)["persons"] == 2


def test_the_list_filters_by_province_and_shows_the_totals(client, trainer, session, second):
    services.enrol(
        user=trainer, session=second, participant=person(OrganisationFactory(), "Noy", "female")
    )
    client.force_login(trainer)
    url = reverse("training:session_list")
    everything = client.get(url)
    assert everything.context["totals"]["sessions"] == 2
    savannakhet = Province.objects.get(iso_code="LA-SV")
    page = client.get(url, {"province": savannakhet.pk})
    assert list(page.context["page"]) == [second]
    assert page.context["totals"]["women"] == 1
    # by the province the official works in (Champasak), not where the session was held
    assert page.context["totals"]["by_province"][0]["label"] == "ຈຳປາສັກ"
