"""An independent labelled set of person records: Lao names written by hand, romanised by
romanisers coded here (not the engine's, not the demo generator's), with labelled variations.

Nothing comes from `pokpong.demo` or `pokpong.matching`: the syllables below are written in Lao
with a phonemic reading of each (initial . vowel . final), and five romanisation systems render
that reading on their own rules — a BGN/PCGN (1966)-style system, ALA-LC (with its diacritics),
the French-era spellings still on old documents (ou, x, gn, -nh, -ne, -ck, -th), English-press
spellings and Thai-influenced (RTGS-like) ones. Lao-script records get old-orthography and
typing variants (ຣ for ລ and etymological spellings, ໍ + າ for ຳ, ໃ for ໄ, tone marks dropped
or changed, zero-width characters, a space inside a name, ຫມ for ໝ); Latin records get
syllable splits, doubled or single consonants, final h, ph→p, th→t, ai↔ay, v↔w, family name
in capitals, names swapped; records lose their birth year or province. Each record lists the
variations it carries, so recall can be read per variation.

Hard negatives are other persons built beside some persons: siblings (same family name, a given
name sharing a syllable, born 1–8 years apart), namesakes of another generation (parent and
child with the very same name, 20–35 years apart — their records always carry the birth year,
as a name alone cannot tell them apart), and cousins (same family name, another given name,
close in age). Given and family names are combined at random: the persons are fictitious.

    .venv/bin/python bench/matching/independent.py --persons 1000 \
        --out bench/matching/independent.csv
"""

import argparse
import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# Lao syllable → phonemic reading "initial.vowel.final". Initials: k kh ng c(ຈ) s(ສ) x(ຊ) ny d t
# th n b p ph f m y l w h and "" (ອ); vowels: a aa i ii ue uee u uu e ee ae o oo or oe ia uea ua
# ai ao am; finals: "" n ng m k t p w y. Written from knowledge of Lao names, nothing imported.
SYLLABLES = {
    "ສຸກ": "s.u.k",
    "ສະ": "s.a.",
    "ຫວັນ": "w.a.n",
    "ພອນ": "ph.or.n",
    "ວົງ": "w.o.ng",
    "ແສງ": "s.ae.ng",
    "ອາ": ".aa.",
    "ລຸນ": "l.u.n",
    "ບຸນ": "b.u.n",
    "ມີ": "m.ii.",
    "ຄຳ": "kh.am.",
    "ຟອງ": "f.or.ng",
    "ພູມ": "ph.uu.m",
    "ມະ": "m.a.",
    "ຈັນ": "c.a.n",
    "ສີ": "s.ii.",
    "ສຸ": "s.u.",
    "ລາດ": "l.aa.t",
    "ພົມ": "ph.o.m",
    "ຫາ": "h.aa.",
    "ທະ": "th.a.",
    "ໄຊ": "x.ai.",
    "ຍະ": "ny.a.",
    "ພະ": "ph.a.",
    "ລັງ": "l.a.ng",
    "ພັນ": "ph.a.n",
    "ດອນ": "d.or.n",
    "ແກ້ວ": "k.ae.w",
    "ອິນ": ".i.n",
    "ວັນ": "w.a.n",
    "ນະ": "n.a.",
    "ລາ": "l.aa.",
    "ພິ": "ph.i.",
    "ດວງ": "d.ua.ng",
    "ສົມ": "s.o.m",
    "ບັດ": "b.a.t",
    "ໂນ": "n.oo.",
    "ທຳ": "th.am.",
    "ລິ": "l.i.",
    "ຍາ": "ny.aa.",
    "ຈັກ": "c.a.k",
    "ບຸບ": "b.u.p",
    "ຜາ": "ph.aa.",
    "ທອງ": "th.or.ng",
    "ດີ": "d.ii.",
    "ໄໝ": "m.ai.",
    "ບົວ": "b.ua.",
    "ນາ": "n.aa.",
    "ລີ": "l.ii.",
    "ນຸ": "n.u.",
    "ສອນ": "s.or.n",
    "ຫວາດ": "w.aa.t",
    "ນີ": "n.ii.",
    "ເດືອນ": "d.uea.n",
    "ພູ": "ph.uu.",
    "ພາ": "ph.aa.",
    "ອຳ": ".am.",
    "ນ້ອຍ": "n.or.y",
    "ແພງ": "ph.ae.ng",
    "ວຽງ": "w.ia.ng",
    "ເພັດ": "ph.e.t",
    "ໝອນ": "m.or.n",
    "ລັດ": "l.a.t",
    "ດາ": "d.aa.",
    "ມາ": "m.aa.",
    "ເຫຼືອ": "l.uea.",
    "ຈິດ": "c.i.t",
    "ສັກ": "s.a.k",
    "ວິ": "w.i.",
    "ໄລ": "l.ai.",
    "ປານ": "p.aa.n",
    "ຂັນ": "kh.a.n",
    "ສາ": "s.aa.",
    "ນວນ": "n.ua.n",
    "ຄູນ": "kh.uu.n",
    "ປະ": "p.a.",
    "ເສີດ": "s.oe.t",
    "ໄພ": "ph.ai.",
    "ວີ": "w.ii.",
    "ໝີ": "m.ii.",
    "ດາວ": "d.aa.w",
    "ສານ": "s.aa.n",
    "ເຮືອງ": "h.uea.ng",
    "ຕາ": "t.aa.",
    "ສຸດ": "s.u.t",
    "ໄກ": "k.ai.",
    "ຈະ": "c.a.",
    "ເລີນ": "l.oe.n",
    "ໂພ": "ph.oo.",
    "ທິ": "th.i.",
    "ຊາ": "x.aa.",
    "ນາງ": "n.aa.ng",
    "ເກດ": "k.e.t",
    "ຄູ": "kh.uu.",
    "ຫຼວງ": "l.ua.ng",
    "ໜູ": "n.uu.",
    "ຕຸ້ຍ": "t.u.y",
    "ແດງ": "d.ae.ng",
}

