"""Separation of duties: nobody changes their own roles; a scoped administrator manages only users
whose every role lies in their scope; the audit trail is read within the reader's scope."""

from dataclasses import replace

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role, RoleAssignment
from pokpong.accounts.policy import users_manageable_by
from pokpong.accounts.services import UserDetails, role_assign, user_update
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.core.audit import audit_context
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
ACTIONS = ["user_password_reset", "user_unlock", "user_mfa_reset", "user_sessions_end"]


def _province(iso: str) -> Province:
    return Province.objects.get(iso_code=iso)


def _office(iso: str):
    return OrganisationFactory(province=_province(iso))


@pytest.fixture
def sv_admin():
    """An administrator whose role covers Savannakhet only."""
    admin = UserFactory(username="admin.sv", organisation=_office("LA-SV"))
    role_assign(user=admin, role=Role.ADMINISTRATOR, province=_province("LA-SV"))
    return with_totp(admin)


def _assert_out_of_reach(client, target) -> None:
    pk = target.pk
    assert client.get(reverse("accounts:user_detail", args=[pk])).status_code == 404
    for name in [*ACTIONS, "user_role_add"]:
        assert client.post(reverse(f"accounts:{name}", args=[pk])).status_code == 404, name
    assignment = target.role_assignments.first()
    if assignment is not None:
        url = reverse("accounts:user_role_remove", args=[pk, assignment.pk])
        assert client.post(url).status_code == 404
    target.refresh_from_db()
    assert not target.must_change_password
    assert target.username not in client.get(reverse("accounts:user_list")).content.decode()


@pytest.mark.parametrize("admin_fixture", ["administrator", "sv_admin"])
def test_no_administrator_can_reach_their_own_account(client, request, admin_fixture):
    admin = request.getfixturevalue(admin_fixture)
    client.force_login(admin)
    client.post(
        reverse("accounts:user_role_add", args=[admin.pk]),
        {"role": Role.CASE_WORKER, "province": _province("LA-SV").pk},
    )
    assert not RoleAssignment.objects.filter(user=admin, role=Role.CASE_WORKER).exists()
    _assert_out_of_reach(client, admin)


def test_a_provincial_administrator_cannot_reach_a_holder_of_a_national_role(client, sv_admin):
    secretary = UserFactory(organisation=_office("LA-SV"))
    role_assign(user=secretary, role=Role.NATIONAL_SECRETARIAT)
    client.force_login(sv_admin)
    _assert_out_of_reach(client, secretary)
    assert secretary.role_assignments.count() == 1


def test_a_provincial_administrator_cannot_reach_a_holder_of_a_role_in_another_province(
    client, sv_admin
):
    worker = UserFactory(organisation=_office("LA-SV"), roles=[Role.CASE_WORKER])
    role_assign(user=worker, role=Role.CASE_WORKER, province=_province("LA-CH"))
    client.force_login(sv_admin)
    _assert_out_of_reach(client, worker)


def test_a_provincial_administrator_manages_users_whose_every_role_is_in_their_province(
    client, sv_admin
):
    worker = UserFactory(organisation=_office("LA-SV"), roles=[Role.CASE_WORKER])
    newcomer = UserFactory(organisation=_office("LA-SV"))
    assert set(users_manageable_by(sv_admin)) == {worker, newcomer}
    client.force_login(sv_admin)
    assert client.get(reverse("accounts:user_detail", args=[worker.pk])).status_code == 200
    client.post(
        reverse("accounts:user_role_add", args=[newcomer.pk]),
        {"role": Role.PREVENTION_OFFICER, "province": _province("LA-SV").pk},
    )
    assert newcomer.role_assignments.filter(role=Role.PREVENTION_OFFICER).exists()


def test_a_national_administrator_manages_every_other_user(client, administrator):
    secretary = UserFactory(organisation=_office("LA-CH"))
    role_assign(user=secretary, role=Role.NATIONAL_SECRETARIAT)
    client.force_login(administrator)
    assert client.get(reverse("accounts:user_detail", args=[secretary.pk])).status_code == 200
    assert administrator not in users_manageable_by(administrator)


# The audit trail


def _entry_by(actor, label: str) -> AuditEntry:
    from pokpong.core.audit import audit_record

    with audit_context(actor=actor):
        return audit_record(action=AuditAction.EXPORT, object_type="probe", object_id=label)


def _seen(client) -> set[str]:
    page = client.get(reverse("desk:audit_list"), {"action": AuditAction.EXPORT})
    assert page.status_code == 200
    return {e.object_id for e in page.context["page"]}


def test_a_provincial_auditor_reads_only_the_trail_of_their_province(client):
    auditor = with_totp(UserFactory(organisation=_office("LA-SV")))
    role_assign(user=auditor, role=Role.NATIONAL_SECRETARIAT, province=_province("LA-SV"))
    sv_worker = UserFactory(organisation=_office("LA-SV"))
    ch_worker = UserFactory(organisation=_office("LA-CH"))
    _entry_by(sv_worker, "sv")
    _entry_by(ch_worker, "ch")
    _entry_by(None, "system")
    with audit_context(actor=None):
        user_update(user=ch_worker, details=replace(UserDetails.of(ch_worker), first_name="Khamla"))
        user_update(user=sv_worker, details=replace(UserDetails.of(sv_worker), first_name="Khamla"))
    client.force_login(auditor)
    assert _seen(client) == {"sv"}
    about = {
        e.object_id
        for e in client.get(reverse("desk:audit_list"), {"action": AuditAction.UPDATE}).context[
            "page"
        ]
    }
    assert str(sv_worker.pk) in about
    assert str(ch_worker.pk) not in about


def test_a_national_auditor_reads_the_whole_trail(client):
    auditor = with_totp(UserFactory(organisation=_office("LA-VT")))
    role_assign(user=auditor, role=Role.NATIONAL_SECRETARIAT)
    _entry_by(UserFactory(organisation=_office("LA-CH")), "ch")
    _entry_by(None, "system")
    client.force_login(auditor)
    assert _seen(client) == {"ch", "system"}
