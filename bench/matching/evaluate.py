"""Both labelled sets through the batch review (`manage.py match_records` on a CSV), the
interactive check (the token index, as `run.py` mirrors it) and a rapidfuzz-with-folding
baseline; precision, recall, F1, cross-script recall, recall without birth year and recall by
variation.

    .venv/bin/python bench/matching/evaluate.py [--demo-persons 2000] [--independent PATH]

The independent set is read from `independent.csv` (built by `independent.py`); its groups
(a person and the hard negatives built beside them) are split in two halves, "tune" (even
groups) and "held out" (odd groups), each matched on its own and reported apart.
"""

import argparse
import csv
import os
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command
from rapidfuzz import fuzz

from bench.matching import dataset, independent
from bench.matching.run import interactive, prf
from pokpong.matching.batch import Record

Pair = tuple[str, str]


@dataclass
class Row:
    """A record of either set, as every engine here reads it."""

    record_id: str
    person: int
    script: str
    given: str
    family: str
    sex: str
    birth_year: int | None
    province: str
    group: int = 0
    variations: set[str] = field(default_factory=set)


def demo_rows(persons: int) -> list[Row]:
    return [
        Row(r.record_id, r.person, r.script, r.given, r.family, r.sex, r.birth_year, r.province)
        for r in dataset.build(persons)
    ]


def independent_rows(path: Path) -> list[Row]:
    return [
        Row(
            r.record_id,
            r.person,
            r.script,
            r.given,
            r.family,
            r.sex,
            r.birth_year,
            r.province,
            r.group,
            r.variations,
        )
        for r in independent.read_csv(path)
    ]


def truth(rows: list[Row]) -> set[Pair]:
    by_person: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        by_person[r.person].append(r.record_id)
    pairs: set[Pair] = set()
    for ids in by_person.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


# --- engines ---------------------------------------------------------------------------------