GIVEN_FEMALE = [
    "ມະ-ນີ-ວັນ",
    "ວິ-ໄລ-ວັນ",
    "ສຸ-ລິ-ຍາ",
    "ນາ-ລີ",
    "ຈັນ-ທະ-ລາ",
    "ດວງ-ເດືອນ",
    "ສຸ-ພາ-ພອນ",
    "ແສງ-ດາວ",
    "ມາ-ລີ",
    "ລັດ-ສະ-ໝີ",
    "ສີ-ດາ",
    "ຄຳ-ແພງ",
    "ວຽງ-ສະ-ໄໝ",
    "ບົວ-ພັນ",
    "ຈັນ-ສະ-ໝອນ",
    "ນ້ອຍ",
    "ແພງ",
    "ອຳ-ພອນ",
    "ສຸ-ວັນ-ນີ",
    "ດາ-ລາ",
    "ບຸບ-ຜາ",
    "ທອງ-ສະ-ໄໝ",
    "ຄຳ-ຟອງ",
    "ເພັດ-ສະ-ໝອນ",
    "ແກ້ວ-ມະ-ນີ",
    "ມະ-ນີ",
    "ອຳ-ໄພ",
    "ພອນ-ສະ-ໄໝ",
    "ວັນ-ນາ",
    "ສຸ-ດາ-ລາ",
    "ຈັນ-ທະ-ວີ",
    "ນາງ-ນ້ອຍ",
    "ແດງ",
    "ໜູ",
    "ພູ-ວຽງ",
    "ທິ-ດາ",
    "ບຸນ-ມາ",
]
GIVEN_MALE = [
    "ບຸນ-ມີ",
    "ສົມ-ພອນ",
    "ສົມ-ສັກ",
    "ບຸນ-ທະ-ວີ",
    "ທອງ-ດີ",
    "ຄຳ-ພອນ",
    "ຄຳ-ປານ",
    "ອາ-ນຸ-ສອນ",
    "ສີ-ສະ-ຫວາດ",
    "ພູ-ວົງ",
    "ວັນ-ນະ",
    "ບຸນ-ເຫຼືອ",
    "ສົມ-ຈິດ",
    "ຄຳ-ສອນ",
    "ໄຊ-ສົມ-ບັດ",
    "ປະ-ເສີດ",
    "ເພັດ",
    "ສຸກ",
    "ຂັນ",
    "ທອງ-ຄູນ",
    "ສຸດ-ໄກ",
    "ເຮືອງ",
    "ບຸນ-ຈັນ",
    "ສີ-ທອງ",
    "ຄຳ-ຕາ",
    "ສຸກ-ສະ-ຫວັນ",
    "ພອນ-ສະ-ຫວັນ",
    "ຈະ-ເລີນ",
    "ໂພ-ທິ",
    "ຕຸ້ຍ",
    "ຄຳ-ມະ",
    "ບຸນ-ຫຼວງ",
    "ສົມ-ພັນ",
    "ວົງ-ສາ",
    "ອຳ-ພອນ",
    "ສົມ-ຊາ",
]
FAMILY = [
    "ສຸກ-ສະ-ຫວັນ",
    "ພອນ-ສະ-ຫວັນ",
    "ວົງ-ສະ-ຫວັນ",
    "ແສງ-ອາ-ລຸນ",
    "ພູມ-ມະ-ຈັນ",
    "ສີ-ສຸ-ລາດ",
    "ພົມ-ມະ-ວົງ",
    "ສີ-ຫາ-ລາດ",
    "ຈັນ-ທະ-ວົງ",
    "ໄຊ-ຍະ-ວົງ",
    "ວົງ-ພະ-ຈັນ",
    "ຈັນ-ທະ-ລັງ-ສີ",
    "ສີ-ພັນ-ດອນ",
    "ແກ້ວ-ວົງ-ສາ",
    "ອິນ-ທະ-ວົງ",
    "ສຸ-ວັນ-ນະ-ວົງ",
    "ລາດ-ສະ-ວົງ",
    "ພິ-ລາ-ວົງ",
    "ດວງ-ສະ-ຫວັນ",
    "ສີ-ສົມ-ບັດ",
    "ມະ-ໂນ-ທຳ",
    "ແສງ-ສຸ-ລິ-ຍາ",
    "ພົມ-ມະ-ຈັກ",
    "ຄຳ-ມະ-ວົງ",
    "ໄຊ-ຍະ-ສານ",
    "ສີ-ປະ-ເສີດ",
    "ທຳ-ມະ-ວົງ",
    "ບຸນ-ຍະ-ວົງ",
    "ພົມ-ມະ-ສອນ",
    "ແກ້ວ-ມະ-ນີ",
    "ວົງ-ດາ-ລາ",
    "ສຸ-ລິ-ຍະ-ວົງ",
    "ພູ-ມີ-ສານ",
    "ຄູ-ນາ-ວົງ",
    "ເກດ-ສະ-ໝອນ",
    "ຫຼວງ-ລາດ",
    "ແສງ-ພະ-ຈັນ",
    "ອິນ-ທະ-ລາດ",
    "ບົວ-ລະ-ພາ",
    "ສີ-ວົງ-ສາ",
]
SYLLABLES["ລະ"] = "l.a."
# Compound names on the common Lao patterns (a first element + a second), for a population
# whose full names rarely repeat by chance: the namesakes in the set are the ones built on purpose.
GIVEN_FIRST = [
    "ບຸນ",
    "ສົມ",
    "ຄຳ",
    "ທອງ",
    "ພອນ",
    "ແກ້ວ",
    "ຈັນ",
    "ມະ-ນີ",
    "ວິ-ໄລ",
    "ສີ",
    "ເພັດ",
    "ດວງ",
    "ບົວ",
    "ອຳ",
    "ວຽງ",
    "ແສງ",
    "ສຸກ",
]
GIVEN_SECOND = [
    "ມີ",
    "ພອນ",
    "ສັກ",
    "ດີ",
    "ປານ",
    "ສອນ",
    "ຈິດ",
    "ວັນ",
    "ລາ",
    "ສະ-ໄໝ",
    "ພັນ",
    "ສະ-ໝອນ",
    "ດາ",
    "ຄູນ",
    "ເຫຼືອ",
    "ທະ-ວີ",
    "ແພງ",
    "ສະ-ຫວັນ",
    "ມາ",
    "ລີ",
    "ຕາ",
]
FAMILY_FIRST = [
    "ສຸກ",
    "ພອນ",
    "ວົງ",
    "ແສງ",
    "ພູມ-ມະ",
    "ສີ",
    "ພົມ-ມະ",
    "ຈັນ-ທະ",
    "ໄຊ-ຍະ",
    "ອິນ-ທະ",
    "ສຸ-ວັນ-ນະ",
    "ລາດ-ສະ",
    "ພິ-ລາ",
    "ດວງ",
    "ແກ້ວ",
    "ຄຳ",
    "ບຸນ",
    "ທອງ",
    "ມະ-ໂນ",
    "ບົວ",
    "ສົມ",
    "ຫຼວງ",
    "ເກດ",
]
FAMILY_SECOND = [
    "ວົງ",
    "ສະ-ຫວັນ",
    "ລາດ",
    "ຈັນ",
    "ສານ",
    "ສອນ",
    "ມະ-ນີ",
    "ວົງ-ສາ",
    "ພັນ",
    "ລາ",
    "ດາ-ລາ",
    "ສຸກ",
    "ທອງ",
    "ສີ",
    "ວິ-ໄລ",
    "ພະ-ຈັນ",
    "ສົມ-ບັດ",
    "ລັງ-ສີ",
]


