"""Livelihood records and justice files through the API: the case's office reads them, a
receiver only the trainings it gives, justice files never through a referral; the same 404
outside; audited as a part of the person."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.api.tests.factories import bearer, personal_token
from pokpong.cases.tests.factories import CaseFactory, CasePlanFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.justice.tests.factories import JusticeFileFactory
from pokpong.livelihoods.tests.factories import (
    BusinessSupportFactory,
    LivelihoodAssessmentFactory,
    VocationalTrainingFactory,
)
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return UserFactory(username="noy", roles=[Role.CASE_WORKER])


def _ids(client, name, user):
    response = client.get(reverse(f"api:{name}_list"), **bearer(personal_token(user)))
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _status(client, name, user, pk):
    url = reverse(f"api:{name}_detail", kwargs={"pk": pk})
    return client.get(url, **bearer(personal_token(user))).status_code


def _case_of(user):
    return CaseFactory(person=PersonFactory(registered_by=user))


def test_the_office_reads_the_livelihood_part_of_its_cases(client, worker):
    case = _case_of(worker)
    assessment = LivelihoodAssessmentFactory(case=case, assessed_by=worker)
    business = BusinessSupportFactory(case=case, recorded_by=worker)
    assert _ids(client, "livelihood-assessments", worker) == {assessment.pk}
    assert _ids(client, "business-supports", worker) == {business.pk}


def test_another_office_gets_the_404_of_a_missing_record(client, worker):
    assessment = LivelihoodAssessmentFactory(case=_case_of(worker), assessed_by=worker)
    outsider = UserFactory(
        organisation=OrganisationFactory(province=province(CHAMPASAK)), roles=[Role.CASE_WORKER]
    )
    assert _ids(client, "livelihood-assessments", outsider) == set()
    assert _status(client, "livelihood-assessments", outsider, assessment.pk) == 404


def test_a_receiver_reads_only_the_trainings_it_gives(client, worker):
    referral = referred_case(office=worker, accepted=True)
    receiver = UserFactory(organisation=referral.to_organisation, roles=[Role.SERVICE_PROVIDER])
    theirs = VocationalTrainingFactory(
        case=referral.case, provider=referral.to_organisation, referral=referral
    )
    office_own = VocationalTrainingFactory(case=referral.case)
    assessment = LivelihoodAssessmentFactory(case=referral.case, assessed_by=worker)
    assert _ids(client, "vocational-trainings", receiver) == {theirs.pk}
    assert _ids(client, "vocational-trainings", worker) == {theirs.pk, office_own.pk}
    assert _status(client, "livelihood-assessments", receiver, assessment.pk) == 404


def test_justice_files_follow_their_stricter_rule(client, worker):
    shelter = OrganisationFactory(province=province(CHAMPASAK))
    referral = referred_case(office=worker, receiver=shelter, accepted=True)
    file = JusticeFileFactory(case=referral.case)
    police = UserFactory(organisation=worker.organisation, roles=[Role.POLICE_OFFICER])
    assert _ids(client, "justice-files", worker) == {file.pk}
    assert _ids(client, "justice-files", police) == {file.pk}
    # a case worker of the receiver holds justice rights, but sees the case through the
    # referral only: never its justice file
    receiving_worker = UserFactory(organisation=shelter, roles=[Role.CASE_WORKER])
    assert _ids(client, "justice-files", receiving_worker) == set()
    assert _status(client, "justice-files", receiving_worker, file.pk) == 404
    receiver = UserFactory(organisation=shelter, roles=[Role.SERVICE_PROVIDER])
    assert _status(client, "justice-files", receiver, file.pk) == 404


def test_a_justice_file_shown_is_audited_as_part_of_the_person(client, worker):
    file = JusticeFileFactory(case=_case_of(worker))
    token = personal_token(worker, name="court sync")
    client.get(reverse("api:justice-files_list"), **bearer(token))
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="justice.justicefile")
    assert entry.object_id == str(file.pk)
    assert entry.parent_id == str(file.case.person_id)
    assert entry.extra["via"] == f"api-token:court sync ({token.token.prefix})"


def test_a_case_plan_is_the_offices_never_a_receivers(client, worker):
    shelter = OrganisationFactory(province=province(CHAMPASAK))
    referral = referred_case(office=worker, receiver=shelter, accepted=True)
    plan = CasePlanFactory(case=referral.case)
    receiving_worker = UserFactory(organisation=shelter, roles=[Role.CASE_WORKER])
    assert _ids(client, "case-plans", worker) == {plan.pk}
    assert _ids(client, "case-plans", receiving_worker) == set()
    assert _status(client, "case-plans", receiving_worker, plan.pk) == 404
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="cases.caseplan")
    assert entry.parent_id == str(referral.case_id)
