"""What every national-scale measure shares (issue 20): timing, percentiles, the hand-written SQL
baseline measured in the same run, EXPLAIN, and one result row per measure.

A measure module in `bench/scale/measures/` defines `run(ctx: Context) -> list[Result]`.
Benchmarks are not tests: nothing here asserts a time; a missed target is printed as missed.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection


@dataclass
class Result:
    measure: str  # "2. case list, first page (provincial case worker)"
    samples_ms: list[float] = field(repr=False, default_factory=list)
    target: str = ""  # "p95 ≤ 50 ms"
    target_ms: float | None = None  # compared with p95 (or the single value)
    sql_samples_ms: list[float] = field(repr=False, default_factory=list)  # best raw SQL, same run
    max_ratio: float | None = None  # e.g. 1.5: p50 / raw SQL p50
    note: str = ""
    explain: str = ""  # plan of the main query, printed under the table

    @property
    def p50(self) -> float | None:
        return percentile(self.samples_ms, 50)

    @property
    def p95(self) -> float | None:
        return percentile(self.samples_ms, 95)

    @property
    def sql_p50(self) -> float | None:
        return percentile(self.sql_samples_ms, 50)

    @property
    def ratio(self) -> float | None:
        if self.p50 is None or not self.sql_p50:
            return None
        return self.p50 / self.sql_p50

    @property
    def met(self) -> bool | None:
        checks: list[bool] = []
        if self.target_ms is not None and self.p95 is not None:
            checks.append(self.p95 <= self.target_ms)
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        return all(checks) if checks else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("samples_ms")
        data.pop("sql_samples_ms")
        data.update(
            p50=self.p50,
            p95=self.p95,
            sql_p50=self.sql_p50,
            ratio=self.ratio,
            met=self.met,
            n=len(self.samples_ms),
        )
        return data


@dataclass
class Context:
    persons: int  # the size of the database measured
    vendor: str  # "postgresql" | "sqlite"
    repeat: int = 50  # timed calls per measure (after warm-up)
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, username: str) -> Any:
        from pokpong.accounts.models import User

        return User.objects.get(username=username)


def percentile(samples: Sequence[float], pct: int) -> float | None:
    if not samples:
        return None
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def timed(call: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Milliseconds of each of `repeat` calls, after `warmup` untimed ones."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def sql_timed(
    sql: str, params: Sequence[Any] = (), repeat: int = 50, warmup: int = 3
) -> list[float]:
    """The hand-written SQL baseline: execute and fetch every row, as the page would."""

    def call() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return timed(call, repeat, warmup)


def explain(sql: str, params: Sequence[Any] = ()) -> str:
    """The plan the database chose (EXPLAIN ANALYZE on PostgreSQL; the query plan on SQLite)."""
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return "\n".join(" | ".join(str(col) for col in row) for row in rows)


def queryset_sql(queryset: Any) -> tuple[str, tuple[object, ...]]:
    """The SQL and parameters of a queryset, for EXPLAIN."""
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def print_table(results: Sequence[Result], *, ctx: Context) -> None:
    print(f"\n## {ctx.vendor}, {ctx.persons:,} persons (load average {os.getloadavg()[0]:.1f})\n")
    print("| measure | p50 ms | p95 ms | raw SQL p50 ms | ratio | target | met |")
    print("|---|---:|---:|---:|---:|---|---|")
    for r in results:
        met = {True: "yes", False: "**missed**", None: "–"}[r.met]
        print(
            f"| {r.measure} | {fmt(r.p50)} | {fmt(r.p95)} | {fmt(r.sql_p50, 2)} "
            f"| {fmt(r.ratio, 2)} | {r.target} | {met} |"
        )
    for r in results:
        if r.note:
            print(f"\n- {r.measure}: {r.note}")
    for r in results:
        if r.explain:
            print(f"\n### Plan: {r.measure}\n\n```\n{r.explain}\n```")


def write_json(results: Sequence[Result], *, ctx: Context, path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "persons": ctx.persons,
                "vendor": ctx.vendor,
                "results": [r.as_dict() for r in results],
            },
            handle,
            ensure_ascii=False,
            indent=1,
        )