def _compounds(first: list[str], second: list[str]) -> list[str]:
    return [f"{a}-{b}" for a in first for b in second if a.split("-")[-1] != b.split("-")[0]]


GIVEN_ALL = sorted(set(GIVEN_FEMALE + GIVEN_MALE + _compounds(GIVEN_FIRST, GIVEN_SECOND)))
FAMILY_ALL = sorted(set(FAMILY + _compounds(FAMILY_FIRST, FAMILY_SECOND)))
PROVINCES = ["LA-VT", "LA-VI", "LA-SV", "LA-CH", "LA-SL", "LA-BK", "LA-LP", "LA-XA", "LA-OU"]

SYSTEMS = ("bgn", "alalc", "french", "english", "thai")
TONES = "\u0ec8\u0ec9\u0eca\u0ecb"
LAO_CONSONANTS_HERE = "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢລວສຫອຮ"


def _syl(name: str) -> list[str]:
    return name.split("-")


def _phon(syllable: str) -> tuple[str, str, str]:
    initial, vowel, final = SYLLABLES[syllable].split(".")
    return initial, vowel, final


# --- the romanisers: each renders (initial, vowel, final) on its own rules ----------------------


def _render(system: str, rng: random.Random, name: list[str]) -> list[str]:
    """The romanised syllables of one name by one system (random where a system hesitates)."""
    out = []
    for index, syllable in enumerate(name):
        initial, vowel, final = _phon(syllable)
        last = index == len(name) - 1
        out.append(RENDER[system](rng, initial, vowel, final, index == 0, last))
    return out


