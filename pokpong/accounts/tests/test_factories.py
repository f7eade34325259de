"""The account factories make valid organisations and users holding their roles in scope."""

import pytest

from pokpong.accounts.models import Role, ScopeLevel
from pokpong.accounts.tests.factories import (
    OrganisationFactory,
    OrganisationTypeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_an_organisation_type_and_an_organisation_are_valid():
    kind = OrganisationTypeFactory()
    kind.full_clean()
    office = OrganisationFactory(type=kind)
    office.full_clean()
    assert office.province.iso_code == "LA-SV"


def test_a_user_holds_a_provincial_role_in_the_office_province_and_a_national_one_nationally():
    user = UserFactory(roles=[Role.CASE_WORKER])
    user.full_clean()
    assignment = user.role_assignments.get()
    assert (assignment.scope, assignment.province) == (
        ScopeLevel.PROVINCE,
        user.organisation.province,
    )
    secretariat = UserFactory(roles=[Role.NATIONAL_SECRETARIAT]).role_assignments.get()
    assert (secretariat.scope, secretariat.province) == (ScopeLevel.NATIONAL, None)
