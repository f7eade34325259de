"""Normalising names in Lao and Latin script, and romanising Lao, for search keys only.

Display always uses the names as typed. These forms only build keys: equivalent spellings must
give equal keys (ຫຼ/ຫລ, ໜ/ຫນ, ໝ/ຫມ, ຳ/ໍາ, ຣ/ລ, ໃ/ໄ, zero-width characters, tone marks;
Souksavanh/Souksavan/Suksavan, ph/p, x/s, ou/u, v/w, final h, and the BGN/PCGN, ALA-LC,
French-era, English-press and Thai-style spellings), and a name typed with spaces inside
("Souk Savanh") must give the keys of the name typed without them (`name_forms`).
Lao is romanised by this module's own syllable rules (laonlp is no longer used here).
"""

import re
import unicodedata
from functools import lru_cache

from pokpong.core.lao import (  # noqa: F401  (re-exported for the matching engine)
    LAO_CONSONANTS,
    PREFIX_VOWELS,
    TONE_MARKS,
    ZERO_WIDTH,
    digits_to_ascii,
    is_lao,
    normalise_lao,
)

# The Lao romaniser for keys (never for display). Own rules, syllable by syllable, on the
# normalised text without tone marks: an initial (or a ຫ + sonorant cluster), the vowel written
# around it, an optional final. Vowels are written as most romanisations do (ou and u, é and e
# fold together later), so that `phonetic` gives Lao and Latin records one key.
_INITIAL = {
    "ກ": "k", "ຂ": "kh", "ຄ": "kh", "ງ": "ng", "ຈ": "ch", "ສ": "s", "ຊ": "x", "ຍ": "ny",
    "ດ": "d", "ຕ": "t", "ຖ": "th", "ທ": "th", "ນ": "n", "ບ": "b", "ປ": "p", "ຜ": "ph",
    "ຝ": "f", "ພ": "ph", "ຟ": "f", "ມ": "m", "ຢ": "y", "ລ": "l", "ວ": "v", "ຫ": "h",
    "ອ": "", "ຮ": "h",
}  # fmt: skip
_FINAL = {"ງ": "ng", "ນ": "n", "ມ": "m", "ກ": "k", "ດ": "t", "ບ": "p", "ວ": "w", "ຍ": "y"}
_C = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢລວຫອຮ"
_I = f"(?P<i>ຫ[ງຍນມລວ]|ຫ(?![ງຍນມລວ])|[{_C.replace('ຫ', '')}])"
# A final consonant is one not read as the start of the next syllable: not followed by a vowel
# sign, nor by ວ/ອ/ຽ + consonant (ດວງ, ພອນ, ວຽງ).
_F = "(?P<f>[ງນມກດບວຍ](?![ະັາິີຶືຸູົໍຽ\u0eb3]|[ວອ][ງນມກດບວຍ]))?"
_SYLLABLE_PATTERNS = [
    (f"ເ{_I}[ືຶ]ອ{_F}", "uea"),
    (f"ເ{_I}ົາ", "ao"),
    (f"ເ{_I}ັຍ", "ia"),
    (f"{_I}ຽ{_F}", "ia"),
    (f"ເ{_I}[ີິ]{_F}", "oe"),
    (f"ເ{_I}ຍ(?![ະັາິີຶືຸູົໍຽ])", "ia"),  # ເສຍ
    (f"ເ{_I}າະ", "o"),
    (f"ເ{_I}[ັະ]?{_F}", "e"),
    (f"ແ{_I}[ັະ]?{_F}", "ae"),
    (f"ໂ{_I}ະ?{_F}", "o"),
    (f"ໄ{_I}{_F}", "ai"),
    (f"{_I}ົວ{_F}", "ua"),
    (f"{_I}ວ(?P<f>[ງນມກດບຍ])", "ua"),
    (f"{_I}ວ[ັາ]{_F}", "ua"),  # ຂວັນ, ກວາງ: a consonant + ວ before the vowel
    (f"{_I}\u0ecdາ", "am"),
    (f"{_I}ໍ", "o"),
    (f"{_I}ອ{_F}", "o"),
    (f"{_I}ະ", "a"),
    (f"{_I}[ັາ]{_F}", "a"),
    (f"{_I}[ິີ]{_F}", "i"),
    (f"{_I}[ຶື]{_F}", "ue"),
    (f"{_I}[ຸູ]{_F}", "u"),
    (f"{_I}ົ{_F}", "o"),
    (f"{_I}{_F}", "o"),
]
_SYLLABLE = re.compile(
    "|".join(
        f"(?:{p})".replace("?P<i>", f"?P<i{n}>").replace("?P<f>", f"?P<f{n}>")
        for n, (p, _v) in enumerate(_SYLLABLE_PATTERNS)
    )
)


