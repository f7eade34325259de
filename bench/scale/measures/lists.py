"""Measure 2 of issue 20: the scoped case list and person list (filters, sort, first page and a
deep page reached by cursor).

Two rows per question:
- "view": the whole server side of the page — `django.test.Client` with the bench user signed
  in (`force_login`): middleware, session, policy, the keyset page query, the audit entries the
  page writes, template rendering. Target p95 ≤ 50 ms. Its ratio to the raw SQL is printed for
  information (a page is more than its query).
- "query": the page's own query as the view builds it (selector, filters, the shared keyset
  paginator's cursor condition), run and read through the ORM (names decrypted), against the
  best hand-written SQL for the same rows (row-value keyset on the same index), measured in the
  same run. Target ratio ≤ 1.5.

Nothing is written: every measure runs in one transaction rolled back at the end (the sessions,
the audit entries of the pages), so the shared bench database stays as the generator left it.

Users: `bench.case_worker.<ISO>` (e.g. VT) and `bench.case_worker.national` from the generator;
without them, any active user holding the case worker role with a province scope, and any with a
national scope for viewing cases (else the national rows are skipped, with a note).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from bench.scale.harness import Context, Result, explain, queryset_sql, sql_timed, timed
from pokpong.accounts.models import Role, RoleAssignment, ScopeLevel, User
from pokpong.accounts.policy import ROLE_CAPABILITIES, Capability
from pokpong.core.pagination import CURSOR, beyond, keyset_page, order_of, read_cursor

DEEP = 50  # the page reached by following "Next" 49 times
PER_PAGE = 25
TARGET_MS = 50.0
MAX_RATIO = 1.5
PROVINCES = ["VT", "SV", "CH", "LP", "XA"]  # tried in this order for the provincial user


@dataclass
class Question:
    label: str
    kind: str  # "case" | "person"
    user: User
    params: dict[str, str] = field(default_factory=dict)
    deep: bool = False


def _with_role(role: str, scope: str) -> User | None:
    found = (
        RoleAssignment.objects.filter(role=role, scope=scope, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return found.user if found else None


def _users() -> tuple[User | None, User | None, list[str]]:
    notes = []
    provincial = User.objects.filter(
        username__in=[f"bench.case_worker.{iso}" for iso in PROVINCES], is_active=True
    ).first() or _with_role(Role.CASE_WORKER, ScopeLevel.PROVINCE)
    national = User.objects.filter(username="bench.case_worker.national", is_active=True).first()
    if national is None:
        for role, capabilities in ROLE_CAPABILITIES.items():
            if Capability.VIEW_CASES in capabilities:
                national = national or _with_role(role, ScopeLevel.NATIONAL)
    if provincial is None:
        notes.append("no provincial case worker in the database: provincial rows skipped")
    if national is None:
        notes.append("no user sees cases nationally: national rows skipped")
    return provincial, national, notes


def _province_of(user: User) -> int | None:
    scope = user.role_assignments.filter(role=Role.CASE_WORKER, scope=ScopeLevel.PROVINCE).first()
    return scope.province_id if scope else None


def _request(user: User, params: dict[str, str]) -> Any:
    request = RequestFactory().get("/", params)
    request.user = user
    return request


def _queryset(question: Question) -> Any:
    """The queryset the view pages through, for these parameters."""
    request = _request(question.user, question.params)
    if question.kind == "case":
        from pokpong.cases import selectors
        from pokpong.cases.forms_case import CaseFilterForm

        form = CaseFilterForm(question.params or None)
        filters = form.cleaned_data if form.is_valid() else {}
        return selectors.case_list_for_user(user=question.user, filters=filters)
    from pokpong.people import selectors as people
    from pokpong.people.filters import PersonFilterForm
    from pokpong.people.views import _listed

    groups = people.arrival_group_list_for_user(user=question.user)
    listed, _alphabetical = _listed(request, PersonFilterForm(question.params, groups=groups))
    return listed


def _cursor(question: Question) -> str | None:
    """The cursor of page DEEP, reached by following Next as a reader would."""
    queryset = _queryset(question)
    params = dict(question.params)
    for _ in range(DEEP - 1):
        page = keyset_page(_request(question.user, params), queryset, per_page=PER_PAGE)
        if not page.has_next:
            return None
        params = {key: values[-1] for key, values in parse_qs(page.next_query).items()}
    return params.get(CURSOR)


def _page_query(question: Question, cursor: str | None) -> Any:
    """The page's own query (what keyset_page runs), for timing and EXPLAIN."""
    queryset = _queryset(question)
    order = order_of(queryset)
    read = read_cursor(cursor, order)
    rows = queryset
    if read is not None:
        rows = rows.filter(beyond(order, read[1], forward=True))
    ordering = [("-" if desc else "") + key for key, desc in order]
    return rows.order_by(*ordering)[: PER_PAGE + 1]


CASE_SQL = """
SELECT c.id, c.number, c.status, c.risk_level, c.created_at,
       p.given_name_lo, p.family_name_lo, p.given_name_latin, p.family_name_latin, p.code,
       u.display_name_lo, u.first_name, u.last_name,
       EXISTS (SELECT 1 FROM cases_planaction a JOIN cases_caseplan pl ON pl.id = a.plan_id
               WHERE pl.case_id = c.id AND a.voided_at IS NULL AND a.due_on < %s
                 AND a.status IN ('planned', 'in_progress')) AS has_overdue
FROM cases_case c
JOIN people_person p ON p.id = c.person_id
LEFT JOIN accounts_user u ON u.id = c.caseworker_id
WHERE {where}
ORDER BY c.{key} DESC, c.id DESC
LIMIT %s
"""

