import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.exchange.tests.receiver import running_receiver
from pokpong.places.tests.factories import CHAMPASAK, province


@pytest.fixture
def receiver(settings):
    """The local receiver, with plain http and loopback addresses allowed (as nowhere else)."""
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = True
    settings.POKPONG_WEBHOOKS_ALLOW_HTTP = True
    with running_receiver() as running:
        yield running


@pytest.fixture
def shelter_org(db):
    return OrganisationFactory(name_en="New Hope Shelter")


@pytest.fixture
def shelter_admin(shelter_org):
    """An administrator over Savannakhet, where the shelter is."""
    from pokpong.accounts.services import role_assign

    user = UserFactory(username="shelter-admin", organisation=shelter_org)
    role_assign(user=user, role=Role.ADMINISTRATOR, province=shelter_org.province)
    return with_totp(user)


@pytest.fixture
def champasak_admin(db):
    """An administrator over Champasak only: the shelter of Savannakhet is not theirs."""
    from pokpong.accounts.services import role_assign

    office = OrganisationFactory(province=province(CHAMPASAK))
    user = UserFactory(username="champasak-admin", organisation=office)
    role_assign(user=user, role=Role.ADMINISTRATOR, province=office.province)
    return with_totp(user)