def _initial(cluster: str) -> str:
    return _INITIAL[cluster[-1]] if len(cluster) == 2 else _INITIAL[cluster]


def _romanise_word(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        m = _SYLLABLE.match(word, i)
        if not m:
            i += 1  # a stray mark or sign: no sound of its own
            continue
        n = next(k for k in range(len(_SYLLABLE_PATTERNS)) if m.group(f"i{k}") is not None)
        final = m.group(f"f{n}") if f"f{n}" in m.re.groupindex else None
        vowel = _SYLLABLE_PATTERNS[n][1]
        out.append(_initial(m.group(f"i{n}")) + vowel + (_FINAL[final] if final else ""))
        i = m.end()
    return "".join(out)


_CLUSTERED = "ກຂຄຕທປພສ"  # ສຣີ, ປຣະ, ກຣ, ຕຣ, ພຣ: the old etymological clusters


def lao_key_text(text: str) -> str:
    """Every Lao normalisation a key needs, before romanising: NFC, zero-width characters,
    ຫຼ/ໜ/ໝ, ຳ = ໍ + າ, a silent etymological ຣ after a consonant (ສຣີ = ສີ), ຣ = ລ, ໃ = ໄ,
    tone marks and the cancellation mark dropped."""
    text = unicodedata.normalize("NFC", text.translate(ZERO_WIDTH)).translate(TONE_MARKS)
    text = text.replace("\u0ecc", "")  # ໌, the cancellation mark of etymological spellings
    text = re.sub(f"(?:^|(?<=[\\sເແໂໄໃະາິີຶືຸູ]))([{_CLUSTERED}])ຣ(?=[ິີຸູະັາ])", r"\1", text)
    text = normalise_lao(text).replace("ໃ", "ໄ")
    # A letter typed twice (ພົມມະ = ພົມະ: keys fold doubles), but not a consonant after ໄ: that
    # syllable is open, so the second one starts the next syllable (ໄພພູ, ໄຊຊະນະ, ໄລລີ).
    text = re.sub(r"(?<!ໄ)(.)\1+", r"\1", text)
    text = re.sub("ັມ(?![ະັາິີຶືຸູົໍຽ])", "\u0ecdາ", text)  # ທັມ, the old spelling of ທຳ
    return text


@lru_cache(maxsize=50_000)
def romanise_lao(text: str) -> str:
    """Lao script → Latin letters for keys (own rules: see `_SYLLABLE_PATTERNS`)."""
    return " ".join(w for w in (_romanise_word(w) for w in lao_key_text(text).split()) if w)


# Letters that NFKD does not take apart (ALA-LC's æ and œ, the ʻ of ອ, …).
_LETTERS = str.maketrans(
    {"æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "ß": "ss",
     "ư": "ue", "Ư": "ue", "ơ": "o", "Ơ": "o", "đ": "d", "Đ": "d"}
)  # fmt: skip


def fold_latin(text: str) -> str:
    """Lower case, accents stripped, letters and spaces only."""
    text = unicodedata.normalize("NFKD", digits_to_ascii(text).translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z ]+", " ", text).split())


# Applied in order to a folded word. Vowels first (the longest spellings of one Lao vowel
# before their pieces), then consonants, then what the romanisations add or drop.
_PHONETIC_RULES = (
    ("uea", "ua"),  # ເືອ: Thai uea, French eua, BGN ua, ALA-LC ưa
    ("eua", "ua"),
    ("ue", "e"),  # ື: ue, eu, ư
    ("eu", "e"),
    ("oe", "e"),  # ເີ: oe, eu, er (below)
    ("ie", "ia"),  # ຽ: Vieng = Viang
    ("au", "ao"),
    ("ck", "k"),  # French -ck (Somsack)
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("ch", "s"),
    ("x", "s"),
    ("j", "s"),
    ("z", "s"),
    ("c", "s"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("ae", "e"),
    ("q", "k"),
)


@lru_cache(maxsize=100_000)
def phonetic(word: str) -> str:
    """A key that variant romanisations of one Lao name share (Souksavanh = Suksavan)."""
    key = fold_latin(word).replace(" ", "")
    key = re.sub(r"^n[hy](?=[aeiou])", "y", key)  # ຍ: Nha, Nya, Ya
    key = re.sub(r"^([pkts])r", r"\1", key)  # Thai and Pali clusters: Prasert, Sri, Trong
    key = re.sub(r"(?<=[aeiou])([pkts])r(?=[aeiou])", r"\1", key)
    key = re.sub(r"(?<=[aeiou])ne(?=[bcdfhjklmpqrstvwxz])", "n", key)  # Phonesavanh
    key = re.sub(r"(?:gn|ny)(?=[aeiou])", "y", key)  # ຍ: French gn, ny = y (Souligna)
    key = re.sub(r"(?<=[eo])r(?![aeiou])", "", key)  # Thai/English er, or: Chalern, Phorn
    key = re.sub(r"^(k|kh|g|s|x)w(?=[aeiou])", r"\1u", key)  # ຂວັນ: Kwan = Khouane
    for old, new in _PHONETIC_RULES:
        key = key.replace(old, new)
    key = key.replace("r", "l")  # ຣ = ລ (Ratsamy = Latsamy)
    key = key[:1] + key[1:].replace("h", "")  # non-initial h is silent (final -nh, etc.)
    key = re.sub(r"ev(?![aeiou])", "eo", key)  # ແກ້ວ: Keo = Kaew = Kaev
    key = re.sub(r"av(?![aeiou])", "ao", key)  # ດາວ: Dao = Dav
    key = re.sub(r"iv(?![aeiou])", "iu", key)  # ນິວ: Niu = Niv
    key = re.sub(r"d(?![aeiou])", "t", key)  # final ດ sounds t (Phet = Phed)
    key = re.sub(r"b(?![aeiou])", "p", key)  # final ບ sounds p
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    if len(key) > 3 and key.endswith("e"):
        key = key[:-1]
    return key


def skeleton(key: str) -> str:
    """The consonants of a phonetic key: the coarsest, most forgiving form."""
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def name_words(text: str) -> list[str]:
    """A name typed in either script as folded Latin words (not yet phonetic keys)."""
    return (romanise_lao(text) if is_lao(text) else fold_latin(text)).split()


def name_parts(text: str) -> list[str]:
    """Phonetic keys of each part of a name typed in either script."""
    return [p for p in (phonetic(part) for part in name_words(text)) if p]


MAX_WORDS = 6


@lru_cache(maxsize=100_000)
def name_forms(text: str) -> tuple[tuple[str, ...], ...]:
    """The ways to read a full name as (given, family) keys, robust to spaces inside names:
    a name of two words is read as those two; of three or more, as each split of its words into
    two names, each name's words joined before its key is made ("Souk Sa Vanh Phommachanh" →
    souksavan + pomasan, among others). A one-word name is a form of one key."""
    words = name_words(text)[:MAX_WORDS]
    if len(words) <= 1:
        return tuple((key,) for key in map(phonetic, words) if key)
    forms = []
    for cut in range(1, len(words)):
        given, family = phonetic("".join(words[:cut])), phonetic("".join(words[cut:]))
        if given and family:
            forms.append((given, family))
    return tuple(dict.fromkeys(forms))


def joined_key(text: str) -> str:
    """The whole name as one key, spaces removed (the order as typed)."""
    return phonetic("".join(name_words(text)))
