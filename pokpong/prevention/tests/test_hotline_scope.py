"""A person registered by the national hotline belongs to the hotline alone — not to the
province its office sits in — until the office of a province takes the person on (#13)."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import OrganisationType, Role
from pokpong.accounts.policy import can_view_person
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.services import CaseDetails
from pokpong.people.models import Person
from pokpong.people.services import PersonDetails, person_register
from pokpong.places.models import Province
from pokpong.prevention import services

pytestmark = pytest.mark.django_db


def _vientiane():
    return Province.objects.get(iso_code="LA-VT")


@pytest.fixture
def counsellor():
    org = OrganisationFactory(province=_vientiane(), type=OrganisationType.objects.get(code="lwu"))
    user = UserFactory(username="hotline", organisation=org)
    role_assign(user=user, role=Role.HOTLINE_COUNSELLOR)  # national, as in the demo
    return user


@pytest.fixture
def police_vt():
    org = OrganisationFactory(
        province=_vientiane(), type=OrganisationType.objects.get(code="police")
    )
    return UserFactory(username="police.vt", organisation=org, roles=[Role.POLICE_OFFICER])


@pytest.fixture
def caseworker_vt():
    return UserFactory(
        username="caseworker.vt",
        organisation=OrganisationFactory(province=_vientiane()),
        roles=[Role.CASE_WORKER],
    )


@pytest.fixture
def call(counsellor):
    return services.call_record(
        user=counsellor,
        details=services.CallDetails(
            received_at=timezone.now(),
            channel="phone_1362",
            caller_type="family",
            topic="missing_person",
            province=Province.objects.get(iso_code="LA-SV"),
            outcome="potential_case",
            summary="Daughter in Thailand",
        ),
        person=PersonDetails(given_name_latin="Noy", family_name_latin="Keomany", sex="female"),
    )


def _status(client, user, person):
    client.force_login(user)
    return client.get(reverse("people:detail", args=[person.pk])).status_code


def _listed(client, user, person):
    client.force_login(user)
    return person in list(client.get(reverse("people:list")).context["page"])


def test_a_hotline_person_belongs_to_no_province(call):
    person = call.person
    assert person.province_id is None and person.district_id is None
    assert person.organisation == call.organisation


def test_vientiane_police_and_case_workers_do_not_reach_a_hotline_person(
    client, call, counsellor, police_vt, caseworker_vt
):
    person = call.person
    assert _status(client, police_vt, person) == 404
    assert _status(client, caseworker_vt, person) == 404
    assert not _listed(client, police_vt, person)
    assert not _listed(client, caseworker_vt, person)
    assert _status(client, counsellor, person) == 200


def test_once_a_province_takes_the_person_on_the_hotline_no_longer_sees_it(
    client, call, counsellor, caseworker, police_vt
):
    referral = services.call_refer(
        user=counsellor,
        call=call,
        to_organisation=caseworker.organisation,  # Savannakhet social welfare
        urgency="urgent",
        caller_agreed=True,
    )
    assert _status(client, caseworker, call.person) == 200  # through the referral's grant
    services.call_referral_accept(
        user=caseworker,
        referral=referral,
        details=CaseDetails(risk_level="high", risk_reason="Minor abroad"),
        forms_of_trafficking=[FormOfTrafficking.objects.first()],
    )
    person = Person.objects.get(pk=call.person_id)
    assert person.province == caseworker.organisation.province
    assert _status(client, caseworker, person) == 200
    assert _status(client, counsellor, person) == 404
    assert _status(client, police_vt, person) == 404


def test_an_unanswered_hotline_referral_loses_access_at_its_deadline(call, counsellor, caseworker):
    referral = services.call_refer(
        user=counsellor,
        call=call,
        to_organisation=caseworker.organisation,
        urgency="urgent",
        caller_agreed=True,
    )
    assert can_view_person(caseworker, call.person)
    with time_machine.travel(referral.respond_by):
        assert not can_view_person(caseworker, call.person)


def test_the_migration_releases_hotline_persons_already_filed_under_vientiane(
    call, counsellor, caseworker
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "pokpong.people.migrations.0005_person_province_empty_for_national_services"
    )
    old_hotline = Person.objects.filter(pk=call.person_id)
    old_hotline.update(province=_vientiane())  # as the old rule filed it
    office_person = person_register(
        user=caseworker, details=PersonDetails(given_name_latin="Bounmy", sex="male")
    )
    migration.release_national_persons(apps, None)
    assert old_hotline.get().province_id is None
    office_person.refresh_from_db()
    assert office_person.province == caseworker.organisation.province
