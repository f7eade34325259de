"""Measure 4 of issue 20: the national indicator dashboard for one fiscal year.

- cold: the Django cache cleared before each call (and once after a write that invalidates: a
  bump of `cases.Identification` inside a transaction that is rolled back afterwards, so the
  shared database is left as it was);
- warm: the same call again (the engine's cache answers);
- for the national M&E officer (`bench.me_officer.national`, else any user holding the role
  nationally) and a provincial manager (`bench.provincial_manager.<ISO>`, else any);
- the baseline: hand-written GROUP BY queries for the same headline numbers (victims identified,
  referrals made, victims referred, people reached, survivors followed up) with their breakdown
  by province;
- the recount: the engine's totals (unsuppressed) against direct COUNT queries, printed as a
  line (and in the note of the cold national row).

The fiscal year is the last complete one (`--fy` is not a harness option: set
`ctx.extra["fiscal_year"] = "FY2026"` to choose another).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation

from bench.scale.harness import Context, Result, explain, sql_timed, timed
from pokpong.accounts.models import Role, RoleAssignment, ScopeLevel, User
from pokpong.monitoring import engine
from pokpong.monitoring.dashboard import dashboard_for, filters_for
from pokpong.monitoring.generations import bump
from pokpong.monitoring.periods import Period, fiscal_year_of, parse
from pokpong.monitoring.results import Scope

COLD_REPEAT = 7  # a cold call recomputes everything: fewer samples

# --- the hand-written baseline: the headline numbers and their breakdown by province ------------

VICTIMS_IDENTIFIED = """
SELECT pv.iso_code, count(*) FROM (
    SELECT COALESCE(p.merged_into_id, p.id) AS pid, min(i.decided_on) AS first
    FROM cases_identification i JOIN people_person p ON p.id = i.person_id
    WHERE i.decision = 'victim'
    GROUP BY 1
) f
JOIN people_person k ON k.id = f.pid AND k.merged_into_id IS NULL
LEFT JOIN places_province pv ON pv.id = k.province_id
WHERE f.first BETWEEN %s AND %s
GROUP BY 1
"""

REFERRALS_MADE = """
SELECT pv.iso_code, count(*) FROM referrals_referral r
JOIN cases_case c ON c.id = r.case_id
LEFT JOIN places_province pv ON pv.id = c.province_id
WHERE r.created_at >= %s AND r.created_at < %s AND r.status <> 'cancelled'
GROUP BY 1
UNION ALL
SELECT pv.iso_code, count(*) FROM prevention_callreferral cr
JOIN prevention_hotlinecall h ON h.id = cr.call_id AND h.voided_at IS NULL
LEFT JOIN places_province pv ON pv.id = h.province_id
WHERE cr.created_at >= %s AND cr.created_at < %s
GROUP BY 1
"""

VICTIMS_REFERRED = """
SELECT pv.iso_code, count(*) FROM people_person k
LEFT JOIN places_province pv ON pv.id = k.province_id
WHERE k.merged_into_id IS NULL AND k.id IN (
    SELECT COALESCE(p.merged_into_id, p.id) FROM referrals_referral r
    JOIN cases_case c ON c.id = r.case_id JOIN people_person p ON p.id = c.person_id
    WHERE r.created_at >= %s AND r.created_at < %s AND r.status <> 'cancelled'
    UNION
    SELECT COALESCE(p.merged_into_id, p.id) FROM prevention_callreferral cr
    JOIN prevention_hotlinecall h ON h.id = cr.call_id AND h.voided_at IS NULL
    JOIN people_person p ON p.id = h.person_id
    WHERE cr.created_at >= %s AND cr.created_at < %s
)
GROUP BY 1
"""

PEOPLE_REACHED = """
SELECT pv.iso_code, sum(a.girls + a.boys + a.women + a.men) FROM prevention_awarenessactivity a
LEFT JOIN places_province pv ON pv.id = a.province_id
WHERE a.voided_at IS NULL AND a.held_on BETWEEN %s AND %s
GROUP BY 1
"""

FOLLOWED_UP = """
SELECT pv.iso_code, count(*) FROM people_person k
LEFT JOIN places_province pv ON pv.id = k.province_id
WHERE k.merged_into_id IS NULL AND k.id IN (
    SELECT COALESCE(p.merged_into_id, p.id) FROM referrals_followupvisit v
    JOIN cases_case c ON c.id = v.case_id JOIN people_person p ON p.id = c.person_id
    WHERE v.done_on BETWEEN %s AND %s
)
GROUP BY 1
"""

# rule key → (SQL, parameters of the period)
BASELINE: dict[str, tuple[str, Callable[[Period], tuple[Any, ...]]]] = {
    "victims_identified": (VICTIMS_IDENTIFIED, lambda p: (p.start, p.end)),
    "referrals_made": (REFERRALS_MADE, lambda p: (*_stamps(p), *_stamps(p))),
    "victims_referred": (VICTIMS_REFERRED, lambda p: (*_stamps(p), *_stamps(p))),
    "people_reached": (PEOPLE_REACHED, lambda p: (p.start, p.end)),
    "survivors_followed_up": (FOLLOWED_UP, lambda p: (p.start, p.end)),
}


def _stamps(period: Period) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_default_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def _has_followup_voided() -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "referrals_followupvisit")
    return any(c.name == "voided_at" for c in columns)


def baseline_sql(period: Period) -> list[tuple[str, str, tuple[Any, ...]]]:
    found = []
    for rule, (sql, params) in BASELINE.items():
        if rule == "survivors_followed_up" and _has_followup_voided():
            sql = sql.replace("WHERE v.done_on", "WHERE v.voided_at IS NULL AND v.done_on")
        found.append((rule, sql, params(period)))
    return found


def recount(period: Period) -> dict[str, int]:
    """The national totals by the hand-written queries."""
    totals = {}
    with connection.cursor() as cursor:
        for rule, sql, params in baseline_sql(period):
            cursor.execute(sql, params)
            totals[rule] = sum(int(n or 0) for _iso, n in cursor.fetchall())
    return totals


# --- users -------------------------------------------------------------------------------------


def find_user(role: str, iso: str | None = None, *, national: bool = True) -> User | None:
    """`bench.<role>.<ISO|national>` (made by the generator), else any user holding the role
    over that scope (the country, or a province: `iso`, or any when not given)."""
    names = User.objects.filter(is_active=True)
    if national:
        user = names.filter(username=f"bench.{role}.national").first()
    elif iso:
        user = names.filter(username=f"bench.{role}.{iso}").first()
    else:
        user = names.filter(username__startswith=f"bench.{role}.").order_by("username").first()
    if user is not None:
        return user
    holds = RoleAssignment.objects.filter(role=role, user__is_active=True)
    if national:
        holds = holds.filter(scope=ScopeLevel.NATIONAL)
    else:
        holds = holds.filter(scope=ScopeLevel.PROVINCE)
        if iso:
            holds = holds.filter(province__iso_code=iso)
    found = holds.select_related("user").order_by("pk").first()
    return found.user if found else None


# --- the measure -------------------------------------------------------------------------------


def clear() -> None:
    cache.clear()


def page(user: User, period: Period, today: dt.date) -> Callable[[], object]:
    """What the view computes for the page (filters, engine, protection, charts)."""

    def call() -> object:
        with translation.override("lo"):
            filters = filters_for(user=user, params={"period": period.code}, today=today)
            return dashboard_for(user=user, filters=filters, today=today)

    return call


def cold(call: Callable[[], object], repeat: int) -> list[float]:
    def once() -> object:
        clear()
        return call()

    return timed(once, repeat, warmup=0)  # each call is cold: nothing to warm up


def after_write(call: Callable[[], object], repeat: int) -> list[float]:
    """The first call after a write that invalidates the victims' numbers (the Django cache
    kept): the bump is rolled back, then the cache cleared, so nothing stays behind."""
    samples = []
    for _ in range(repeat):
        call()  # warm
        with transaction.atomic():
            bump("cases.Identification")
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
        clear()  # results keyed by the rolled-back generation must not be reused
    return samples


def run(ctx: Context) -> list[Result]:
    today = timezone.localdate()
    code = ctx.extra.get("fiscal_year") or f"FY{int(fiscal_year_of(today).code[2:]) - 1}"
    period = parse(code)
    results: list[Result] = []

    # Recount: the engine's national totals (unsuppressed) against the hand-written queries.
    clear()
    began = time.perf_counter()
    with translation.override("lo"):
        computed = {r.code: r for r in engine.compute_all(period, Scope(), dimensions=["province"])}
    rule_of = {i.code: i.rule for i in engine.catalogue()}
    direct = recount(period)
    lines = []
    equal = True
    for indicator_code, result in computed.items():
        rule = rule_of.get(indicator_code)
        if rule in direct:
            same = result.total.value == direct[rule]
            equal &= same
            differs = "" if same else " (DIFFERS)"
            lines.append(f"{indicator_code} {result.total.value} vs {direct[rule]}{differs}")
    recount_line = (
        f"recount {period.code}: {'equal' if equal else 'DIFFERENT'} ({'; '.join(lines)})"
    )
    took = (time.perf_counter() - began) * 1000
    print(f"{recount_line} [engine, cold, national: {took:,.0f} ms]", flush=True)

    officer = find_user(Role.ME_OFFICER)
    manager = find_user(Role.PROVINCIAL_MANAGER, ctx.extra.get("province"), national=False)
    viewers = [("national M&E officer", officer), ("provincial manager", manager)]
    statements = baseline_sql(period)
    # The baseline: every headline query once per sample (their sum is one "page").
    per_query = [sql_timed(sql, params, repeat=ctx.repeat) for _r, sql, params in statements]
    sql_ms = [sum(samples) for samples in zip(*per_query, strict=True)]
    plan = explain(statements[0][1], statements[0][2])

    for label, user in viewers:
        if user is None:
            print(f"(no user with the role of {label}: skipped)")
            continue
        call = page(user, period, today)
        results.append(
            Result(
                measure=f"4. dashboard {period.code}, cold ({label})",
                samples_ms=cold(call, min(COLD_REPEAT, ctx.repeat)),
                target="≤ 200 ms cold",
                target_ms=200,
                sql_samples_ms=sql_ms,
                note=recount_line if label.startswith("national") else "",
                explain=plan if label.startswith("national") else "",
            )
        )
        results.append(
            Result(
                measure=f"4. dashboard {period.code}, after a write ({label})",
                samples_ms=after_write(call, min(COLD_REPEAT, ctx.repeat)),
                target="≤ 200 ms cold",
                target_ms=200,
                sql_samples_ms=sql_ms,
            )
        )
        clear()
        results.append(
            Result(
                measure=f"4. dashboard {period.code}, warm ({label})",
                samples_ms=timed(call, ctx.repeat, warmup=2),
                target="≤ 20 ms warm",
                target_ms=20,
                sql_samples_ms=sql_ms,
            )
        )
        for row in results[-3:]:  # as they come: a long run stopped early keeps them
            print(
                f"{row.measure}: p50 {row.p50 or 0:,.0f} ms, p95 {row.p95 or 0:,.0f} ms", flush=True
            )
    return results
