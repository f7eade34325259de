"""Issue 20, measure 3: the case page with its audit write.

1. In process: `django.test.Client`, logged in (`force_login`) as bench case workers
   (`bench.case_worker.<ISO>`, or, on a small database, any case worker with cases), each opening
   cases of their own. p95 ≤ 50 ms; the hand-written SQL for the same data the page shows is
   measured in the same run (the ratio is reported, the page also writes its audit entry and
   renders HTML).
2. Throughput: gunicorn started from the module (`config.wsgi`, the bench settings, on
   127.0.0.1 and a free port) and `wrk` (Debian package `wrk`) with 50 connections for a bounded
   time (BENCH_CASE_PAGE_SECONDS, 20 s), each request a (session cookie, own case) pair in turn:
   ≥ 300 requests/s on 2 cores. Sessions are created in the database directly (the Client's
   `force_login`, no two-factor round). Reported: requests/s, p50/p95/p99, errors and non-200s.

    DATABASE_URL=postgres://… .venv/bin/python bench/scale/run.py --only case_page
    .venv/bin/python -m bench.scale.measures.case_page      # the same, without migrate/generate
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.scale.harness import Context, Result, explain, timed

ROOT = Path(__file__).resolve().parents[3]
USERS = 20  # case workers logged in
CASES_EACH = 10  # cases of their own each opens
CONNECTIONS = 50  # concurrent users
SECONDS = int(os.environ.get("BENCH_CASE_PAGE_SECONDS", "20"))
WARMUP = 5  # seconds of load before the measured run, not counted
# Two processes for two cores, threads to overlap the database round trips (docs/benchmarks.md).
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "4"))

# The data the page shows, by hand: the case with its person and places, its notes, referrals,
# follow-up visits, services delivered, needs and plan actions.
SQL = """
SELECT c.*, p.*, pr.name_en, d.name_en, u.username, o.name_en
FROM cases_case c
JOIN people_person p ON p.id = c.person_id
LEFT JOIN places_province pr ON pr.id = c.province_id
LEFT JOIN places_district d ON d.id = c.district_id
LEFT JOIN accounts_user u ON u.id = c.caseworker_id
LEFT JOIN accounts_organisation o ON o.id = c.organisation_id
WHERE c.id = %(case)s;
"""
SQL_PARTS = [
    "SELECT n.*, u.username, o.name_en FROM cases_casenote n "
    "LEFT JOIN accounts_user u ON u.id = n.author_id "
    "LEFT JOIN accounts_organisation o ON o.id = n.organisation_id "
    "WHERE n.case_id = %(case)s ORDER BY n.id",
    "SELECT r.*, o.name_en, s.name_en FROM referrals_referral r "
    "JOIN accounts_organisation o ON o.id = r.to_organisation_id "
    "LEFT JOIN referrals_servicetype s ON s.id = r.service_type_id "
    "WHERE r.case_id = %(case)s ORDER BY r.id",
    "SELECT f.*, o.name_en FROM referrals_followupvisit f "
    "LEFT JOIN accounts_organisation o ON o.id = f.assigned_organisation_id "
    "WHERE f.case_id = %(case)s ORDER BY f.id",
    "SELECT s.* FROM referrals_servicedelivery s WHERE s.case_id = %(case)s ORDER BY s.id",
    "SELECT n.* FROM cases_need n WHERE n.case_id = %(case)s ORDER BY n.id",
    "SELECT a.* FROM cases_planaction a JOIN cases_caseplan p ON p.id = a.plan_id "
    "WHERE p.case_id = %(case)s ORDER BY a.id",
]


def bench_users(limit: int = USERS) -> list[Any]:
    """Bench case workers with cases of their own; a small database's case workers otherwise."""
    from pokpong.accounts.models import Role, User
    from pokpong.cases.models import Case

    with_cases = Case.objects.values("caseworker_id")
    users = User.objects.filter(is_active=True, pk__in=with_cases)
    named = users.filter(username__startswith="bench.case_worker.").order_by("username")
    if named.exists():
        return list(named[:limit])
    workers = users.filter(role_assignments__role=Role.CASE_WORKER).distinct()
    return list(workers.order_by("username")[:limit])


def own_cases(user: Any, limit: int = CASES_EACH) -> list[int]:
    from pokpong.cases.models import Case

    return list(
        Case.objects.filter(caseworker=user).order_by("-pk").values_list("pk", flat=True)[:limit]
    )


def _visits() -> list[tuple[Client, Any, str]]:
    visits = []
    for user in bench_users():
        client = Client()
        client.force_login(user)
        for pk in own_cases(user):
            visits.append((client, user, reverse("cases:case_detail", args=[pk])))
    return visits


