"""Every list and detail page costs the same number of queries with 2 records as with 20 (issue
20): no query per row (N+1). Tests, not timings: the count is compared, never a duration.

Each row of PAGES names a page, the role that reads it, and how to make `n` more of the records
it shows (on a list: rows; on a detail page: what the record holds — notes, documents, members).
The page is rendered once to warm the caches, then with 2 records, then with 20.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pokpong.accounts.models import Role, User
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases.models import Case, CasePlan
from pokpong.cases.tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    CasePlanFactory,
    NeedFactory,
    PlanActionFactory,
)
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.people.models import ArrivalGroup, Person
from pokpong.people.tests.factories import (
    ArrivalGroupFactory,
    IdentityDocumentFactory,
    PersonAliasFactory,
    PersonFactory,
)
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    HotlineCallFactory,
    RiskAssessmentFactory,
)
from pokpong.referrals.tests.factories import ServiceOfferFactory
from pokpong.training.models import TrainingSession
from pokpong.training.tests.factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@dataclass
class Scene:
    """What one page needs: its reader, and the record a detail page shows."""

    user: User
    record: Any = None


# --- the readers -------------------------------------------------------------------------------


def _reader(role: str, *, national: bool = False) -> User:
    if national:  # a national office, its role over the whole country
        user = UserFactory(organisation=OrganisationFactory(province=None))
        role_assign(user=user, role=role)
    else:
        user = UserFactory(roles=[role])
    return with_totp(user) if role in MFA_REQUIRED_ROLES else user


def _plan(case: Case) -> CasePlan:
    return CasePlan.objects.filter(case=case).first() or CasePlanFactory(case=case)


def _persons(scene: Scene, n: int) -> None:
    office = scene.record or UserFactory(roles=[Role.CASE_WORKER])  # the registering office
    for _ in range(n):
        PersonFactory(registered_by=office)


def _cases(scene: Scene, n: int) -> None:
    office = scene.record or UserFactory(roles=[Role.CASE_WORKER])
    for _ in range(n):
        case = CaseFactory(person=PersonFactory(registered_by=office))
        PlanActionFactory(plan=_plan(case), due_on=dt.date(2020, 1, 1))  # overdue: flagged
        case.team.add(office)


def _workers_cases(scene: Scene, n: int) -> None:
    """Cases of n case workers (the caseload page has a row per worker)."""
    for _ in range(n):
        worker = UserFactory(roles=[Role.CASE_WORKER])
        CaseFactory(person=PersonFactory(registered_by=worker))


def _groups(scene: Scene, n: int) -> None:
    for _ in range(n):
        group = ArrivalGroupFactory(created_by=scene.user)
        PersonFactory(registered_by=scene.user, arrival_group=group)


def _group_members(scene: Scene, n: int) -> None:
    for _ in range(n):
        PersonFactory(registered_by=scene.user, arrival_group=scene.record)


def _person_parts(scene: Scene, n: int) -> None:
    for _ in range(n):
        PersonAliasFactory(person=scene.record)
        IdentityDocumentFactory(person=scene.record)


def _case_parts(scene: Scene, n: int) -> None:
    case = scene.record
    plan = _plan(case)
    for _ in range(n):
        CaseNoteFactory(case=case, author=scene.user)
        need = NeedFactory(case=case)
        PlanActionFactory(plan=plan, need=need)


def _activities(scene: Scene, n: int) -> None:
    for _ in range(n):
        AwarenessActivityFactory(recorded_by=scene.user)


def _assessments(scene: Scene, n: int) -> None:
    for _ in range(n):
        RiskAssessmentFactory(assessed_by=scene.user)


def _calls(scene: Scene, n: int) -> None:
    for _ in range(n):
        HotlineCallFactory(taken_by=scene.user)


def _sessions(scene: Scene, n: int) -> None:
    for _ in range(n):
        EnrolmentFactory(session=TrainingSessionFactory(created_by=scene.user))


def _enrolments(scene: Scene, n: int) -> None:
    for _ in range(n):
        EnrolmentFactory(session=scene.record)


def _audit_entries(scene: Scene, n: int) -> None:
    person = PersonFactory()
    for _ in range(n):
        audit_record(action=AuditAction.VIEW, obj=person, actor=scene.user)


def _users(scene: Scene, n: int) -> None:
    for _ in range(n):
        UserFactory(roles=[Role.CASE_WORKER], organisation=scene.user.organisation)


# --- the scenes --------------------------------------------------------------------------------


def _worker() -> Scene:
    user = _reader(Role.CASE_WORKER)
    return Scene(user, record=user)  # registers in its own office: the records are its own


def _colleague_of_province() -> Scene:
    """A provincial manager: sees the records of another office of the same province."""
    return Scene(_reader(Role.PROVINCIAL_MANAGER))


def _national() -> Scene:
    """A case worker of a national office, over the whole country (bench.case_worker.national)."""
    return Scene(_reader(Role.CASE_WORKER, national=True))


def _role(role: str, *, national: bool = False) -> Callable[[], Scene]:
    return lambda: Scene(_reader(role, national=national))


def _with_group() -> Scene:
    scene = _worker()
    scene.record = ArrivalGroupFactory(created_by=scene.user)
    return scene


def _with_person() -> Scene:
    scene = _worker()
    scene.record = PersonFactory(registered_by=scene.user)
    return scene


def _with_case() -> Scene:
    scene = _worker()
    scene.record = CaseFactory(person=PersonFactory(registered_by=scene.user))
    return scene


def _with_session() -> Scene:
    scene = Scene(_reader(Role.TRAINER))
    scene.record = TrainingSessionFactory(created_by=scene.user)
    return scene


def _with_offer() -> Scene:
    scene = _worker()
    scene.record = ServiceOfferFactory()
    return scene


def _url(name: str) -> Callable[[Scene], str]:
    return lambda scene: reverse(name)


def _detail(name: str) -> Callable[[Scene], str]:
    return lambda scene: reverse(name, args=[scene.record.pk])


def _offer_refer(scene: Scene) -> str:
    return reverse("referrals:offer_refer") + f"?offer={scene.record.pk}"


def _in_office(make: Callable[[Scene, int], None]) -> Callable[[Scene, int], None]:
    """Records of the reader's own office (a case worker sees its own office's records)."""

    def made(scene: Scene, n: int) -> None:
        make(Scene(scene.user, record=scene.user), n)

    return made


def _offer_cases(scene: Scene, n: int) -> None:
    _cases(Scene(scene.user, record=scene.user), n)


PAGES: list[
    tuple[str, Callable[[], Scene], Callable[[Scene], str], Callable[[Scene, int], None]]
] = [
    # lists
    ("person list, case worker", _worker, _url("people:list"), _persons),
    ("person list, provincial manager", _colleague_of_province, _url("people:list"), _persons),
    ("person list, national", _national, _url("people:list"), _persons),
    ("case list, case worker", _worker, _url("cases:case_list"), _cases),
    ("case list, provincial manager", _colleague_of_province, _url("cases:case_list"), _cases),
    ("case list, national", _national, _url("cases:case_list"), _cases),
    ("caseload, provincial manager", _colleague_of_province, _url("desk:caseload"), _workers_cases),
    ("arrival groups", _worker, _url("people:group_list"), _groups),
    ("activities", _role(Role.PREVENTION_OFFICER), _url("prevention:activity_list"), _activities),
    (
        "risk assessments",
        _role(Role.PREVENTION_OFFICER),
        _url("prevention:assessment_list"),
        _assessments,
    ),
    ("hotline calls", _role(Role.HOTLINE_COUNSELLOR), _url("prevention:call_list"), _calls),
    ("training sessions", _role(Role.TRAINER), _url("training:session_list"), _sessions),
    (
        "audit trail",
        _role(Role.NATIONAL_SECRETARIAT, national=True),
        _url("desk:audit_list"),
        _audit_entries,
    ),
    ("users", _role(Role.ADMINISTRATOR), _url("accounts:user_list"), _users),
    ("cases to refer", _with_offer, _offer_refer, _offer_cases),
    # detail pages: what the record holds grows
    ("person page", _with_person, _detail("people:detail"), _person_parts),
    ("case page", _with_case, _detail("cases:case_detail"), _case_parts),
    ("arrival group page", _with_group, _detail("people:group_detail"), _group_members),
    ("training session page", _with_session, _detail("training:session_detail"), _enrolments),
]


def _queries(client: Client, url: str) -> tuple[int, list[str]]:
    count, sql, _size = _measured(client, url)
    return count, sql


def _measured(client: Client, url: str) -> tuple[int, list[str], int]:
    """Queries, their SQL, and the size of the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), [q["sql"] for q in captured.captured_queries], len(response.content)


