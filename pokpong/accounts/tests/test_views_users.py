"""Administrators manage users and organisations of their own scope; nothing else leaks."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from pokpong.accounts.models import Role, RoleAssignment, User
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


def _without_csrf(html: bytes) -> str:
    """Only the masked CSRF token and the requested address may differ."""
    text = html.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    text = re.sub(r'name="next" value="[^"]+"', "", text)  # the address asked for
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def _province(iso: str) -> Province:
    return Province.objects.get(iso_code=iso)


@pytest.fixture
def champasak_admin():
    """An administrator whose role covers Champasak only."""
    admin = UserFactory(
        username="admin.ch", organisation=OrganisationFactory(province=_province("LA-CH"))
    )
    role_assign(user=admin, role=Role.ADMINISTRATOR, province=_province("LA-CH"))
    return with_totp(admin)


@pytest.fixture
def savannakhet_user():
    return UserFactory(username="souk.sv", roles=[Role.CASE_WORKER])  # factory: Savannakhet


def test_a_provincial_administrator_cannot_see_or_touch_users_of_another_province(
    client, champasak_admin, savannakhet_user
):
    client.force_login(champasak_admin)
    pk = savannakhet_user.pk
    assert client.get(reverse("accounts:user_detail", args=[pk])).status_code == 404
    for name in [
        "user_password_reset",
        "user_unlock",
        "user_mfa_reset",
        "user_sessions_end",
        "user_role_add",
    ]:
        assert client.post(reverse(f"accounts:{name}", args=[pk])).status_code == 404, name
    assert "souk.sv" not in client.get(reverse("accounts:user_list")).content.decode()
    savannakhet_user.refresh_from_db()
    assert not savannakhet_user.must_change_password


def test_a_missing_user_and_a_user_out_of_scope_answer_the_same(
    client, champasak_admin, savannakhet_user
):
    client.force_login(champasak_admin)
    missing = client.get(reverse("accounts:user_detail", args=[999999]))
    hidden = client.get(reverse("accounts:user_detail", args=[savannakhet_user.pk]))
    assert missing.status_code == hidden.status_code == 404
    assert _without_csrf(missing.content) == _without_csrf(hidden.content)


def test_a_provincial_administrator_cannot_give_roles_beyond_their_province(
    client, champasak_admin
):
    colleague = UserFactory(organisation=OrganisationFactory(province=_province("LA-CH")))
    client.force_login(champasak_admin)
    url = reverse("accounts:user_role_add", args=[colleague.pk])
    client.post(url, {"role": Role.CASE_WORKER, "province": _province("LA-SV").pk})
    client.post(url, {"role": Role.NATIONAL_SECRETARIAT})
    assert not colleague.role_assignments.exists()
    client.post(url, {"role": Role.CASE_WORKER, "province": _province("LA-CH").pk})
    assert colleague.role_assignments.get().province.iso_code == "LA-CH"


def test_a_provincial_administrator_cannot_see_organisations_of_another_province(
    client, champasak_admin
):
    other = OrganisationFactory(province=_province("LA-SV"))
    client.force_login(champasak_admin)
    assert client.get(reverse("accounts:organisation_edit", args=[other.pk])).status_code == 404


def test_creating_a_user_shows_a_temporary_password_once_and_forces_a_change(client, administrator):
    client.force_login(administrator)
    organisation = OrganisationFactory()
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "vilay",
            "first_name": "Vilay",
            "last_name": "Inthavong",
            "display_name_lo": "ວິໄລ ອິນທະວົງ",
            "email": "vilay@example.la",
            "organisation": organisation.pk,
            "preferred_language": "lo",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response.headers.get("Cache-Control", "")
    password = response.context["password"]
    user = User.objects.get(username="vilay")
    assert user.must_change_password
    assert user.check_password(password)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(user.pk))
    assert entry.actor == administrator
    assert entry.changes["password"] == "set"
    assert entry.changes["email"] == [None, "vilay@example.la"]


def test_resetting_a_password_forces_a_change_and_is_audited(
    client, administrator, savannakhet_user
):
    client.force_login(administrator)
    response = client.post(reverse("accounts:user_password_reset", args=[savannakhet_user.pk]))
    savannakhet_user.refresh_from_db()
    assert savannakhet_user.must_change_password
    assert savannakhet_user.check_password(response.context["password"])
    assert AuditEntry.objects.filter(
        action=AuditAction.PASSWORD_RESET, object_id=str(savannakhet_user.pk)
    ).exists()


def test_editing_a_user_records_old_and_new_values(client, administrator, savannakhet_user):
    client.force_login(administrator)
    client.post(
        reverse("accounts:user_detail", args=[savannakhet_user.pk]),
        {
            "username": "souk.sv",
            "first_name": "Souksavanh",
            "last_name": "Phommachanh",
            "display_name_lo": "ສຸກສະຫວັນ ພົມມະຈັນ",
            "email": "",
            "organisation": savannakhet_user.organisation.pk,
            "preferred_language": "lo",
            "is_active": "on",
        },
    )
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).latest("sequence")
    assert entry.changes["first_name"] == ["Bounmy", "Souksavanh"]
    assert "last_name" not in entry.changes


def test_giving_and_removing_a_role(client, administrator, savannakhet_user):
    client.force_login(administrator)
    client.post(
        reverse("accounts:user_role_add", args=[savannakhet_user.pk]),
        {"role": Role.TRAINER},
    )
    assignment = savannakhet_user.role_assignments.get(role=Role.TRAINER)
    assert assignment.scope == "national"
    client.post(reverse("accounts:user_role_remove", args=[savannakhet_user.pk, assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_resetting_two_factor_removes_the_authenticator(client, administrator):
    manager = with_totp(UserFactory(roles=[Role.PROVINCIAL_MANAGER]))
    client.force_login(administrator)
    client.post(reverse("accounts:user_mfa_reset", args=[manager.pk]))
    assert not Authenticator.objects.filter(user=manager).exists()
    assert AuditEntry.objects.filter(action=AuditAction.MFA_RESET).exists()


def test_administrators_cannot_reach_case_records():
    from pokpong.accounts.policy import Capability, has_capability

    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    assert not has_capability(admin, Capability.VIEW_CASES)
    assert not has_capability(admin, Capability.VIEW_REFERRALS)


def test_opening_a_users_page_is_recorded_as_a_view_of_personal_data(
    client, administrator, savannakhet_user
):
    client.force_login(administrator)
    client.get(reverse("accounts:user_detail", args=[savannakhet_user.pk]))
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_id=str(savannakhet_user.pk))
    assert entry.actor == administrator
    assert "email" in entry.extra["fields"]