def _bgn(rng: random.Random, i: str, v: str, f: str, first: bool, last: bool) -> str:
    ini = {"c": "ch", "x": "x", "ny": "gn" if first else "ny", "w": "v", "": ""}.get(i, i)
    vow = {
        "aa": "a",
        "ii": "i",
        "ue": "u",
        "uee": "u",
        "u": "ou",
        "uu": "ou",
        "ee": "é",
        "e": "é",
        "ae": "è",
        "o": "ô",
        "oo": "ô",
        "or": "o",
        "oe": "eu",
        "ia": "ia",
        "uea": "ua",
        "ua": "oua",
        "ai": "ai",
        "ao": "ao",
        "am": "am",
    }.get(v, v)
    fin = {"w": "o", "y": "y"}.get(f, f)
    if v == "ua" and f:
        vow = "ua"
    return ini + vow + fin


def _alalc(rng: random.Random, i: str, v: str, f: str, first: bool, last: bool) -> str:
    ini = {"c": "č", "x": "s", "": "ʻ", "w": "v"}.get(i, i)
    vow = {
        "aa": "ā",
        "ii": "ī",
        "ue": "ư",
        "uee": "ư̄",
        "uu": "ū",
        "ee": "ē",
        "ae": "æ",
        "oo": "ō",
        "or": "ǭ",
        "oe": "œ̄",
        "ia": "īa",
        "uea": "ưa",
        "ua": "ūa",
        "ai": "ai",
        "ao": "ao",
        "am": "am",
    }.get(v, v)
    fin = {"w": "w", "y": "y"}.get(f, f)
    return ini + vow + fin