def in_process(ctx: Context) -> Result:
    visits = _visits()
    if not visits:
        return Result("3. case page (in process)", note="no case worker with cases")
    shown = [client.get(url).status_code for client, _user, url in visits]
    bad = sum(1 for status in shown if status != 200)
    turn = iter(range(10**9))

    def call() -> None:
        client, _user, url = visits[next(turn) % len(visits)]
        client.get(url)

    samples = timed(call, ctx.repeat, warmup=0)
    client, _user, url = visits[0]
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    pk = int(re.findall(r"\d+", url)[-1])
    baseline = _sql_samples(pk, ctx.repeat)
    return Result(
        "3. case page with its audit write (in process)",
        samples_ms=samples,
        target="p95 ≤ 50 ms",
        target_ms=50,
        sql_samples_ms=baseline,
        note=(
            f"{len(visits)} (user, own case) pairs of {len({u.pk for _c, u, _url in visits})} "
            f"case workers; {len(queries)} queries a page (session and two-factor checks, the "
            f"audit append included); {bad} visits not 200. Raw SQL: the case, person, places, "
            "notes, referrals, follow-ups, services, needs and plan actions, 7 statements, "
            "no audit write, no HTML."
        ),
        explain=explain(SQL.strip().rstrip(";").replace("%(case)s", "%s"), [pk]),
    )


def _sql_samples(pk: int, repeat: int) -> list[float]:
    parts = [SQL.strip().rstrip(";"), *SQL_PARTS]

    def call() -> None:
        with connection.cursor() as cursor:
            for part in parts:
                cursor.execute(part, {"case": pk})
                cursor.fetchall()

    return timed(call, repeat)


# ---- throughput: gunicorn + wrk ----------------------------------------------------------

LUA = """
local pairs_ = {
%(pairs)s
}
local n = 0
local bad = 0
request = function()
  n = n + 1
  local p = pairs_[(n %% #pairs_) + 1]
  return wrk.format("GET", p[2], {["Cookie"] = "sessionid=" .. p[1], ["Host"] = "127.0.0.1"})
end
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d seconds=%%.3f p50=%%.2f p95=%%.2f p99=%%.2f "
    .. "errors=%%d\\n", summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, seconds: float = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port}")


def _sessions() -> list[tuple[str, str]]:
    """(session key, own case URL) pairs: sessions made in the database for the bench users."""
    cookie = settings.SESSION_COOKIE_NAME
    pairs = []
    for client, _user, url in _visits():
        pairs.append((client.cookies[cookie].value, url))
    return pairs


def throughput(ctx: Context, seconds: int = SECONDS) -> Result:
    name = f"3. case page throughput, gunicorn {WORKERS}×{THREADS}, {CONNECTIONS} users"
    wrk = shutil.which("wrk")
    if wrk is None:
        return Result(name, note="wrk not installed (apt-get install wrk): skipped")
    pairs = _sessions()
    if not pairs:
        return Result(name, note="no case worker with cases")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    args = [
        gunicorn,
        "config.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=gthread",
        f"--threads={THREADS}",
        "--log-level=warning",
        "--timeout=60",
    ]
    server = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    try:
        _wait_for(port)
        cookie_url = [(key, url) for key, url in pairs]
        for key, url in cookie_url[:5]:  # each (user, case) pair opens the case page itself
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={key}"}
            )
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                if response.status != 200 or response.url.endswith("/login/"):
                    raise RuntimeError(f"{url}: {response.status} {response.url}")
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "case_page.lua"
            lines = ",\n".join(f'  {{"{key}", "{url}"}}' for key, url in cookie_url)
            script.write_text(LUA % {"pairs": lines}, encoding="utf-8")

            def load_for(duration: int) -> subprocess.CompletedProcess[str]:
                return subprocess.run(  # noqa: S603
                    [
                        wrk,
                        "-t2",
                        f"-c{CONNECTIONS}",
                        f"-d{duration}s",
                        "--timeout=10s",
                        "-s",
                        str(script),
                        f"http://127.0.0.1:{port}/",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=duration + 60,
                    check=False,
                )

            load_for(WARMUP)  # every worker and thread has imported, compiled and connected
            load_before = os.getloadavg()[0]
            run = load_for(seconds)
        load = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGQUIT)  # quick shutdown: queued requests are dropped
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
    found = re.search(
        r"RESULT requests=(\d+) seconds=([\d.]+) p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) "
        r"errors=(\d+)",
        run.stdout,
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", run.stdout)
    if not found:
        return Result(name, note=f"wrk failed: {run.stdout[-500:]} {run.stderr[-500:]}")
    requests, elapsed = int(found[1]), float(found[2])
    p50, p95, p99, errors = float(found[3]), float(found[4]), float(found[5]), int(found[6])
    rate = requests / elapsed
    met = "met" if rate >= 300 and not errors else "**missed**"
    return Result(
        name,
        target="≥ 300 requests/s",
        note=(
            f"{rate:,.0f} requests/s ({met}), p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"p99 {p99:.1f} ms, {requests:,} requests in {elapsed:.1f} s, {errors} errors, "
            f"{non_2xx[1] if non_2xx else 0} non-2xx; {len(cookie_url)} (session, own case) "
            f"pairs; load average {load_before:.1f} before, {load:.1f} after"
        ),
    )


def run(ctx: Context) -> list[Result]:
    return [in_process(ctx), throughput(ctx)]


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    django.setup()
    from bench.scale.harness import print_table
    from pokpong.people.models import Person

    context = Context(persons=Person.objects.count(), vendor=connection.vendor)
    print_table(run(context), ctx=context)
