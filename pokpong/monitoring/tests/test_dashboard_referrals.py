"""Referrals and follow-ups for the reporting roles: counted over the reporting scope (the M&E
officer and the secretariat used to read zeros), small numbers protected for them, the old
report's address still working.

The world: Savannakhet's office referred 3 cases, Champasak's 8, all this fiscal year.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, SAVANNAKHET, province
from pokpong.referrals.tests.factories import FollowUpVisitFactory, ReferralFactory

pytestmark = pytest.mark.django_db
URL = "/me/referrals/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        yield


def _office_worker(iso_code):
    office = OrganisationFactory(province=province(iso_code))
    return UserFactory(organisation=office, roles=[Role.CASE_WORKER])


def _refer(worker, count):
    for _n in range(count):
        ReferralFactory(case=CaseFactory(person=PersonFactory(registered_by=worker)))


@pytest.fixture
def world():
    savannakhet, champasak = _office_worker(SAVANNAKHET), _office_worker(CHAMPASAK)
    _refer(savannakhet, 3)
    _refer(champasak, 8)
    FollowUpVisitFactory(
        case=CaseFactory(person=PersonFactory(registered_by=champasak)),
        due_on=dt.date(2026, 11, 1),
    )
    return savannakhet, champasak


@pytest.fixture
def me_officer(db):
    return UserFactory(organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER])


@pytest.fixture
def secretariat(db):
    office = OrganisationFactory(province=None)
    return with_totp(UserFactory(organisation=office, roles=[Role.NATIONAL_SECRETARIAT]))


@pytest.fixture
def manager(world):
    office = world[0].organisation
    return with_totp(UserFactory(organisation=office, roles=[Role.PROVINCIAL_MANAGER]))


def _figures(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["figures"], response.content.decode()


def _requested(figures):
    return next(r.cell for r in figures.referrals.breakdowns[0].rows if r.key == "requested")


def test_the_me_officer_counts_the_referrals_of_the_whole_country(client, world, me_officer):
    figures, html = _figures(client, me_officer)
    assert (figures.referrals.total.value, _requested(figures).value) == (11, 11)
    assert figures.singles["follow_ups_overdue"].value == 1
    assert figures.singles["follow_ups_overdue"].suppressed
    assert "&lt;5" in html


def test_the_secretariat_reads_three_referrals_of_a_province_as_less_than_five(
    client, world, secretariat
):
    figures, html = _figures(client, secretariat, province=province(SAVANNAKHET).pk)
    assert figures.referrals.total.value == 3
    assert figures.referrals.total.suppressed and _requested(figures).suppressed
    assert ">3<" not in html


def test_the_manager_counts_the_province_only_and_reads_small_numbers(client, manager):
    figures, _html = _figures(client, manager)
    assert figures.referrals.total.value == 3
    assert not figures.referrals.total.suppressed
    figures, _html = _figures(client, manager, province=province(CHAMPASAK).pk)
    assert figures.referrals.total.value == 3  # Champasak refused: the province's own shown


def test_the_programme_area_cuts_the_referrals(client, world, me_officer):
    figures, _html = _figures(client, me_officer, area="target")
    assert figures.referrals.total.value == 11  # Savannakhet and Champasak are target provinces
    figures, _html = _figures(client, me_officer, area="rest")
    assert figures.referrals.total.value == 0


def test_a_period_without_referrals_counts_none(client, world, me_officer):
    figures, _html = _figures(client, me_officer, period="FY2026")
    assert figures.referrals.total.value == 0


def test_the_old_report_address_sends_reporting_roles_to_their_page(client, manager, me_officer):
    for user in (manager, me_officer):
        client.force_login(user)
        response = client.get(reverse("referrals:report"))
        assert response.status_code == 302 and response["Location"] == URL


def test_case_workers_keep_their_offices_report(client, world):
    savannakhet, _champasak = world
    client.force_login(savannakhet)
    response = client.get(reverse("referrals:report"))
    assert response.status_code == 200
    assert response.context["report"]["total"] == 3
    assert client.get(URL).status_code == 404


def test_the_referrals_page_takes_a_fixed_number_of_queries(
    client, world, me_officer, django_assert_max_num_queries
):
    """The frame (session, user, roles, the menu's inbox count), provinces, and one aggregate
    per figure."""
    client.force_login(me_officer)
    with django_assert_max_num_queries(20):
        client.get(URL)
    _refer(world[1], 5)
    with django_assert_max_num_queries(20):  # not one more for more referrals
        client.get(URL)