def _french(rng: random.Random, i: str, v: str, f: str, first: bool, last: bool) -> str:
    ini = {
        "c": rng.choice(["ch", "ch", "j"]),
        "x": "x",
        "ny": rng.choice(["gn", "ny"]) if not first else rng.choice(["gn", "ny", "y"]),
        "w": "v",
        "": "",
    }.get(i, i)
    vow = {
        "aa": "a",
        "ue": "eu",
        "uee": "eu",
        "u": "ou",
        "uu": "ou",
        "ee": "é",
        "e": "e",
        "ae": rng.choice(["e", "è", "ae"]),
        "o": "o",
        "oo": "ô" if rng.random() < 0.3 else "o",
        "or": "o",
        "oe": "eu",
        "ia": "ie",
        "uea": "eua",
        "ua": "oua",
        "ai": rng.choice(["ay", "ai"]),
        "ao": "ao",
        "am": "am",
    }.get(v, v)
    if v in ("i", "ii"):
        vow = "y" if last and not f else "i"
    if v == "ae" and f == "w":
        return ini + "eo"  # ແກ້ວ: Keo
    fin = f
    if f == "n":
        if v in ("a", "aa") and last:
            fin = rng.choice(["nh", "nh", "ne", "n"])
        elif v in ("or", "uea", "ua", "oo", "o") and last:
            fin = "ne"
        elif last:
            fin = rng.choice(["n", "ne"])
    elif f == "k":
        fin = "ck" if rng.random() < 0.4 else "k"
    elif f == "t":
        fin = rng.choice(["th", "th", "t"]) if last else "t"
    elif f == "w":
        fin = "o"
    return ini + vow + fin


def _english(rng: random.Random, i: str, v: str, f: str, first: bool, last: bool) -> str:
    ini = {"c": "ch", "x": "s", "ny": "ny" if not first else "y", "w": rng.choice(["v", "w"])}.get(
        i, i
    )
    vow = {
        "aa": "a",
        "ii": rng.choice(["i", "ee"]) if last and not f else "i",
        "ue": "eu",
        "uee": "eu",
        "uu": "u",
        "ee": "e",
        "ae": rng.choice(["ae", "e"]),
        "oo": "o",
        "or": "o",
        "oe": "er",
        "ia": "ia",
        "uea": "uea",
        "ua": "ua",
    }.get(v, v)
    if v == "ae" and f == "w":
        return ini + rng.choice(["eo", "aew"])
    fin = {"w": "o", "y": "y"}.get(f, f)
    return ini + vow + fin


def _thai(rng: random.Random, i: str, v: str, f: str, first: bool, last: bool) -> str:
    if i == "s" and v == "ii" and not f and rng.random() < 0.5:
        return "sri"  # the Pali/Thai spelling of ສີ
    ini = {
        "c": rng.choice(["ch", "j"]),
        "x": "s",
        "ny": "y",
        "w": "w",
        "ph": "ph",
        "th": "th",
    }.get(i, i)
    if i == "p" and v == "a" and first and rng.random() < 0.5:
        ini = "pr"  # ປະເສີດ: Prasert
    vow = {
        "aa": "a",
        "ii": "i",
        "ue": "ue",
        "uee": "ue",
        "uu": "u",
        "ee": "e",
        "ae": "ae",
        "oo": "o",
        "or": "orn"[: 2 if f else 1] if rng.random() < 0.5 else "o",  # ພອນ: Phorn
        "oe": "oe",
        "ia": "ia",
        "uea": "uea",
        "ua": "ua",
        "am": "am",
    }.get(v, v)
    if v == "oe" and f == "t":
        return ini + "ert"  # ເສີດ: sert
    fin = {"w": "w", "y": "i", "t": rng.choice(["t", "d"]), "p": rng.choice(["p", "b"])}.get(f, f)
    return ini + vow + fin


RENDER = {"bgn": _bgn, "alalc": _alalc, "french": _french, "english": _english, "thai": _thai}


# --- variations -----------------------------------------------------------------------------


def _lao_text(name: list[str]) -> str:
    return "".join(name)


OLD_ORTHOGRAPHY = {"ສີ": "ສຣີ", "ທຳ": "ທັມ", "ລັດ": "ຣັດ", "ລາດ": "ຣາດ", "ລາ": "ຣາ", "ລິ": "ຣິ"}


