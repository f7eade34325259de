"""The batch review against Splink on the same records, on the same machine, in the same run
(issue 19): precision, recall, F1 and seconds of each.

Splink is in the `bench` dependency group but not in the project's `.venv`; it runs in a venv
of its own, in a second process (this same file with `--splink-side`, which imports neither
Django nor the project):

    python3 -m venv /tmp/splinkvenv
    /tmp/splinkvenv/bin/pip install splink==5.0.0 duckdb==2.0.0
    .venv/bin/python bench/matching/splink_compare.py --persons 100000 \\
        --splink-python /tmp/splinkvenv/bin/python [--independent]

The records: the demo-generator set of `--persons` persons (`dataset.py`) and, with
`--independent`, the independent set (`independent.csv`, whole and by halves). The engine is
timed from the raw names (its keys made inside `Record`) to the matched pairs, as
`match_records` runs it. Splink is given what it needs ready made: per record the engine's
phonetic key of the given name and of the family name (spaces removed, Lao romanised), sex,
birth year and province; it is timed from loading them into DuckDB to its predictions
(estimating u on random pairs, two EM passes, predicting at probability 0.9), as in `run.py`.
Wall seconds and CPU seconds (all threads: DuckDB uses every core, the engine one) are printed:
on a shared machine the CPU seconds are the steadier comparison.
Never imported by the tests.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def splink_side(source: Path, target: Path) -> None:
    """Run in the Splink venv: read the records, link them, write the pairs and the seconds."""
    # the Splink venv's packages, not .venv's
    import pyarrow as pa  # type: ignore[import-not-found]
    import splink.comparison_library as cl  # type: ignore[import-not-found]
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start, cpu = time.perf_counter(), time.process_time()
    with source.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
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
    seconds = time.perf_counter() - start
    with target.open("w", encoding="utf-8") as fh:
        json.dump(
            {
                "seconds": seconds,
                "cpu": time.process_time() - cpu,  # DuckDB's threads included
                "pairs": [[p["unique_id_l"], p["unique_id_r"]] for p in predictions],
            },
            fh,
        )


def main() -> None:
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()

    from bench.matching import dataset, independent
    from bench.matching.run import prf
    from pokpong.matching.batch import Record, match
    from pokpong.matching.normalise import name_words, phonetic

    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--splink-python", required=True, help="the Splink venv's python")
    parser.add_argument("--independent", action="store_true")
    args = parser.parse_args()

    def key(name: str) -> str:
        return phonetic("".join(name_words(name)))

    def compare(label: str, rows: list, truth: set) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        records = [
            Record(r.record_id, [f"{r.given} {r.family}"], r.sex, r.birth_year, r.province)
            for r in rows
        ]
        engine = {(a, b) for a, b, _score in match(records)}
        engine_seconds, engine_cpu = time.perf_counter() - start, time.process_time() - cpu
        with tempfile.TemporaryDirectory() as tmp:
            source, target = Path(tmp) / "records.jsonl", Path(tmp) / "pairs.json"
            with source.open("w", encoding="utf-8") as fh:
                for r in rows:
                    record = {
                        "unique_id": r.record_id,
                        "first": key(r.given) or None,
                        "last": key(r.family) or None,
                        "sex": r.sex or None,
                        "birth_year": r.birth_year,
                        "province": r.province or None,
                    }
                    fh.write(json.dumps(record) + "\n")
            subprocess.run(  # noqa: S603  (the interpreter the person running the bench names)
                [args.splink_python, __file__, "--splink-side", str(source), str(target)],
                check=True,
            )
            result = json.loads(target.read_text(encoding="utf-8"))
        splink = {(a, b) if a < b else (b, a) for a, b in result["pairs"]}
        print(f"\n## {label}: {len(rows):,} records, {len(truth):,} true pairs")
        print(
            f"{'engine':<26}{'precision':>10}{'recall':>10}{'F1':>8}{'seconds':>10}"
            f"{'CPU seconds':>13}"
        )
        for name, found, seconds, cpu_seconds in (
            ("batch review (match)", engine, engine_seconds, engine_cpu),
            ("Splink 5.0 (DuckDB)", splink, result["seconds"], result["cpu"]),
        ):
            p, r, f = prf(found, truth)
            print(f"{name:<26}{p:>10.3f}{r:>10.3f}{f:>8.3f}{seconds:>10.1f}{cpu_seconds:>13.1f}")
        sys.stdout.flush()

    demo = dataset.build(args.persons)
    compare(f"demo-generator set, {args.persons:,} persons", demo, dataset.true_pairs(demo))
    if args.independent:
        rows = independent.read_csv(Path(__file__).with_name("independent.csv"))
        halves = (
            ("independent set, all", rows),
            ("independent set, tune half", [r for r in rows if r.group % 2 == 0]),
            ("independent set, held-out half", [r for r in rows if r.group % 2 == 1]),
        )
        for label, subset in halves:
            compare(label, subset, independent.true_pairs(subset))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--splink-side":
        splink_side(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
