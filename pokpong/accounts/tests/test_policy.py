"""The access policy: scopes by place, explicit grants, deny by default."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from pokpong.accounts.models import Organisation, Role
from pokpong.accounts.policy import (
    Capability,
    can_view_record,
    has_capability,
    reach_of,
    visible_records,
)
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AccessGrant, GrantPurpose
from pokpong.places.models import District, Province

pytestmark = pytest.mark.django_db

# Organisations stand in for any record with a province and a district (cases use the same rules).
VIEW = Capability.VIEW_CASES


def _province(iso: str) -> Province:
    return Province.objects.get(iso_code=iso)


@pytest.fixture
def records():
    sv_district = District.objects.get(code="1301")
    return {
        "sv": OrganisationFactory(province=_province("LA-SV"), district=sv_district),
        "sv_other_district": OrganisationFactory(
            province=_province("LA-SV"), district=District.objects.get(code="1302")
        ),
        "ch": OrganisationFactory(province=_province("LA-CH")),
    }


def _visible(user) -> set[int]:
    return set(visible_records(user, Organisation.objects.all(), VIEW).values_list("pk", flat=True))


def test_a_province_role_sees_records_of_its_province_only(records):
    worker = UserFactory(roles=[Role.CASE_WORKER])  # Savannakhet
    assert {records["sv"].pk, records["sv_other_district"].pk} <= _visible(worker)
    assert records["ch"].pk not in _visible(worker)
    assert can_view_record(worker, records["sv"], VIEW)
    assert not can_view_record(worker, records["ch"], VIEW)


def test_a_district_role_sees_its_district_only(records):
    worker = UserFactory(organisation=records["sv"])
    role_assign(user=worker, role=Role.CASE_WORKER, district=District.objects.get(code="1301"))
    assert records["sv"].pk in _visible(worker)
    assert records["sv_other_district"].pk not in _visible(worker)
    assert not can_view_record(worker, records["sv_other_district"], VIEW)


def test_roles_without_the_capability_see_nothing_whatever_their_scope(records):
    for role in [
        Role.ADMINISTRATOR,
        Role.ME_OFFICER,
        Role.TRAINER,
        Role.PREVENTION_OFFICER,
        Role.NATIONAL_SECRETARIAT,
    ]:
        user = UserFactory(roles=[role])
        assert _visible(user) == set(), role
        assert not can_view_record(user, records["sv"], VIEW)


def test_inactive_users_and_users_without_roles_see_nothing(records):
    worker = UserFactory(roles=[Role.CASE_WORKER], is_active=False)
    assert _visible(worker) == set()
    assert _visible(UserFactory()) == set()


def _grant(record, organisation, **kwargs) -> AccessGrant:
    return AccessGrant.objects.create(
        grantee_organisation=organisation,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        purpose=GrantPurpose.REFERRAL,
        granted_by=UserFactory(),
        **kwargs,
    )


def test_a_grant_shares_one_record_beyond_scope_until_it_expires_or_is_revoked(records):
    police = UserFactory(roles=[Role.POLICE_OFFICER])  # Savannakhet
    assert not can_view_record(police, records["ch"], VIEW)
    grant = _grant(records["ch"], police.organisation)
    assert can_view_record(police, records["ch"], VIEW)
    assert records["ch"].pk in _visible(police)

    grant.revoked_at = timezone.now()
    grant.save()
    assert not can_view_record(police, records["ch"], VIEW)
    assert records["ch"].pk not in _visible(police)

    _grant(records["ch"], police.organisation, expires_at=timezone.now() - dt.timedelta(days=1))
    assert not can_view_record(police, records["ch"], VIEW)


def test_a_grant_to_another_organisation_gives_nothing(records):
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    _grant(records["ch"], OrganisationFactory())
    assert not can_view_record(police, records["ch"], VIEW)


def test_a_grant_does_not_give_a_capability_the_role_lacks(records):
    trainer = UserFactory(roles=[Role.TRAINER])
    _grant(records["ch"], trainer.organisation)
    assert not can_view_record(trainer, records["ch"], VIEW)
    assert _visible(trainer) == set()


def test_reach_lists_each_capability_with_its_scopes():
    user = UserFactory(roles=[Role.CASE_WORKER])
    role_assign(user=user, role=Role.TRAINER)
    with translation.override("en"):
        reach = {line.capability: line.scopes for line in reach_of(user)}
    assert reach[Capability.VIEW_CASES] == ("Savannakhet",)
    assert reach[Capability.MANAGE_TRAINING] == ("National",)
    assert Capability.MANAGE_TRAINING in reach
    assert Capability.MANAGE_USERS not in reach
    assert has_capability(user, Capability.MANAGE_TRAINING)


def test_a_national_role_sees_every_province_even_with_grants_present(records):
    worker = UserFactory(roles=[])
    from pokpong.accounts.services import role_assign as assign

    assign(user=worker, role=Role.CASE_WORKER)  # national scope
    _grant(records["ch"], worker.organisation)
    assert {records["sv"].pk, records["sv_other_district"].pk, records["ch"].pk} <= _visible(worker)


# --- programme management and coordination -------------------------------------------------


def _programme_user(role: str, iso: str | None):
    place = Province.objects.get(iso_code=iso) if iso else None
    user = UserFactory(organisation=OrganisationFactory(province=place))
    role_assign(user=user, role=role, province=place)
    return user


@pytest.mark.django_db
def test_programme_records_national_roles_all_a_manager_the_province_others_none():
    from pokpong.accounts.policy import can_manage_programme_in, programme_records_visible_to

    sv, ch = Province.objects.get(iso_code="LA-SV"), Province.objects.get(iso_code="LA-CH")
    national = _programme_user(Role.NATIONAL_SECRETARIAT, None)
    me = _programme_user(Role.ME_OFFICER, None)
    manager = _programme_user(Role.PROVINCIAL_MANAGER, "LA-SV")
    worker = _programme_user(Role.CASE_WORKER, "LA-SV")
    records = Organisation.objects.filter(province__in=[sv, ch]) | Organisation.objects.filter(
        province__isnull=True
    )
    assert programme_records_visible_to(national, records).count() == records.count()
    assert set(programme_records_visible_to(manager, records)) == set(records.filter(province=sv))
    assert not programme_records_visible_to(worker, records).exists()
    for user in (national, me):
        assert can_manage_programme_in(user, province_id=None)
        assert can_manage_programme_in(user, province_id=ch.pk)
    assert can_manage_programme_in(manager, province_id=sv.pk)
    assert not can_manage_programme_in(manager, province_id=ch.pk)
    assert not can_manage_programme_in(manager, province_id=None)
    assert not can_manage_programme_in(worker, province_id=sv.pk)


@pytest.mark.django_db
def test_the_budget_is_kept_by_national_secretariat_and_me_officers_only():
    from pokpong.accounts.policy import can_manage_budget

    assert can_manage_budget(_programme_user(Role.NATIONAL_SECRETARIAT, None))
    assert can_manage_budget(_programme_user(Role.ME_OFFICER, None))
    assert not can_manage_budget(_programme_user(Role.PROVINCIAL_MANAGER, "LA-SV"))
    # a role that holds the budget over one province only does not keep the whole budget
    assert not can_manage_budget(_programme_user(Role.ME_OFFICER, "LA-SV"))


@pytest.mark.django_db
def test_an_action_is_followed_up_by_its_owner_or_its_committees_managers():
    from types import SimpleNamespace

    from pokpong.accounts.policy import action_owner_roles, can_follow_up_action

    sv = Province.objects.get(iso_code="LA-SV")
    owner = _programme_user(Role.POLICE_OFFICER, "LA-SV")
    action = SimpleNamespace(owner_id=owner.pk, committee_province_id=sv.pk)
    assert can_follow_up_action(owner, action)
    assert can_follow_up_action(_programme_user(Role.PROVINCIAL_MANAGER, "LA-SV"), action)
    assert not can_follow_up_action(_programme_user(Role.PROVINCIAL_MANAGER, "LA-CH"), action)
    assert not can_follow_up_action(_programme_user(Role.CASE_WORKER, "LA-SV"), action)
    assert Role.ADMINISTRATOR not in action_owner_roles()
    assert Role.POLICE_OFFICER in action_owner_roles()
