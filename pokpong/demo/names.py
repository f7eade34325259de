"""Fictitious Lao personal names: syllables in Lao script with their customary romanisations,
and pools of given and family names drawn with a realistic (Zipf) spread.

Lao names are compounds of a small syllable inventory (Souk-savanh, Phom-ma-chanh), so a large
population has many names and a few very common ones. Used by the demo data and the benchmarks;
no real person is described.
"""

import itertools
import random

# (Lao, customary romanisations)
SYLLABLES = [
    ("ສຸກ", ["souk", "suk"]),
    ("ສະ", ["sa"]),
    ("ຫວັນ", ["vanh", "van", "wan"]),
    ("ບຸນ", ["boun", "bun"]),
    ("ມີ", ["my", "mi", "mee"]),
    ("ພົມ", ["phom", "pom"]),
    ("ມະ", ["ma"]),
    ("ຈັນ", ["chanh", "chan", "jan"]),
    ("ແກ້ວ", ["keo", "kaew"]),
    ("ນີ", ["ny", "ni", "nee"]),
    ("ວົງ", ["vong", "wong"]),
    ("ໄຊ", ["xay", "say", "sai"]),
    ("ດວງ", ["douang", "duang"]),
    ("ຄຳ", ["kham", "kam"]),
    ("ພອນ", ["phone", "phon", "pon"]),
    ("ແສງ", ["seng", "saeng"]),
    ("ດາວ", ["dao", "dau"]),
    ("ທອງ", ["thong", "tong"]),
    ("ສີ", ["si", "sy", "see"]),
    ("ຫາ", ["ha"]),
    ("ລາດ", ["lath", "lat"]),
    ("ອິນ", ["in"]),
    ("ທະ", ["tha", "ta"]),
    ("ລາ", ["la"]),
    ("ບົວ", ["boua", "bua"]),
    ("ພັນ", ["phanh", "phan", "pan"]),
    ("ນາ", ["na"]),
    ("ລີ", ["ly", "li"]),
    ("ວັນ", ["vanh", "van", "wan"]),
    ("ເພັດ", ["phet", "pet"]),
    ("ໄພ", ["phay", "phai"]),
    ("ລິ", ["li"]),
    ("ຍະ", ["nha", "ya"]),
    ("ສຸ", ["sou", "su"]),
    ("ວິ", ["vi", "wi"]),
    ("ໄລ", ["lay", "lai"]),
    ("ນ້ອຍ", ["noy", "noi"]),
    ("ອາ", ["a"]),
    ("ລຸນ", ["loun", "lun"]),
    ("ຈັນ", ["chanh", "chan"]),
    ("ທິບ", ["thip", "tip"]),
    ("ພູ", ["phou", "phu"]),
]

# Zipf exponent. At a million persons: the commonest given name is borne by 1.8 %, the commonest
# family name by 2.3 %, the commonest full name by 388 persons, and 11 % share their full name.
ZIPF = 0.75
NamePart = tuple[str, list[str]]  # (Lao script, romanisations: the usual one first)


def compose(syllables: list[tuple[str, list[str]]]) -> NamePart:
    """One name part from syllables: its Lao spelling and up to three romanisations."""
    lao = "".join(lao for lao, _latin in syllables)
    spellings = ["".join(forms) for forms in itertools.product(*(s[1] for s in syllables))]
    latin = [spellings[0], *spellings[1:3]]
    return lao, [word.capitalize() for word in latin]


class NamePool:
    """Distinct name parts, drawn with Zipf weights (the first, `head`, are the commonest)."""

    def __init__(self, rng: random.Random, *, head: list[NamePart], size: int, lengths: list[int]):
        parts, seen = list(head), {lao for lao, _latin in head}
        while len(parts) < size:
            lao, latin = compose([rng.choice(SYLLABLES) for _ in range(rng.choice(lengths))])
            if lao not in seen:
                seen.add(lao)
                parts.append((lao, latin))
        self.parts = parts
        self.cum_weights = list(itertools.accumulate((rank + 1) ** -ZIPF for rank in range(size)))

    def draw(self, rng: random.Random) -> NamePart:
        return rng.choices(self.parts, cum_weights=self.cum_weights)[0]
