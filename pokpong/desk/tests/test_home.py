"""The home page says who you are and what your roles reach."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_requires_sign_in(client):
    response = client.get(reverse("desk:home"))
    assert response.status_code == 302


def test_home_shows_name_organisation_province_and_reach_in_lao(client):
    user = UserFactory(roles=[Role.CASE_WORKER])
    client.force_login(user)
    html = client.get(reverse("desk:home")).content.decode()
    assert "ບຸນມີ ພົມມະຈັນ" in html
    assert user.organisation.name_lo in html
    assert "ສະຫວັນນະເຂດ" in html
    assert "Reference lists" not in html


def test_home_in_english_uses_latin_names(client):
    user = UserFactory(roles=[Role.CASE_WORKER], preferred_language="en")
    client.force_login(user)
    html = client.get(reverse("desk:home")).content.decode()
    assert "Bounmy Phommachanh" in html
    assert "Savannakhet" in html
    assert "Cases and persons" in html


def test_the_administrator_menu_offers_the_reference_lists(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("desk:home")).content.decode()
    assert reverse("desk:reference_index") in html


def test_a_user_without_roles_is_told_to_ask_for_one(client, outsider):
    outsider.preferred_language = "en"
    outsider.save()
    client.force_login(outsider)
    html = client.get(reverse("desk:home")).content.decode()
    assert "No role yet" in html


def test_the_health_check_answers_without_a_session(client):
    response = client.get(reverse("desk:health"))
    assert response.status_code == 200
    assert response.content == b"ok"