@pytest.mark.parametrize(
    ("scene_of", "url_of", "make"),
    [pytest.param(*row[1:], id=row[0]) for row in PAGES],
)
def test_a_page_costs_the_same_queries_with_2_and_20_records(client, scene_of, url_of, make):
    OrganisationFactory()  # another office, so scope filters are not trivially everything
    scene = scene_of()
    client.force_login(scene.user)
    url = url_of(scene)
    client.get(url)  # warm the caches (reference data, the session)
    make(scene, 2)
    few, _sql, small = _measured(client, url)
    make(scene, 18)
    many, sql, large = _measured(client, url)
    assert many == few, "\n".join(sql)
    assert large > small + 1000  # the page shows the records made (the count means something)


def test_the_lists_show_what_was_made(client):
    """The scenes put their records where the reader sees them (the counts above mean something)."""
    scene = _worker()
    client.force_login(scene.user)
    _persons(scene, 3)
    _cases(scene, 2)
    persons = client.get(reverse("people:list")).content.decode()
    cases = client.get(reverse("cases:case_list")).content.decode()
    for person in Person.objects.all():
        assert persons.count(reverse("people:detail", args=[person.pk])) == 1
    for case in Case.objects.all():
        assert cases.count(reverse("cases:case_detail", args=[case.pk])) == 1
    assert Person.objects.count() == 5 and Case.objects.count() == 2
    assert ArrivalGroup.objects.count() == 0 and TrainingSession.objects.count() == 0


def test_deep_pages_cost_what_the_first_does(client):
    """A page reached by cursor is one keyset query, as cheap in queries as the first."""
    scene = _worker()
    client.force_login(scene.user)
    _cases(scene, 60)
    url = reverse("cases:case_list")
    page = client.get(url)  # warm the caches, the session
    cursor = page.context["page"].next_query
    first, _sql = _queries(client, url)
    deep, sql = _queries(client, f"{url}?{cursor}")
    assert deep == first, "\n".join(sql)
    assert not any("OFFSET" in q.upper() for q in sql)