PERSON_SQL = """
SELECT p.id, p.code, p.given_name_lo, p.family_name_lo, p.given_name_latin,
       p.family_name_latin, p.sex, p.birth_year, pr.name_lo, pr.name_en
FROM people_person p
LEFT JOIN places_province pr ON pr.id = p.province_id
WHERE {where}
ORDER BY p.created_at DESC, p.id DESC
LIMIT %s
"""


def _raw_sql(question: Question, cursor: str | None) -> tuple[str, list[Any]]:
    """The best hand-written SQL for the same rows: the scope, the filter, a row-value keyset."""
    where: list[str] = []
    params: list[Any] = []
    province = _province_of(question.user)
    alias = "c" if question.kind == "case" else "p"
    key = "updated_at" if question.params.get("sort") == "updated" else "created_at"
    if question.kind == "case":
        params.append(timezone.localdate())
        if province is not None:
            where.append("c.province_id = %s")
            params.append(province)
        if question.params.get("status"):
            where.append("c.status = %s")
            params.append(question.params["status"])
    else:
        where.append("p.merged_into_id IS NULL")
        if province is not None:
            where.append("(p.province_id = %s OR p.organisation_id = %s)")
            params += [province, question.user.organisation_id]
        if question.params.get("sex"):
            where.append("p.sex = %s")
            params.append(question.params["sex"])
    if cursor:
        read = read_cursor(cursor, order_of(_queryset(question)))
        if read is not None:
            where.append(f"({alias}.{key}, {alias}.id) < (%s, %s)")
            params += list(read[1])
    template = CASE_SQL if question.kind == "case" else PERSON_SQL
    sql = template.format(where=" AND ".join(where) or "TRUE", key=key)
    return sql, [*params, PER_PAGE + 1]


def _same_rows(question: Question, cursor: str | None) -> bool:
    orm = [row.pk for row in _page_query(question, cursor)]
    sql, params = _raw_sql(question, cursor)
    with connection.cursor() as db:
        db.execute(sql, params)
        raw = [row[0] for row in db.fetchall()]
    return orm == raw


def _url(question: Question, cursor: str | None) -> str:
    name = "cases:case_list" if question.kind == "case" else "people:list"
    params = {**question.params, **({CURSOR: cursor} if cursor else {})}
    return reverse(name) + ("?" + urlencode(params) if params else "")


_CLIENTS: dict[int, Client] = {}


def _client(user: User) -> Client:
    """One signed-in client per bench user (as a reader keeps one session)."""
    if user.pk not in _CLIENTS:
        _CLIENTS[user.pk] = Client()
        _CLIENTS[user.pk].force_login(user)
    return _CLIENTS[user.pk]


def _measure(question: Question, ctx: Context) -> list[Result]:
    cursor = _cursor(question) if question.deep else None
    if question.deep and cursor is None:
        return [Result(measure=f"2. {question.label}", note=f"fewer than {DEEP} pages: skipped")]
    client = _client(question.user)
    url = _url(question, cursor)
    status = client.get(url).status_code
    sql, params = _raw_sql(question, cursor)
    sql_samples = sql_timed(sql, params, repeat=ctx.repeat)
    view = timed(lambda: client.get(url), ctx.repeat)
    page_query = _page_query(question, cursor)  # built once; each call runs and reads it
    page_sql, page_params = queryset_sql(page_query)
    query = timed(lambda: list(page_query.all()), ctx.repeat)
    same = _same_rows(question, cursor)
    return [
        Result(
            measure=f"2. {question.label}: view",
            samples_ms=view,
            target="p95 ≤ 50 ms (server side)",
            target_ms=TARGET_MS,
            sql_samples_ms=sql_samples,
            note=f"HTTP {status}; {url}",
        ),
        Result(
            measure=f"2. {question.label}: query",
            samples_ms=query,
            target="ratio ≤ 1.5",
            sql_samples_ms=sql_samples,
            max_ratio=MAX_RATIO,
            note=("same rows as the raw SQL" if same else "**rows differ from the raw SQL**"),
            explain=explain(page_sql, page_params),
        ),
    ]


def _questions() -> tuple[list[Question], list[str]]:
    provincial, national, notes = _users()
    questions: list[Question] = []
    for who, user in (("provincial", provincial), ("national", national)):
        if user is None:
            continue
        tag = f"{who} ({user.username})"
        questions += [
            Question(f"case list, first page, {tag}", "case", user),
            Question(
                f"case list, status active, sort last changed, {tag}",
                "case",
                user,
                {"status": "active", "sort": "updated"},
            ),
            Question(f"case list, page {DEEP} by cursor, {tag}", "case", user, deep=True),
            Question(f"person list, first page, {tag}", "person", user),
            Question(f"person list, women, {tag}", "person", user, {"sex": "female"}),
            Question(f"person list, page {DEEP} by cursor, {tag}", "person", user, deep=True),
        ]
    return questions, notes


def run(ctx: Context) -> list[Result]:
    results: list[Result] = []
    with transaction.atomic():  # nothing the pages write stays (sessions, audit entries)
        questions, notes = _questions()
        for question in questions:
            results += _measure(question, ctx)
        transaction.set_rollback(True)
    _CLIENTS.clear()  # their sessions were rolled back
    if notes:
        results.append(Result(measure="2. lists: users", note="; ".join(notes)))
    stamp = dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds")
    results[0].note += f" (measured {stamp})" if results else ""
    return results
