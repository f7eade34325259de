"""The case factories make valid records, each held by the office that holds the person."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_view_case
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases import attachments
from pokpong.cases.services import consent_allows
from pokpong.cases.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CaseNoteFactory,
    ConsentFactory,
    FormOfTraffickingFactory,
    IdentificationFactory,
    NeedFactory,
    PlanActionFactory,
    ScreeningFactory,
)
from pokpong.people.tests.factories import AccessGrantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_case_is_valid_and_held_by_the_person_office_numbered_in_its_province():
    case = CaseFactory()
    case.full_clean()
    assert (case.organisation, case.province) == (case.person.organisation, case.person.province)
    assert case.number.startswith(case.province.short_code + "-")
    assert case.caseworker == case.opened_by == case.person.registered_by


@pytest.mark.parametrize("factory", [ScreeningFactory, IdentificationFactory, ConsentFactory])
def test_person_records_are_valid_and_made_by_the_person_office(factory):
    record = factory()
    record.full_clean()
    assert record.organisation == record.person.organisation


def test_a_consent_names_the_organisations_it_shares_with():
    shelter = OrganisationFactory()
    consent = ConsentFactory(share_with=[shelter])
    assert list(consent.share_with.all()) == [shelter]
    assert consent_allows(consent.person, purpose="share", organisation=shelter)
    assert not consent_allows(consent.person, purpose="share", organisation=OrganisationFactory())


def test_case_parts_are_valid_and_belong_to_the_case_office():
    case = CaseFactory(person=PersonFactory())
    need = NeedFactory(case=case)
    action = PlanActionFactory(plan__case=case)
    note = CaseNoteFactory(case=case)
    for record in (need, action.plan, action, note):
        record.full_clean()
    assert action.responsible_organisation == case.organisation
    assert note.organisation == case.organisation
    FormOfTraffickingFactory().full_clean()


def test_an_attachment_is_valid_and_its_file_is_stored():
    attachment = AttachmentFactory()
    attachment.full_clean()
    assert attachment.organisation == attachment.case.organisation
    assert attachment.is_image
    assert attachments.read(attachment.storage_name).startswith(b"\x89PNG")


def test_a_grant_shares_a_case_by_its_office_with_a_receiver_who_then_sees_it():
    case = CaseFactory()
    grant = AccessGrantFactory(record=case)
    grant.full_clean()
    assert grant.granted_by == case.opened_by
    receiver = UserFactory(organisation=grant.grantee_organisation, roles=[Role.SERVICE_PROVIDER])
    assert can_view_case(receiver, case)
