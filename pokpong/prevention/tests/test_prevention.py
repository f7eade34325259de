"""Awareness activities (counted, never named) and the hotline call log with potential cases."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.people.models import Person
from pokpong.people.services import PersonDetails
from pokpong.places.models import Province
from pokpong.prevention import selectors, services
from pokpong.prevention.models import AwarenessActivity, HotlineCall

pytestmark = pytest.mark.django_db


def _province(iso):
    return Province.objects.get(iso_code=iso)


@pytest.fixture
def officer():
    org = OrganisationFactory(province=_province("LA-SL"))
    user = UserFactory(username="prev", organisation=org)
    role_assign(user=user, role=Role.PREVENTION_OFFICER, province=_province("LA-SL"))
    return user


@pytest.fixture
def counsellor():
    org = OrganisationFactory(province=_province("LA-VT"))
    user = UserFactory(username="hotline", organisation=org)
    role_assign(user=user, role=Role.HOTLINE_COUNSELLOR)
    return user


def _activity(**extra):
    details = {
        "type": "village_meeting",
        "held_on": dt.date(2026, 11, 1),
        "province": _province("LA-SL"),
        "girls": 12,
        "boys": 8,
        "women": 30,
        "men": 25,
    }
    return services.ActivityDetails(**{**details, **extra})


def test_an_activity_counts_people_reached_and_totals_add_up(officer):
    services.activity_record(user=officer, details=_activity())
    services.activity_record(user=officer, details=_activity(type="school_session", women=0, men=0))
    activities = selectors.activity_list_for_user(user=officer, filters={})
    totals = selectors.activity_totals(activities)
    assert totals == {
        "activities": 2,
        "girls": 24,
        "boys": 16,
        "women": 30,
        "men": 25,
        "reached": 95,
    }


def test_an_activity_with_nobody_counted_is_refused(officer):
    with pytest.raises(ValidationError):
        services.activity_record(user=officer, details=_activity(girls=0, boys=0, women=0, men=0))


def test_activities_stay_within_the_officers_province(officer):
    with pytest.raises(PermissionDenied):
        services.activity_record(user=officer, details=_activity(province=_province("LA-CH")))
    other = UserFactory(roles=[Role.PREVENTION_OFFICER])  # Savannakhet
    services.activity_record(user=officer, details=_activity())
    assert not selectors.activity_list_for_user(user=other, filters={}).exists()


def test_recording_an_activity_through_the_page(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("prevention:activity_new"),
        {
            "type": "radio",
            "held_on": "໐໑/໑໑/໒໐໒໖",
            "province": _province("LA-SL").pk,
            "girls": "0",
            "boys": "0",
            "women": "໕",
            "men": "3",
        },
    )
    assert response.status_code == 302
    assert AwarenessActivity.objects.get().reached == 8


def test_a_call_about_a_suspected_case_registers_the_person(counsellor):
    call = services.call_record(
        user=counsellor,
        details=services.CallDetails(
            received_at=timezone.now(),
            channel="phone_1362",
            caller_type="family",
            topic="missing_person",
            province=_province("LA-SV"),
            outcome="potential_case",
            summary="Daughter in Thailand, no contact for 3 months",
        ),
        person=PersonDetails(given_name_latin="Noy", family_name_latin="Keomany", sex="female"),
    )
    assert call.person.given_name_latin == "Noy"
    with pytest.raises(ValidationError):
        services.call_record(
            user=counsellor,
            details=services.CallDetails(
                received_at=timezone.now(),
                channel="walk_in",
                caller_type="self",
                topic="suspected_trafficking",
                outcome="potential_case",
            ),
        )


def test_calls_are_logged_and_counted_by_topic(client, counsellor):
    client.force_login(counsellor)
    response = client.post(
        reverse("prevention:call_new"),
        {
            "received_at": "25/11/2026 09:30",
            "channel": "facebook",
            "caller_type": "anonymous",
            "topic": "safe_migration",
            "outcome": "informed",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("prevention:call_list"))
    assert page.context["totals"][0][1] == 1
    assert HotlineCall.objects.get().summary == ""


def test_a_potential_case_from_the_page_goes_on_to_its_referral(client, counsellor):
    client.force_login(counsellor)
    response = client.post(
        reverse("prevention:call_new"),
        {
            "received_at": "25/11/2026 09:30",
            "channel": "phone_1362",
            "caller_type": "family",
            "topic": "suspected_trafficking",
            "outcome": "potential_case",
            "person_name": "ນ້ອຍ ແກ້ວມະນີ",
            "person_sex": "female",
        },
    )
    person = Person.objects.get()
    assert person.given_name_lo == "ນ້ອຍ"
    call = HotlineCall.objects.get()
    assert call.person == person
    assert response.url == reverse("prevention:call_refer", args=[call.pk])


def test_other_roles_do_not_reach_the_hotline_log(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("prevention:call_list")).status_code == 404
    assert client.get(reverse("prevention:activity_list")).status_code == 404


ALL_SOME = {
    "migration": 1,
    "recruiters": 1,
    "dropout": 1,
    "debt": 1,
    "previous_cases": 1,
    "border": 1,
    "no_hotline": 1,
}


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({**ALL_SOME, "migration": 0, "recruiters": 0, "dropout": 0}, "low"),
        (ALL_SOME, "medium"),
        ({**ALL_SOME, "migration": 2, "recruiters": 2}, "high"),
    ],
)
def test_the_risk_level_follows_from_the_score(officer, answers, level):
    assessment = services.assessment_record(
        user=officer,
        answers=answers,
        province=_province("LA-SL"),
        village="ບ້ານນາໂພ",
        assessed_on=dt.date(2026, 11, 1),
    )
    assert assessment.score == sum(answers.values())
    assert assessment.risk_level == level


def test_an_incomplete_questionnaire_is_refused(officer):
    with pytest.raises(ValidationError):
        services.assessment_record(
            user=officer,
            answers={"migration": 2},
            province=_province("LA-SL"),
            village="ບ້ານນາໂພ",
            assessed_on=dt.date(2026, 11, 1),
        )


def test_assessing_a_village_through_the_page(client, officer):
    client.force_login(officer)
    data = {
        "province": _province("LA-SL").pk,
        "village": "ບ້ານໂພນສະຫວາດ",
        "assessed_on": "01/11/2026",
        **{f"q_{k}": "2" for k in ALL_SOME},
    }
    assert client.post(reverse("prevention:assessment_new"), data).status_code == 302
    page = client.get(reverse("prevention:assessment_list")).context["page"]
    assert [a.risk_level for a in page] == ["high"]