def lao_variants(rng: random.Random, name: list[str], wanted: set[str]) -> tuple[str, set[str]]:
    """A Lao name with some of the wanted variations (those that apply); returns what applied."""
    applied: set[str] = set()
    syllables = list(name)
    if "lao_old" in wanted:
        changed = [i for i, s in enumerate(syllables) if s in OLD_ORTHOGRAPHY or "ລ" in s]
        if changed:
            i = rng.choice(changed)
            s = syllables[i]
            syllables[i] = OLD_ORTHOGRAPHY.get(s) or s.replace("ລ", "ຣ")
            applied.add("lao_old")
    if "lao_cluster" in wanted and any(c in s for s in syllables for c in "ໝໜຼ"):
        syllables = [s.replace("ໝ", "ຫມ").replace("ໜ", "ຫນ").replace("ຫຼ", "ຫລ") for s in syllables]
        applied.add("lao_cluster")
    if "lao_tone" in wanted and any(t in s for s in syllables for t in TONES):
        i = rng.choice([i for i, s in enumerate(syllables) if any(t in s for t in TONES)])
        mark = next(t for t in syllables[i] if t in TONES)
        other = rng.choice(["", *[t for t in TONES[:2] if t != mark]])
        syllables[i] = syllables[i].replace(mark, other)
        applied.add("lao_tone")
    elif "lao_tone" in wanted:
        # a tone mark written where none is: after the syllable's consonant
        i = rng.randrange(len(syllables))
        s = syllables[i]
        at = 2 if s[:1] in "ເແໂໄໃ" else 1
        if len(s) > at and s[at - 1] in LAO_CONSONANTS_HERE:
            syllables[i] = s[:at] + TONES[rng.randrange(2)] + s[at:]
            applied.add("lao_tone")
    if "lao_ai" in wanted and any(s.startswith(("ໄ", "ໃ")) for s in syllables):
        syllables = [
            ("ໃ" + s[1:] if s.startswith("ໄ") else "ໄ" + s[1:]) if s[:1] in "ໄໃ" else s
            for s in syllables
        ]
        applied.add("lao_ai")
    text_parts = list(syllables)
    if "lao_am" in wanted and any("ຳ" in s for s in text_parts):
        text_parts = [s.replace("ຳ", "\u0ecd\u0eb2") for s in text_parts]
        applied.add("lao_am")
    if "lao_space" in wanted and len(text_parts) > 1:
        cut = rng.randrange(1, len(text_parts))
        text = "".join(text_parts[:cut]) + " " + "".join(text_parts[cut:])
        applied.add("lao_space")
    else:
        text = "".join(text_parts)
    if "lao_typo" in wanted and len(text) > 3:
        # a typing slip: a vowel sign or tone mark left out, or a letter typed twice
        signs = [i for i, ch in enumerate(text) if ch in "ັິີຶືຸູົ່້"]
        if signs and rng.random() < 0.6:
            at = rng.choice(signs)
            text = text[:at] + text[at + 1 :]
        else:
            at = rng.randrange(len(text))
            text = text[:at] + text[at] + text[at:]
        applied.add("lao_typo")
    if "lao_zw" in wanted and len(text) > 2:
        at = rng.randrange(1, len(text))
        text = text[:at] + rng.choice(["\u200b", "\u200c", "\u200d", "\ufeff"]) + text[at:]
        applied.add("lao_zw")
    return text, applied


