"""Evaluate the matching engine on the labelled set: precision, recall and F1 on pairs, for the
batch review and for the interactive check; optionally the same data through Splink (DuckDB).

    .venv/bin/python bench/matching/run.py [--persons 2000] [--splink]

Prints a table; docs/benchmarks.md records the numbers of a run on the project's machine.
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from bench.matching.dataset import build, true_pairs
from pokpong.matching.batch import THRESHOLD, Record, candidate_pairs, match, score_pair
from pokpong.matching.keys import tokens, year_bands
from pokpong.people.search import CANDIDATES, pick_rare


def prf(found: set, truth: set) -> tuple[float, float, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def to_records(labelled):
    return [
        Record(r.record_id, [f"{r.given} {r.family}"], r.sex, r.birth_year, r.province)
        for r in labelled
    ]


def interactive(labelled, records) -> set[tuple[str, str]]:
    """The registration check: each record queried against all others through a token index
    (the same tokens, birth-year bands and choice of rare tokens as the database query, and as
    many candidates), then scored."""
    index: dict[int, set[int]] = defaultdict(set)
    for i, record in enumerate(records):
        for t in tokens(record.names, year_bands(record.birth_year)):
            index[t].add(i)
    found = set()
    for i, record in enumerate(records):
        wanted = tokens(record.names, year_bands(record.birth_year, tolerance=2))
        rare = pick_rare({t: len(index[t]) for t in wanted if t in index})
        counts: dict[int, int] = defaultdict(int)
        for t in rare:
            for j in index[t]:
                if j != i:
                    counts[j] += 1
        for j, _shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]:
            if score_pair(record, records[j]).score >= THRESHOLD:
                found.add(tuple(sorted((record.record_id, records[j].record_id))))
    return found


def splink_pairs(labelled) -> set[tuple[str, str]]:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    from pokpong.matching.normalise import name_parts

    rows = []
    for r in labelled:
        parts = name_parts(f"{r.given} {r.family}")
        rows.append(
            {
                "unique_id": r.record_id,
                "first": parts[0] if parts else "",
                "last": parts[-1] if len(parts) > 1 else "",
                "sex": r.sex,
                "birth_year": r.birth_year,
                "province": r.province,
            }
        )
    frame = pa.Table.from_pylist(rows)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first"),
            cl.JaroWinklerAtThresholds("last"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("province"),
        ],
        blocking_rules_to_generate_predictions=[block_on("first"), block_on("last")],
    )
    linker = Linker(DuckDBAPI().register(frame), settings, log_level=40)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("last"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first"))
    predictions = linker.inference.predict(threshold_match_probability=0.9).as_record_list()
    return {tuple(sorted((p["unique_id_l"], p["unique_id_r"]))) for p in predictions}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=2000)
    parser.add_argument("--splink", action="store_true")
    parser.add_argument(
        "--no-interactive",
        action="store_true",
        help="skip the interactive check (slow on large sets)",
    )
    args = parser.parse_args()
    labelled = build(args.persons)
    truth = true_pairs(labelled)
    records = to_records(labelled)
    print(f"{len(labelled)} records of {args.persons} persons, {len(truth)} true pairs")
    print(f"{'engine':<28}{'precision':>10}{'recall':>10}{'F1':>8}{'seconds':>10}")
    start = time.perf_counter()
    batch = {(a, b) for a, b, _s in match(records)}
    seconds = time.perf_counter() - start
    considered = sum(1 for _ in candidate_pairs(records))
    print(
        f"{'batch review':<28}"
        + "".join(f"{v:>10.3f}" for v in prf(batch, truth))
        + f"{seconds:>10.1f}"
    )
    if not args.no_interactive:
        start = time.perf_counter()
        online = interactive(labelled, records)
        print(
            f"{'interactive check':<28}"
            + "".join(f"{v:>10.3f}" for v in prf(online, truth))
            + f"{time.perf_counter() - start:>10.1f}"
        )
    print(
        f"(candidate pairs from blocking: {considered:,} of "
        f"{len(records) * (len(records) - 1) // 2:,})"
    )
    if args.splink:
        start = time.perf_counter()
        baseline = splink_pairs(labelled)
        print(
            f"{'Splink (DuckDB) baseline':<28}"
            + "".join(f"{v:>10.3f}" for v in prf(baseline, truth))
            + f"{time.perf_counter() - start:>10.1f}"
        )


if __name__ == "__main__":
    main()
