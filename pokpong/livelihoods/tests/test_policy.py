"""Who sees and changes the livelihood part of a case (decided in accounts/policy.py)."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.policy import (
    can_edit_employer,
    can_edit_training,
    can_manage_livelihoods,
    can_record_training_as,
    can_use_employer_directory,
    can_view_livelihoods,
    case_sections_for,
    trainings_visible_to,
)
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.livelihoods.tests.factories import EmployerFactory, VocationalTrainingFactory
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(caseworker):
    centre = OrganisationFactory(name_en="Vocational centre")
    teacher = UserFactory(organisation=centre, roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(office=caseworker, receiver=teacher, accepted=True)
    case = referral.case
    return {
        "case": case,
        "referral": referral,
        "centre": centre,
        "teacher": teacher,
        "own": VocationalTrainingFactory(case=case, provider=centre, referral=referral),
        "office": VocationalTrainingFactory(case=case),
    }


def test_the_office_sees_and_manages_the_livelihood_section(caseworker, world):
    case = world["case"]
    assert "livelihoods" in case_sections_for(caseworker, case)
    assert can_view_livelihoods(caseworker, case) and can_manage_livelihoods(caseworker, case)
    trainings = trainings_visible_to(caseworker, case, case.vocational_trainings.all())
    assert set(trainings) == {world["own"], world["office"]}


def test_the_police_of_the_province_sees_it_but_changes_nothing(world):
    police = UserFactory(roles=[Role.POLICE_OFFICER])  # over Savannakhet, like the case
    case = world["case"]
    assert can_view_livelihoods(police, case)
    assert not can_manage_livelihoods(police, case)
    assert not can_edit_training(police, world["office"])


def test_a_receiver_sees_and_changes_only_its_own_trainings(world):
    teacher, case = world["teacher"], world["case"]
    assert "livelihoods" not in case_sections_for(teacher, case)
    assert not can_view_livelihoods(teacher, case) and not can_manage_livelihoods(teacher, case)
    assert list(trainings_visible_to(teacher, case, case.vocational_trainings.all())) == [
        world["own"]
    ]
    assert can_edit_training(teacher, world["own"])
    assert not can_edit_training(teacher, world["office"])
    own = {"provider": world["centre"], "referral": world["referral"]}
    assert can_record_training_as(teacher, case, **own)
    assert not can_record_training_as(teacher, case, provider=world["centre"], referral=None)
    assert not can_record_training_as(
        teacher, case, provider=case.organisation, referral=world["referral"]
    )


def test_a_receiver_whose_referral_ended_sees_no_training(world):
    from pokpong.referrals import services

    services.referral_complete(user=world["teacher"], referral=world["referral"])
    teacher, case = world["teacher"], world["case"]
    assert not trainings_visible_to(teacher, case, case.vocational_trainings.all()).exists()
    assert not can_edit_training(teacher, world["own"])


def test_the_employer_directory_is_the_case_offices_and_kept_by_province(caseworker):
    here = EmployerFactory()
    there = EmployerFactory(province=Province.objects.get(iso_code="LA-CH"))
    assert can_use_employer_directory(caseworker)
    assert can_edit_employer(caseworker, here) and not can_edit_employer(caseworker, there)
    for role in (Role.SERVICE_PROVIDER, Role.POLICE_OFFICER, Role.ME_OFFICER, Role.TRAINER):
        user = UserFactory(roles=[role])
        assert not can_use_employer_directory(user) and not can_edit_employer(user, here)