def latin_variants(
    rng: random.Random, syllables: list[str], wanted: set[str], family: bool
) -> tuple[str, set[str]]:
    applied: set[str] = set()
    syl = list(syllables)
    if "lat_split" in wanted and len(syl) > 1:
        cut = rng.randrange(1, len(syl))
        words = ["".join(syl[:cut]), "".join(syl[cut:])]
        if len(syl) > 2 and rng.random() < 0.3:
            words = syl  # every syllable apart: Souk Sa Vanh
        applied.add("lat_split")
    else:
        words = ["".join(syl)]
    out = []
    for word in words:
        w = word
        if "lat_double" in wanted:
            if re.search(r"([bcdfgklmnprstvxy])\1", w):
                w = re.sub(r"([bcdfgklmnprstvxy])\1", r"\1", w, count=1)
                applied.add("lat_double")
            else:
                m = re.search(r"(?<=[aeiou])([lmnsv])(?=[aeiou])", w)
                if m:
                    w = w[: m.start()] + m.group(1) * 2 + w[m.end() :]
                    applied.add("lat_double")
        if "lat_final_h" in wanted:
            if w.endswith(("nh", "th")):
                w = w[:-1]
                applied.add("lat_final_h")
            elif w.endswith(("n", "t")) and len(w) > 3:
                w = w + "h"
                applied.add("lat_final_h")
        for tag, old, new in (("lat_ph", "ph", "p"), ("lat_th", "th", "t")):
            if tag in wanted and old in w:
                w = w.replace(old, new)
                applied.add(tag)
        if "lat_ai" in wanted:
            if "ai" in w:
                w = w.replace("ai", "ay")
                applied.add("lat_ai")
            elif "ay" in w:
                w = w.replace("ay", "ai")
                applied.add("lat_ai")
        if "lat_vw" in wanted:
            if "v" in w:
                w = w.replace("v", "w")
                applied.add("lat_vw")
            elif "w" in w:
                w = w.replace("w", "v")
                applied.add("lat_vw")
        out.append(w)
    if "lat_typo" in wanted:
        # a typing slip in one word: a letter dropped, doubled or swapped with the next
        k = rng.randrange(len(out))
        w = out[k]
        if len(w) > 4:
            at = rng.randrange(1, len(w) - 2)
            slip = rng.choice(["drop", "double", "swap"])
            if slip == "drop":
                w = w[:at] + w[at + 1 :]
            elif slip == "double":
                w = w[:at] + w[at] + w[at:]
            else:
                w = w[:at] + w[at + 1] + w[at] + w[at + 2 :]
            out[k] = w
            applied.add("lat_typo")
    text = " ".join(word[:1].upper() + word[1:] for word in out if word)
    if family and "lat_caps" in wanted:
        text = text.upper()
        applied.add("lat_caps")
    return text, applied


LAO_VARIATIONS = [
    "lao_old",
    "lao_cluster",
    "lao_tone",
    "lao_ai",
    "lao_am",
    "lao_space",
    "lao_zw",
    "lao_typo",
]
LATIN_VARIATIONS = [
    "lat_typo",
    "lat_split",
    "lat_double",
    "lat_final_h",
    "lat_ph",
    "lat_th",
    "lat_ai",
    "lat_vw",
    "lat_caps",
]


@dataclass
class Person:
    number: int
    given: list[str]
    family: list[str]
    sex: str
    birth_year: int
    province: str
    group: int
    relation: str = ""  # "", sibling, namesake, cousin (a hard negative of the group's first)
    keep_year: bool = False


@dataclass
class IndependentRecord:
    record_id: str
    person: int
    group: int
    script: str
    system: str
    given: str
    family: str
    sex: str
    birth_year: int | None
    province: str
    variations: set[str] = field(default_factory=set)


def _persons(rng: random.Random, count: int) -> list[Person]:
    persons: list[Person] = []
    group = 0
    while len(persons) < count:
        sex = rng.choice(["female", "female", "male"])
        pool = (GIVEN_FEMALE if sex == "female" else GIVEN_MALE) * 4 + GIVEN_ALL
        base = Person(
            len(persons),
            _syl(rng.choice(pool)),
            _syl(rng.choice(FAMILY * 3 + FAMILY_ALL)),
            sex,
            rng.randint(1960, 2010),
            rng.choice(PROVINCES),
            group,
        )
        persons.append(base)
        roll = rng.random()
        if roll < 0.12:  # a sibling: same family name, a given name sharing a syllable
            sib_sex = rng.choice(["female", "male"]) if rng.random() < 0.5 else sex
            sib_pool = GIVEN_FEMALE if sib_sex == "female" else GIVEN_MALE
            close = [
                g for g in GIVEN_ALL if _syl(g) != base.given and set(_syl(g)) & set(base.given)
            ]
            given = _syl(rng.choice(close or sib_pool))
            year = base.birth_year + rng.choice([-1, 1]) * rng.randint(1, 8)
            persons.append(
                Person(
                    len(persons), given, base.family, sib_sex, year, base.province, group, "sibling"
                )
            )
        elif roll < 0.20:  # a parent or child of the very same name
            base.keep_year = True
            gap = rng.randint(20, 35)  # the child younger, the parent older
            year = base.birth_year - gap if base.birth_year > 1985 else base.birth_year + gap
            persons.append(
                Person(
                    len(persons),
                    base.given,
                    base.family,
                    sex,
                    year,
                    base.province,
                    group,
                    "namesake",
                    keep_year=True,
                )
            )
        elif roll < 0.28:  # a cousin: same family name, another given name, close in age
            c_sex = rng.choice(["female", "female", "male"])
            c_pool = GIVEN_ALL
            given = _syl(rng.choice([g for g in c_pool if _syl(g) != base.given]))
            year = base.birth_year + rng.randint(-5, 5)
            province = base.province if rng.random() < 0.6 else rng.choice(PROVINCES)
            persons.append(
                Person(len(persons), given, base.family, c_sex, year, province, group, "cousin")
            )
        group += 1
    return persons[:count]


