"""Issue 20, "Must contain": the audit trail's lock must not become the throughput limit.

N writer processes (1, 2, 4, 8, 16, 50), each appending the case page's audit entry
(`audit_view(obj=case, fields=..., parent=person)`, its own transaction, as the page does) in a
loop for a bounded time, once with one chain (the single global lock before issue 20) and once
with the default 16 chains (BENCH_AUDIT_CHAINS="1,16"). Reported per N: entries/s, the append's
p50/p95 and the time spent waiting for the chain's lock (`_lock_chain`, timed in each writer).

Processes, not threads: each has its own connection and its own interpreter, as gunicorn's
workers do. PostgreSQL only (SQLite serialises every write anyway: a single line is printed).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any

from django.db import connection, connections

from bench.scale.harness import Context, Result, percentile

WRITERS = [1, 2, 4, 8, 16, 50]
SECONDS = float(os.environ.get("BENCH_AUDIT_SECONDS", "4"))
# 1 chain = the design before issue 20 (one lock for the whole trail); then the default, 16.
CHAINS = [int(c) for c in os.environ.get("BENCH_AUDIT_CHAINS", "1,16").split(",")]


def _targets(limit: int = 200) -> list[tuple[int, int, int]]:
    """(case id, its case worker's id, person id) for cases that have a case worker."""
    from pokpong.cases.models import Case

    rows = Case.objects.filter(caseworker__isnull=False).order_by("pk")
    return list(rows.values_list("pk", "caseworker_id", "person_id")[:limit])


def _writer(
    number: int,
    targets: list[tuple[int, int, int]],
    seconds: float,
    start_at: float,
    chains: int,
    out: Any,
) -> None:
    from django.conf import settings

    from pokpong.accounts.models import User
    from pokpong.cases.models import Case
    from pokpong.core import audit

    settings.POKPONG_AUDIT_CHAINS = chains
    waited = [0.0]
    lock = audit._lock_chain

    def timed_lock(*args: Any, **kwargs: Any) -> Any:
        begin = time.perf_counter()
        try:
            return lock(*args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - begin

    audit._lock_chain = timed_lock
    case_id, user_id, _person = targets[number % len(targets)]
    case = Case.objects.select_related("person").get(pk=case_id)
    user = User.objects.get(pk=user_id)
    fields = ["case", "person", "plan", "notes"]
    with audit.audit_context(actor=user, ip_address="127.0.0.1"):
        audit.audit_view(obj=case, fields=fields, parent=case.person)  # warm
        waited[0] = 0.0
        while time.time() < start_at:
            time.sleep(0.001)
        samples: list[float] = []
        end = start_at + seconds
        while time.time() < end:
            begin = time.perf_counter()
            audit.audit_view(obj=case, fields=fields, parent=case.person)
            samples.append((time.perf_counter() - begin) * 1000)
    connection.close()
    out.put((samples, waited[0]))


def measure(writers: int, chains: int, seconds: float = SECONDS) -> dict[str, Any]:
    """Run `writers` processes for `seconds`, appending to `chains` chains (1: the single chain
    of before issue 20); entries/s, append latency and lock wait."""
    targets = _targets()
    connections.close_all()  # each child opens its own connection
    forked = multiprocessing.get_context("fork")
    out = forked.Queue()
    start_at = time.time() + 1.0 + writers * 0.04
    procs = [
        forked.Process(target=_writer, args=(n, targets, seconds, start_at, chains, out))
        for n in range(writers)
    ]
    for proc in procs:
        proc.start()
    results = [out.get(timeout=seconds + 120) for _ in procs]
    for proc in procs:
        proc.join()
    samples = [s for r, _w in results for s in r]
    waited = sum(w for _r, w in results)
    busy = sum(sum(r) for r, _w in results) / 1000
    return {
        "writers": writers,
        "chains": chains,
        "entries": len(samples),
        "per_second": len(samples) / seconds,
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "lock_wait_share": waited / busy if busy else 0.0,
        "lock_wait_ms": 1000 * waited / len(samples) if samples else 0.0,
        "samples": samples,
        "load": os.getloadavg()[0],
    }


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| chains | writers | entries/s | append p50 ms | append p95 ms | lock wait ms/entry "
        "| share of append time waiting | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['chains']} | {r['writers']} | {r['per_second']:,.0f} | {r['p50']:.1f} "
            f"| {r['p95']:.1f} "
            f"| {r['lock_wait_ms']:.2f} | {100 * r['lock_wait_share']:.0f} % | {r['load']:.1f} |"
        )
    return "\n".join(lines)


def run(ctx: Context) -> list[Result]:
    if connection.vendor != "postgresql":
        return [Result("audit: concurrent writers", note="PostgreSQL only (SQLite serialises).")]
    if not _targets(1):
        return [Result("audit: concurrent writers", note="no case with a case worker")]
    rows = [measure(n, chains) for chains in CHAINS for n in WRITERS]
    print(table(rows), flush=True)
    return [
        Result(
            f"audit: {r['writers']} writers, {r['chains']} chain(s)",
            samples_ms=r["samples"],
            note=(
                f"{r['per_second']:,.0f} entries/s, lock wait {r['lock_wait_ms']:.2f} ms/entry "
                f"({100 * r['lock_wait_share']:.0f} % of the append)"
            ),
        )
        for r in rows
    ]


if __name__ == "__main__":  # .venv/bin/python -m bench.scale.measures.audit
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    django.setup()
    print(table([measure(n, chains) for chains in CHAINS for n in WRITERS]))
