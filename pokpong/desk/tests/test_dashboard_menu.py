"""The indicator dashboard is in the menu of the reporting roles only (in Lao: ຕົວຊີ້ວັດ)."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.desk.navigation import nav_items_for

pytestmark = pytest.mark.django_db


def _names(user):
    return [item.url_name for item in nav_items_for(user)]


def test_the_menu_shows_the_dashboard_to_reporting_roles_only(caseworker):
    national = OrganisationFactory(province=None)
    for role in (Role.ME_OFFICER, Role.NATIONAL_SECRETARIAT):
        assert "monitoring:dashboard" in _names(UserFactory(organisation=national, roles=[role]))
    manager = UserFactory(roles=[Role.PROVINCIAL_MANAGER])
    assert "monitoring:dashboard" in _names(manager)
    assert "monitoring:dashboard" not in _names(caseworker)
    # The M&E officer reads referrals on the dashboard; the office's report stays the workers'.
    me_officer = UserFactory(organisation=national, roles=[Role.ME_OFFICER])
    assert "referrals:report" not in _names(me_officer)
    assert "referrals:report" in _names(manager)


def test_the_menu_shows_the_data_exports_to_data_managers_and_case_offices_only(caseworker):
    national = OrganisationFactory(province=None)
    for role in (Role.ME_OFFICER, Role.NATIONAL_SECRETARIAT):
        assert "exchange:exports" in _names(UserFactory(organisation=national, roles=[role]))
    # the case offices ask for case files for a partner (HTCDS)
    assert "exchange:exports" in _names(caseworker)
    assert "exchange:exports" in _names(UserFactory(roles=[Role.PROVINCIAL_MANAGER]))
    assert "exchange:exports" not in _names(UserFactory(roles=[Role.POLICE_OFFICER]))