def build(persons: int = 1000, seed: int = 1966) -> list[IndependentRecord]:
    rng = random.Random(seed)
    records: list[IndependentRecord] = []
    for person in _persons(rng, persons):
        copies = rng.choice([1, 2, 2, 3, 3, 4]) if not person.relation else rng.choice([1, 2, 2, 3])
        for _copy in range(copies):
            lao = rng.random() < 0.35
            wanted: set[str] = set()
            pool = LAO_VARIATIONS if lao else LATIN_VARIATIONS
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
                wanted.add(rng.choice(pool))
            applied: set[str] = set()
            if lao:
                system = "lao"
                # a typing slip in one of the two names only
                slip_given = rng.random() < 0.5
                wanted_g = wanted - ({"lao_space"} if rng.random() < 0.5 else set())
                given, a1 = lao_variants(
                    rng, person.given, wanted_g - (set() if slip_given else {"lao_typo"})
                )
                family, a2 = lao_variants(
                    rng, person.family, wanted - ({"lao_typo"} if slip_given else set())
                )
                applied |= a1 | a2
            else:
                system = rng.choice(SYSTEMS)
                slip_given = rng.random() < 0.5
                given, a1 = latin_variants(
                    rng,
                    _render(system, rng, person.given),
                    wanted - (set() if slip_given else {"lat_typo"}),
                    False,
                )
                family, a2 = latin_variants(
                    rng,
                    _render(system, rng, person.family),
                    wanted - ({"lat_typo"} if slip_given else set()),
                    True,
                )
                applied |= a1 | a2
            if rng.random() < 0.1:
                given, family = family, given
                applied.add("swapped")
            year: int | None = person.birth_year
            if rng.random() < 0.12:
                year = person.birth_year + rng.choice([-1, 1])
                applied.add("year_off")
            if not person.keep_year and rng.random() < 0.18:
                year = None
                applied.discard("year_off")
                applied.add("no_year")
            province = person.province
            if rng.random() < 0.12:
                province = ""
                applied.add("no_province")
            records.append(
                IndependentRecord(
                    f"i{len(records)}",
                    person.number,
                    person.group,
                    "lao" if lao else "latin",
                    system,
                    given,
                    family,
                    person.sex,
                    year,
                    province,
                    applied,
                )
            )
    rng.shuffle(records)
    return records


def true_pairs(records: list[IndependentRecord]) -> set[tuple[str, str]]:
    by_person: dict[int, list[str]] = {}
    for record in records:
        by_person.setdefault(record.person, []).append(record.record_id)
    pairs: set[tuple[str, str]] = set()
    for ids in by_person.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


FIELDS = [
    "record_id",
    "person",
    "group",
    "script",
    "system",
    "given_name",
    "family_name",
    "sex",
    "birth_year",
    "province_iso",
    "variations",
]


def write_csv(records: list[IndependentRecord], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for r in records:
            writer.writerow(
                [
                    r.record_id,
                    r.person,
                    r.group,
                    r.script,
                    r.system,
                    r.given,
                    r.family,
                    r.sex,
                    r.birth_year or "",
                    r.province,
                    " ".join(sorted(r.variations)),
                ]
            )


def read_csv(path: Path) -> list[IndependentRecord]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            IndependentRecord(
                row["record_id"],
                int(row["person"]),
                int(row["group"]),
                row["script"],
                row["system"],
                row["given_name"],
                row["family_name"],
                row["sex"],
                int(row["birth_year"]) if row["birth_year"] else None,
                row["province_iso"],
                set(row["variations"].split()),
            )
            for row in csv.DictReader(fh)
        ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1966)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("independent.csv"))
    args = parser.parse_args()
    records = build(args.persons, args.seed)
    write_csv(records, args.out)
    print(
        f"{len(records)} records of {args.persons} persons, {len(true_pairs(records))} true pairs"
    )


if __name__ == "__main__":
    main()
