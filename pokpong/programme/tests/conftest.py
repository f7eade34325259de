"""The cast of the programme's tests: national roles, Savannakhet's manager, and outsiders."""

from pathlib import Path

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.places.tests.factories import CHAMPASAK, province


@pytest.fixture
def secretariat(db):
    office = OrganisationFactory(province=None, name_en="Department of Social Welfare")
    user = UserFactory(username="dsw", organisation=office, roles=[Role.NATIONAL_SECRETARIAT])
    return with_totp(user)


@pytest.fixture
def me_officer(db):
    office = OrganisationFactory(province=None, name_en="Partner NGO")
    return UserFactory(username="me", organisation=office, roles=[Role.ME_OFFICER])


@pytest.fixture
def manager(db):
    """Provincial manager of Savannakhet."""
    return with_totp(UserFactory(username="manager-sv", roles=[Role.PROVINCIAL_MANAGER]))


@pytest.fixture
def other_manager(db):
    """Provincial manager of Champasak."""
    office = OrganisationFactory(province=province(CHAMPASAK))
    user = UserFactory(username="manager-ch", organisation=office, roles=[Role.PROVINCIAL_MANAGER])
    return with_totp(user)


@pytest.fixture
def lao_with_pending(settings, tmp_path):
    """The Lao catalogue as it will be once locale/pending/programme.po is merged: the pending
    translations compiled in front of the catalogue (until the merge, they are not in the .mo)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    pending = Path(settings.BASE_DIR) / "locale" / "pending" / "programme.po"
    target = tmp_path / "locale" / "lo" / "LC_MESSAGES"
    target.mkdir(parents=True)
    if pending.exists():
        with pending.open("rb") as source, (target / "django.mo").open("wb") as compiled:
            write_mo(compiled, read_po(source, locale="lo"))
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]
