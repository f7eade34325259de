"""Schemathesis against the live schema: every operation, requests generated from the schema,
sent through the WSGI application with a read-write token of a case worker who holds records.
No answer may be a server error, and every answer must match the schema (status code, content
type, body, headers).

A few examples per operation in the normal run; `make fuzz-api` sets POKPONG_API_FUZZ_EXAMPLES
for the long run (docs/api.md) and prints how many requests were sent.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.api.models import ApiToken
from pokpong.api.tests.factories import personal_token
from pokpong.cases.tests.factories import (
    CaseFactory,
    CasePlanFactory,
    ConsentFactory,
    IdentificationFactory,
    ScreeningFactory,
)
from pokpong.justice.tests.factories import JusticeFileFactory
from pokpong.livelihoods.tests.factories import (
    BusinessSupportFactory,
    EmployerFactory,
    FinancialInclusionFactory,
    JobPlacementFactory,
    LivelihoodAssessmentFactory,
    VocationalTrainingFactory,
)
from pokpong.people.tests.factories import PersonFactory
from pokpong.prevention.tests.factories import AwarenessActivityFactory, HotlineCallFactory
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ServiceDeliveryFactory,
    referred_case,
)
from pokpong.training.tests.factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("POKPONG_API_FUZZ_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def wsgi_app():
    """The application as a server runs it; its requests stay in the test's transaction (as
    Django's test client keeps them: the connection is not closed after each request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers():
    # Roles for every resource: its records, and what each kind of record looks like.
    roles = [Role.CASE_WORKER, Role.TRAINER, Role.PREVENTION_OFFICER, Role.HOTLINE_COUNSELLOR]
    worker = UserFactory(username="fuzzer", roles=[*roles, Role.ME_OFFICER])
    for person in PersonFactory.create_batch(2, registered_by=worker):
        CaseFactory(person=person)
        ScreeningFactory(person=person)
        ConsentFactory(person=person)
        IdentificationFactory(person=person)
    referral = referred_case(office=worker, accepted=True)
    ServiceDeliveryFactory(referral=referral)
    FollowUpVisitFactory(case=referral.case, assigned_organisation=referral.to_organisation)
    case = referral.case
    JusticeFileFactory(case=case)
    CasePlanFactory(case=case)
    LivelihoodAssessmentFactory(case=case, assessed_by=worker)
    VocationalTrainingFactory(case=case)
    JobPlacementFactory(case=case, employer=EmployerFactory(province=case.province))
    BusinessSupportFactory(case=case, recorded_by=worker)
    FinancialInclusionFactory(case=case, recorded_by=worker)
    EnrolmentFactory(session=TrainingSessionFactory(created_by=worker))
    AwarenessActivityFactory(recorded_by=worker)
    HotlineCallFactory(taken_by=worker, organisation=worker.organisation)
    new = personal_token(worker, name="schemathesis")
    ApiToken.objects.filter(pk=new.token.pk).update(rate_per_minute=100_000)
    # identity: the WSGI test transport does not unpack what GZipMiddleware packs
    return {"Authorization": f"Bearer {new.secret}", "Accept-Encoding": "identity"}


def test_no_operation_answers_a_server_error_or_breaks_the_schema(wsgi_app, headers, request):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=headers)
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results)
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) >= 20
    sent = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
            deadline=None,
        )
        def run(case):
            nonlocal sent
            sent += 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # shown even though the test's output is captured
        reporter.write_line(f"schemathesis: {sent} requests to {len(operations)} operations")
    assert sent >= len(operations)