def batch_command(rows: list[Row]) -> set[Pair]:
    """`manage.py match_records` on a CSV of the rows, as a user would run it."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        with source.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                [
                    "record_id",
                    "script",
                    "given_name",
                    "family_name",
                    "sex",
                    "birth_year",
                    "province_iso",
                ]
            )
            for r in rows:
                writer.writerow(
                    [
                        r.record_id,
                        r.script,
                        r.given,
                        r.family,
                        r.sex,
                        r.birth_year or "",
                        r.province,
                    ]
                )
        with open(os.devnull, "w") as quiet:
            call_command("match_records", str(source), str(target), stdout=quiet)
        with target.open(encoding="utf-8") as fh:
            return {(row["record_id_a"], row["record_id_b"]) for row in csv.DictReader(fh)}


def interactive_check(rows: list[Row]) -> set[Pair]:
    records = [
        Record(r.record_id, [f"{r.given} {r.family}"], r.sex, r.birth_year, r.province)
        for r in rows
    ]
    return interactive(rows, records)


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def baseline_fold(text: str) -> str:
    """The baseline's folding: Lao romanised by laonlp (moh2020) as it comes, then lower case,
    accents stripped, letters only. Fixed: it does not follow the engine's normaliser."""
    from laonlp.transliterate import transliterate

    text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    if any("\u0e80" <= ch <= "\u0eff" for ch in text):
        text = " ".join(transliterate(w, engine="moh2020") for w in text.split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join("".join(ch if "a" <= ch <= "z" else " " for ch in text).split())


BASELINE_THRESHOLD = 85.0


def rapidfuzz_baseline(rows: list[Row], threshold: float = BASELINE_THRESHOLD) -> set[Pair]:
    """token_sort_ratio on the folded full names (and plain ratio with spaces removed), every
    pair compared (rapidfuzz's cdist), the pairs at or above the threshold."""
    from rapidfuzz.process import extract

    folded = [baseline_fold(f"{r.given} {r.family}") for r in rows]
    joined = [f.replace(" ", "") for f in folded]
    found: set[Pair] = set()
    for choices, scorer in ((folded, fuzz.token_sort_ratio), (joined, fuzz.ratio)):
        for i, query in enumerate(choices):
            for _c, _score, j in extract(
                query, choices, scorer=scorer, score_cutoff=threshold, limit=None
            ):
                if j > i:
                    x, y = rows[i].record_id, rows[j].record_id
                    found.add((x, y) if x < y else (y, x))
    return found


# --- metrics ---------------------------------------------------------------------------------


def recall_where(found: set[Pair], true: set[Pair], keep: Callable[[Pair], bool]) -> str:
    subset = {p for p in true if keep(p)}
    if not subset:
        return "–"
    return f"{len(found & subset) / len(subset):.3f} ({len(subset)})"


def report(
    name: str,
    rows: list[Row],
    engines: dict[str, Callable[[list[Row]], set[Pair]]],
    by_variation: bool,
) -> dict[str, tuple[float, float, float]]:
    true = truth(rows)
    by_id = {r.record_id: r for r in rows}
    print(
        f"\n## {name}: {len(rows)} records of {len({r.person for r in rows})} persons, "
        f"{len(true)} true pairs"
    )
    print(
        f"{'engine':<22}{'precision':>10}{'recall':>10}{'F1':>8}  {'cross-script':<16}"
        f"{'no birth year':<16}{'seconds':>8}"
    )
    results: dict[str, set[Pair]] = {}
    scores = {}
    for label, engine in engines.items():
        start = time.perf_counter()
        found = engine(rows)
        seconds = time.perf_counter() - start
        results[label] = found
        p, r, f = prf(found, true)
        scores[label] = (p, r, f)
        cross = recall_where(found, true, lambda pr: by_id[pr[0]].script != by_id[pr[1]].script)
        no_year = recall_where(
            found,
            true,
            lambda pr: by_id[pr[0]].birth_year is None or by_id[pr[1]].birth_year is None,
        )
        print(f"{label:<22}{p:>10.3f}{r:>10.3f}{f:>8.3f}  {cross:<16}{no_year:<16}{seconds:>8.1f}")
    with_year = {
        p for p in true if by_id[p[0]].birth_year is not None and by_id[p[1]].birth_year is not None
    }
    for label, found in results.items():
        if with_year:
            print(
                f"  {label}: recall with both birth years "
                f"{len(found & with_year) / len(with_year):.3f}"
            )
    if by_variation:
        tags = sorted({t for r in rows for t in r.variations})
        print(f"\n{'variation (either record)':<28}" + "".join(f"{k[:16]:>18}" for k in results))
        for tag in tags:
            line = f"{tag:<28}"

            def carries(pair: Pair, t: str = tag) -> bool:
                return t in by_id[pair[0]].variations or t in by_id[pair[1]].variations

            for found in results.values():
                line += f"{recall_where(found, true, carries):>18}"
            print(line)
        for label, found in results.items():
            fps = found - true
            print(f"  {label}: {len(fps)} false pairs")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo-persons", type=int, default=2000)
    parser.add_argument(
        "--independent", type=Path, default=Path(__file__).with_name("independent.csv")
    )
    parser.add_argument("--no-interactive", action="store_true")
    parser.add_argument("--no-demo", action="store_true")
    parser.add_argument(
        "--baseline-threshold", type=int, help="skip choosing it (slow on large sets)"
    )
    args = parser.parse_args()
    engines: dict[str, Callable[[list[Row]], set[Pair]]] = {"batch (match_records)": batch_command}
    if not args.no_interactive:
        engines["interactive check"] = interactive_check
    # The baseline's threshold is chosen as the engine's was: best mean F1 on the demo set and
    # the independent set's tune half (never on the held-out half).
    rows = independent_rows(args.independent)
    tune = [r for r in rows if r.group % 2 == 0]
    demo = demo_rows(args.demo_persons)
    best = args.baseline_threshold or max(
        range(70, 100, 3),
        key=lambda t: sum(prf(rapidfuzz_baseline(s, float(t)), truth(s))[2] for s in (demo, tune)),
    )
    print(f"rapidfuzz baseline threshold: {best}")
    engines[f"rapidfuzz + folding @{best}"] = lambda r: rapidfuzz_baseline(r, float(best))
    if not args.no_demo:
        report(
            f"demo-generator set ({args.demo_persons} persons)",
            demo,
            engines,
            False,
        )
    report("independent set, all", rows, engines, True)
    report(
        "independent set, tune half (even groups)",
        tune,
        engines,
        False,
    )
    report(
        "independent set, held-out half (odd groups)",
        [r for r in rows if r.group % 2 == 1],
        engines,
        False,
    )


if __name__ == "__main__":
    main()
