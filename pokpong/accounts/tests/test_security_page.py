"""'My account' offers the API tokens only to those the token pages serve."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("accounts:security"))
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_case_worker_finds_the_api_tokens_on_my_account(client):
    html = _page(client, with_totp(UserFactory(roles=[Role.CASE_WORKER])))
    assert 'href="/tokens/"' in html


def test_a_user_without_a_role_is_not_sent_to_a_page_that_would_refuse_them(client):
    html = _page(client, with_totp(UserFactory(roles=[])))
    assert 'href="/tokens/"' not in html
    assert reverse("account_change_password") in html
