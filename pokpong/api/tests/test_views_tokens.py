"""The token pages: a user's own tokens, an administrator's integration tokens."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.policy import is_service_account, users_manageable_by
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.api.models import ApiToken, TokenKind
from pokpong.api.services import token_hash
from pokpong.api.tests.factories import personal_token
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province

pytestmark = pytest.mark.django_db
IN_30_DAYS = (timezone.localdate() + dt.timedelta(days=30)).isoformat()


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("tokens:create"), {"name": "tablet", "access": "read", "expires_on": IN_30_DAYS}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.encode() in response.content
    assert token.secret_hash == token_hash(secret)
    assert token.user == caseworker and token.kind == TokenKind.PERSONAL
    listed = client.get(reverse("tokens:list"))
    assert b"tablet" in listed.content
    assert secret.encode() not in listed.content
    assert token.prefix.encode() in listed.content


def test_a_token_cannot_outlive_a_year(client, caseworker):
    client.force_login(caseworker)
    far = (timezone.localdate() + dt.timedelta(days=400)).isoformat()
    response = client.post(
        reverse("tokens:create"), {"name": "tablet", "access": "read", "expires_on": far}
    )
    assert response.status_code == 200
    assert "secret" not in response.context
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_their_token_and_nobody_else_can(client, caseworker):
    new = personal_token(caseworker)
    colleague = UserFactory(organisation=caseworker.organisation, roles=[Role.CASE_WORKER])
    client.force_login(colleague)
    assert client.post(reverse("tokens:revoke", args=[new.token.pk])).status_code == 404
    client.force_login(caseworker)
    response = client.post(reverse("tokens:revoke", args=[new.token.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_a_user_without_a_role_has_no_token_pages(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("tokens:list")).status_code == 404
    assert client.get(reverse("tokens:create")).status_code == 404


def _integration(client, administrator, organisation, roles=(Role.CASE_WORKER,)):
    client.force_login(administrator)
    return client.post(
        reverse("tokens:integration_create"),
        {
            "name": "NGO case system",
            "organisation": organisation.pk,
            "roles": list(roles),
            "access": "read",
            "expires_on": IN_30_DAYS,
            "rate_per_minute": "120",
        },
    )


def test_an_integration_acts_as_a_service_account_with_the_chosen_roles(client, administrator):
    office = OrganisationFactory()
    person = PersonFactory(registered_by=UserFactory(organisation=office, roles=[Role.CASE_WORKER]))
    response = _integration(client, administrator, office)
    assert response.status_code == 200, response.context["form"].errors
    token = ApiToken.objects.get()
    account = token.user
    assert is_service_account(account)
    assert not account.has_usable_password()
    assert account.organisation == office
    assert set(account.role_assignments.values_list("role", "province")) == {
        (Role.CASE_WORKER, office.province_id)
    }
    assert account not in users_manageable_by(administrator)
    client.logout()
    api = client.get(
        reverse("api:persons_detail", args=[person.pk]),
        HTTP_AUTHORIZATION=f"Bearer {response.context['secret']}",
    )
    assert api.status_code == 200


def test_an_integration_never_works_as_an_administrator(client, administrator):
    response = _integration(
        client, administrator, OrganisationFactory(), roles=[Role.ADMINISTRATOR]
    )
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_provincial_administrator_makes_integrations_in_their_province_only(client):
    from pokpong.accounts.services import role_assign
    from pokpong.accounts.tests.factories import with_totp

    admin = with_totp(UserFactory(organisation=OrganisationFactory()))
    role_assign(user=admin, role=Role.ADMINISTRATOR, province=admin.organisation.province)
    elsewhere = OrganisationFactory(province=province(CHAMPASAK))
    response = _integration(client, admin, elsewhere)
    assert "organisation" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_an_integration_switches_its_service_account_off(client, administrator):
    _integration(client, administrator, OrganisationFactory())
    token = ApiToken.objects.get()
    response = client.post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not token.user.is_active


def test_a_service_account_cannot_sign_in(client, administrator):
    _integration(client, administrator, OrganisationFactory())
    account = ApiToken.objects.get().user
    client.logout()
    for password in ("", "anything at all"):
        client.post(reverse("account_login"), {"login": account.username, "password": password})
        assert "_auth_user_id" not in client.session
