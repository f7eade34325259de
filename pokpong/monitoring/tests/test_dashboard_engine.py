"""The dashboard over the real engine and records (the engine's hand-computed world): the
number on the page is the number of records in the list it links to, the M&E officer reads
"<5" and no personal data, and the page takes a bounded number of queries, cached when warm.

In the fiscal year 2026 (October 2025 – September 2026) three persons were first identified as
victims: p1 and p5 in Savannakhet, p3 in Oudomxay (p2's first identification was in FY2025).
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.monitoring.tests.fixture import identified_world, province

pytestmark = pytest.mark.django_db
URL = "/me/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def world():
    found = identified_world()
    p1 = found.persons["p1"]
    p1.phone, p1.origin_village, p1.birth_date = "020 5512 3487", "ບ້ານໂພນສະຫວ່າງ", "2010-03-04"
    p1.given_name_latin, p1.given_name_lo = "Vilaykham", "ວິໄລຄຳ"
    p1.save()
    return found


@pytest.fixture
def manager(world):
    office = OrganisationFactory(province=province("LA-SV"))
    return with_totp(UserFactory(organisation=office, roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def me_officer(db):
    return UserFactory(organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER])


def _headline(response, code):
    return next(h for h in response.context["board"].headlines if h.result.code == code)


def test_the_managers_number_is_the_length_of_the_list_it_links_to(client, world, manager):
    client.force_login(manager)
    response = client.get(URL, {"period": "FY2026", "indicator": "CUSTOM-1"})
    identified = _headline(response, "CUSTOM-1")
    assert identified.result.total.value == 2  # p1 and p5, Savannakhet
    assert identified.link is not None
    assert identified.link.startswith(reverse("people:list"))
    listed = client.get(identified.link).context["page"]
    assert sorted(p.pk for p in listed) == sorted(world.persons[n].pk for n in ("p1", "p5"))


def test_the_me_officer_reads_less_than_five_and_no_personal_data(client, world, me_officer):
    client.force_login(me_officer)
    response = client.get(URL, {"period": "FY2026", "indicator": "CUSTOM-1"})
    html = response.content.decode()
    identified = _headline(response, "CUSTOM-1")
    assert identified.result.total.value == 3 and identified.result.total.suppressed
    assert identified.link is None
    assert re.search(r'class="dash-total"><span>&lt;5</span>', html)
    for personal in (
        "Vilaykham",
        "ວິໄລຄຳ",
        "Souksavanh",
        "ສຸກສະຫວັນ",
        "020 5512 3487",
        "5512",
        "ບ້ານໂພນສະຫວ່າງ",
        "2010-03-04",
        "04/03/2010",
    ):
        assert personal not in html


def test_the_dashboard_takes_a_bounded_number_of_queries_and_few_when_cached(
    client, world, me_officer, django_assert_max_num_queries
):
    from pokpong.monitoring.models import Indicator

    indicators = Indicator.objects.filter(is_active=True).count()
    client.force_login(me_officer)
    # Cold: GROUP BYs per indicator, breakdown and quarter of the trend — a number that grows
    # with the catalogue, never with the records (issue 20 measures it at a million persons).
    with django_assert_max_num_queries(30 * indicators):
        client.get(URL, {"period": "FY2026"})
    # Warm: the engine's cache answers every number; what is left is the page's frame, the
    # catalogue and the source generations, read once for all indicators.
    with django_assert_max_num_queries(24):
        client.get(URL, {"period": "FY2026"})
