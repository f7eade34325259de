"""Normalising names in Lao and Latin script, and romanising Lao, for search keys only.

Display always uses the names as typed. These forms only build keys: equivalent spellings must
give equal keys (ຫຼ/ຫລ, ໜ/ຫນ, ໝ/ຫມ, ຳ/ໍາ, ຣ/ລ, zero-width characters, tone marks for fuzzy keys;
Souksavanh/Souksavan/Suksavan, ph/p, x/s, ou/u, v/w, final h …).
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

UA = "\ue000"


def _reorder_prefix_vowels(word: str) -> str:
    """ແສງ → ສແງ: put a prefix vowel after its consonant (and after ຫ + consonant clusters),
    so that romanisation reads it in spoken order."""
    chars, out, i = list(word), [], 0
    while i < len(chars):
        ch = chars[i]
        if ch in PREFIX_VOWELS and i + 1 < len(chars) and chars[i + 1] in LAO_CONSONANTS:
            take = (
                2
                if (chars[i + 1] == "ຫ" and i + 2 < len(chars) and chars[i + 2] in LAO_CONSONANTS)
                else 1
            )
            out.extend(chars[i + 1 : i + 1 + take])
            out.append(ch)
            i += 1 + take
            continue
        out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=50_000)
def romanise_lao(text: str) -> str:
    """Lao script → Latin letters with laonlp's moh2020 engine, after fixing its known gaps
    (prefix vowels, ວ as the vowel "ua", the silent carrier ອ)."""
    from laonlp.transliterate import transliterate

    words = normalise_lao(text, drop_tones=True).split()
    latin = []
    for word in words:
        word = _reorder_prefix_vowels(word)
        # ຫ before a sonorant only marks the tone (ຫລວງ = luang, ຫນ້ອຍ = noy).
        word = re.sub("ຫ(?=[ງຍນມລວ])", "", word)
        # ວ between two consonants is the vowel "ua" (ດວງ = duang), not the consonant v; a
        # private-use placeholder passes through the transliterator untouched.
        word = re.sub(f"(?<=[{LAO_CONSONANTS}])ວ(?=[{LAO_CONSONANTS}])", UA, word)
        result = transliterate(word, engine="moh2020").replace(UA, "ua")
        result = re.sub(r"^o(?=[aeiou])", "", result)  # ອ carries an initial vowel, silently
        result = result.replace("oo", "ua")  # ົວ without a final consonant (ຕົວ = tua)
        result = re.sub(r"ov(?![aeiou])", "ua", result)  # ບົວພັນ = buaphan
        result = result.replace("ea", "e")  # ເ-ັ is a short e (ເພັດ = phet)
        latin.append(result)
    return " ".join(latin)


def fold_latin(text: str) -> str:
    """Lower case, accents stripped, letters and spaces only."""
    text = unicodedata.normalize("NFKD", digits_to_ascii(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z ]+", " ", text).split())


_PHONETIC_RULES = (
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
    ("ai", "ai"),
    ("q", "k"),
)


@lru_cache(maxsize=100_000)
def phonetic(word: str) -> str:
    """A key that variant romanisations of one Lao name share (Souksavanh = Suksavan)."""
    key = fold_latin(word).replace(" ", "")
    key = re.sub(r"^n[hy](?=[aeiou])", "y", key)  # ຍ: Nha, Nya, Ya
    for old, new in _PHONETIC_RULES:
        key = key.replace(old, new)
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


def name_parts(text: str) -> list[str]:
    """Phonetic keys of each part of a name typed in either script."""
    latin = romanise_lao(text) if is_lao(text) else fold_latin(text)
    return [p for p in (phonetic(part) for part in latin.split()) if p]
