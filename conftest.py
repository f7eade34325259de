"""Fixtures shared by the whole suite: a fixed cast of users for permission tests."""

import pytest
from hypothesis import settings as hypothesis_settings

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory, with_totp

PASSWORD = "correct horse battery staple"

# A shared, busy machine: no per-example deadline (timing belongs in bench/, not in tests).
hypothesis_settings.register_profile("pokpong", deadline=None)
hypothesis_settings.load_profile("pokpong")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests flush the database when they end: run them after all the others."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth remembers used two-factor codes in the cache: no test may see another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the work tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def caseworker(db):
    return UserFactory(username="caseworker", roles=[Role.CASE_WORKER])


@pytest.fixture
def administrator(db):
    return with_totp(UserFactory(username="administrator", roles=[Role.ADMINISTRATOR]))


@pytest.fixture
def outsider(db):
    """Signed in, but holding no role at all."""
    return UserFactory(username="outsider", organisation=None)
