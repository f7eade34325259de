"""The batch engine: pairs of records that are probably the same person.

Candidate pairs come from blocking keys (records sharing a part's phonetic key or consonant
skeleton, the whole name with spaces removed, the parts' consonants; never the birth year),
never from all pairs; oversized blocks (very common names) are skipped. Each pair is
scored on names in both scripts (either order), birth year, sex and province.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from pokpong.matching.normalise import name_forms, skeleton

MAX_BLOCK = 400
# Chosen on the best F1 over the demo-generator set and the tune half of the independent set
# together (docs/benchmarks.md, issue 19); the held-out half was not used.
THRESHOLD = 87.0
WEAK = 0.75  # the weight of the weaker of the two name parts in a name's similarity
# Two names that differ only by the consonant starting one syllable (Manivanh/Manichanh,
# ສີມາ/ສີດາ) are two names, as siblings are given, not two spellings of one: every
# romanisation and Lao spelling variant folds to one key before this is seen. The penalty
# is as large as birth year, sex and province agreeing can add (10) and half as much again,
# so that such a pair is matched only when the rest of a long name makes it near-equal. Not
# fitted: the tune half holds no such pair and the demo set gives one result for any size
# from 5 to 30 (docs/benchmarks.md, issue 19's second pass).
ONSET_PENALTY = 15.0
_VOWELS = frozenset("aeiou")


@dataclass
class Record:
    record_id: str
    names: list[str]
    sex: str = ""
    birth_year: int | None = None
    province: str = ""
    keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = record_keys(self.names)


def record_keys(names: Iterable[str]) -> list[str]:
    """The name keys of a record: every (given, family) reading of every name (see
    `name_forms`), as "given family" strings, or one key for a one-word name."""
    return list(dict.fromkeys(" ".join(form) for n in names if n.strip() for form in name_forms(n)))


def blocking_keys(record: Record) -> set[str]:
    """Keys two records of one person share despite a slip in one part or swapped order: the
    whole name (sorted parts), its consonant skeleton, and each part with the initial of each
    other part. Single-part names block on the part itself."""
    found = set()
    for key in record.keys:
        parts = [p for p in key.split() if len(p) >= 2]
        if not parts:
            continue
        # the whole name, spaces removed, in either order: meets a name typed as one word
        found.add("J:" + "".join(parts))
        found.add("J:" + "".join(reversed(parts)))
        found.add("F:" + "|".join(sorted(parts)))
        found.add("FS:" + "|".join(sorted(skeleton(p) for p in parts)))
        # consonants alone, an initial vowel too (ອິນທະລາດ typed without its ິ reads "on…")
        found.add("FC:" + "|".join(sorted(re.sub("[aeiou]", "", p) or p for p in parts)))
        if len(parts) == 1:
            found.add(f"K:{parts[0]}")
        for i, part in enumerate(parts):
            for j, other in enumerate(parts):
                if i != j:
                    found.add(f"P:{part}|{other[0]}")
                    found.add(f"PS:{skeleton(part)}|{skeleton(other)[:2]}")
    return found


def candidate_pairs(records: list[Record]) -> Iterator[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in blocking_keys(record):
            blocks[key].append(index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for pair in combinations(members, 2):
            if pair not in seen:
                seen.add(pair)
                yield pair


@dataclass(frozen=True)
class Evidence:
    name: float
    birth_year: str
    sex: str
    province: str
    score: float
    onset: bool = False  # the names differ by one syllable's initial consonant (see above)


@lru_cache(maxsize=1_000_000)
def key_similarity(ka: str, kb: str) -> float:
    """Similarity of two name keys (cached: namesakes repeat the same comparisons). Two
    (given, family) keys must agree part by part, in either order: the same given name with
    another family name is another person. A one-word name is compared with the other name
    written as one word, in either order."""
    if ka > kb:
        ka, kb = kb, ka
    pa, pb = ka.split(), kb.split()
    if len(pa) == len(pb) == 2:
        direct = _pair_similarity(pa[0], pb[0], pa[1], pb[1])
        swapped = _pair_similarity(pa[0], pb[1], pa[1], pb[0])
        return max(direct, swapped)
    if len(pa) == 1 or len(pb) == 1:
        one, other = (pa, pb) if len(pa) == 1 else (pb, pa)
        return max(fuzz.ratio(one[0], "".join(other)), fuzz.ratio(one[0], "".join(reversed(other))))
    return fuzz.token_sort_ratio(ka, kb)


def _pair_similarity(g1: str, g2: str, f1: str, f2: str) -> float:
    """Both names of a pair: the weaker part weighs most, the stronger adds a little."""
    a, b = fuzz.ratio(g1, g2), fuzz.ratio(f1, f2)
    return WEAK * min(a, b) + (1 - WEAK) * max(a, b)


def onset_differs(x: str, y: str) -> bool:
    """Two phonetic keys of one length that differ in one letter only, a consonant for another
    consonant, followed by a vowel in both: the initial of a syllable (sima/sida,
    manivan/manisan). Spelling variants never give this (they share a key); a slip of the
    keyboard can, which is the price of the rule."""
    if len(x) != len(y) or x == y:
        return False
    differ = [i for i in range(len(x)) if x[i] != y[i]]
    if len(differ) != 1:
        return False
    i = differ[0]
    return (
        x[i] not in _VOWELS
        and y[i] not in _VOWELS
        and i + 1 < len(x)
        and x[i + 1] in _VOWELS  # x and y agree after i
    )


@lru_cache(maxsize=1_000_000)
def key_evidence(ka: str, kb: str) -> tuple[float, bool]:
    """`key_similarity` and whether the reading it comes from pairs a name part with one that
    differs only by a syllable's initial (`onset_differs`). Of the readings (in order, swapped),
    the best after the onset penalty is kept."""
    if ka > kb:
        ka, kb = kb, ka
    pa, pb = ka.split(), kb.split()
    if len(pa) == len(pb) == 2:
        best = (-1.0, 0.0, False)
        for (g1, f1), (g2, f2) in (
            ((pa[0], pa[1]), (pb[0], pb[1])),
            ((pa[0], pa[1]), (pb[1], pb[0])),
        ):
            similarity = _pair_similarity(g1, g2, f1, f2)
            onset = onset_differs(g1, g2) or onset_differs(f1, f2)
            adjusted = similarity - (ONSET_PENALTY if onset else 0.0)
            if adjusted > best[0]:
                best = (adjusted, similarity, onset)
        return best[1], best[2]
    return key_similarity(ka, kb), False


def score_pair(a: Record, b: Record) -> Evidence:
    """Names (the best reading after the onset penalty), then birth year, sex and province."""
    score, name, onset = 0.0, 0.0, False
    for ka in a.keys:
        for kb in b.keys:
            similarity, differs = key_evidence(ka, kb)
            adjusted = similarity - (ONSET_PENALTY if differs else 0.0)
            if adjusted > score:
                score, name, onset = adjusted, similarity, differs
    year = "unknown"
    if a.birth_year and b.birth_year:
        gap = abs(a.birth_year - b.birth_year)
        year = "same" if gap == 0 else "close" if gap <= 2 else "far"
        score += {"same": 6, "close": 2, "far": -25}[year]
    sex = "unknown"
    if a.sex and b.sex:
        sex = "same" if a.sex == b.sex else "different"
        score += 2 if sex == "same" else -30
    province = "unknown"
    if a.province and b.province:
        province = "same" if a.province == b.province else "different"
        score += 2 if province == "same" else -3
    return Evidence(round(name, 1), year, sex, province, round(score, 1), onset)


def match(records: Iterable[Record], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """(record_id_a, record_id_b, score) for the pairs judged to be the same person."""
    records = list(records)
    found = []
    best_bonus = 10.0  # birth year (6) + sex (2) + province (2): no pair can gain more
    for i, j in candidate_pairs(records):
        a, b = records[i], records[j]
        one_name_each = len(a.keys) == len(b.keys) == 1  # the common case
        if one_name_each and key_similarity(a.keys[0], b.keys[0]) + best_bonus < threshold:
            continue
        evidence = score_pair(a, b)
        if evidence.score >= threshold:
            first, second = sorted((a.record_id, b.record_id))
            found.append((first, second, evidence.score))
    return sorted(found)
