"""A labelled, fictitious set of person records with realistic Lao and Latin variants.

Each true person gets one to three records: in Lao script, or romanised in one of the usual
ways (Souksavanh / Souksavan / Suksavan, ph/p, x/s, v/w, ou/u, final h, given and family name
swapped), with small typing slips, a birth year sometimes one off and sometimes missing. Hard
negatives are built in: other persons share a given name, a family name, or the whole name with
another birth year or sex (common in real life, about one in four here).
"""

import random
from dataclasses import dataclass

from pokpong.demo.names import SYLLABLES

PROVINCES = ["LA-VT", "LA-SV", "LA-CH", "LA-SL", "LA-BK", "LA-LP"]


@dataclass(frozen=True)
class LabelledRecord:
    record_id: str
    person: int
    script: str
    given: str
    family: str
    sex: str
    birth_year: int | None
    province: str


def _name(rng: random.Random, parts: int) -> list[tuple[str, list[str]]]:
    return [rng.choice(SYLLABLES) for _ in range(parts)]


def _latin(rng: random.Random, syllables: list[tuple[str, list[str]]]) -> str:
    word = "".join(rng.choice(latin) for _lao, latin in syllables)
    if rng.random() < 0.08 and len(word) > 4:  # a typing slip
        i = rng.randrange(1, len(word) - 1)
        word = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]
    return word.capitalize()


def _lao(syllables: list[tuple[str, list[str]]]) -> str:
    return "".join(lao for lao, _latin in syllables)


def build(persons: int = 2000, seed: int = 7) -> list[LabelledRecord]:
    rng = random.Random(seed)
    given_pool = [_name(rng, rng.choice([2, 2, 3])) for _ in range(max(50, persons // 6))]
    family_pool = [_name(rng, rng.choice([2, 3, 3])) for _ in range(max(40, persons // 8))]
    records, n = [], 0
    for person in range(persons):
        given, family = rng.choice(given_pool), rng.choice(family_pool)
        sex, year = rng.choice(["female", "female", "male"]), rng.randint(1970, 2012)
        province = rng.choice(PROVINCES)
        for copy in range(rng.choice([1, 2, 2, 3])):
            script = "lao" if rng.random() < 0.35 else "latin"
            if script == "lao":
                g, f = _lao(given), _lao(family)
            else:
                g, f = _latin(rng, given), _latin(rng, family)
                if rng.random() < 0.1:
                    g, f = f, g  # given and family name swapped
            birth = year if rng.random() < 0.75 else (year + rng.choice([-1, 1]))
            if rng.random() < 0.1:
                birth = None
            records.append(
                LabelledRecord(
                    f"r{n}",
                    person,
                    script,
                    g,
                    f,
                    sex,
                    birth,
                    province if copy == 0 or rng.random() < 0.8 else rng.choice(PROVINCES),
                )
            )
            n += 1
    return records


def true_pairs(records: list[LabelledRecord]) -> set[tuple[str, str]]:
    by_person: dict[int, list[str]] = {}
    for record in records:
        by_person.setdefault(record.person, []).append(record.record_id)
    pairs = set()
    for ids in by_person.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.add(tuple(sorted((a, b))))
    return pairs
