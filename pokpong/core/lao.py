"""Lao text: digits, month names, one spelling of equivalent characters, alphabetical order.

Lao writes ເ ແ ໂ ໃ ໄ before the consonant they follow in speech, and ICU's order sorts by the
consonant first: ແສງ sorts with ສ, not after every consonant. Code-point order gets this wrong,
so `lao_sort_key` orders bounded lists without a compiled ICU. The matching engine builds its
search keys on `normalise_lao`.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

LAO_DIGITS = "໐໑໒໓໔໕໖໗໘໙"
_TO_ASCII = str.maketrans(LAO_DIGITS, "0123456789")

# The Lao month names, as written in ../shared/reference (also in the catalogue as Django's msgids).
LAO_MONTHS = (
    "ມັງກອນ",
    "ກຸມພາ",
    "ມີນາ",
    "ເມສາ",
    "ພຶດສະພາ",
    "ມິຖຸນາ",
    "ກໍລະກົດ",
    "ສິງຫາ",
    "ກັນຍາ",
    "ຕຸລາ",
    "ພະຈິກ",
    "ທັນວາ",
)

SEX_LABELS = {"female": _("Female"), "male": _("Male")}


def digits_to_ascii(text: str) -> str:
    """Lao digits ໐–໙ are accepted on input and stored as ASCII."""
    return text.translate(_TO_ASCII)


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
LAO_EQUIVALENTS = (
    ("\u0ebc", "\u0ea5"),  # ຫ + subscript lo (ຫຼ) → ຫລ
    ("\u0edc", "\u0eab\u0e99"),  # ໜ → ຫນ
    ("\u0edd", "\u0eab\u0ea1"),  # ໝ → ຫມ
    ("\u0eb3", "\u0ecd\u0eb2"),  # ຳ → ໍ + າ
    ("\u0ea3", "\u0ea5"),  # ຣ → ລ
)
TONE_MARKS = dict.fromkeys(range(0x0EC8, 0x0ECD))  # ່ ້ ໊ ໋ ໌
PREFIX_VOWELS = "\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4"  # ເ ແ ໂ ໃ ໄ, written before their consonant
LAO_CONSONANTS = "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢລວສຫອຮ"
_LAO_RANGE = re.compile(r"[\u0e80-\u0eff]")


def is_lao(text: str) -> bool:
    return bool(_LAO_RANGE.search(text))


def normalise_lao(text: str, *, drop_tones: bool = False) -> str:
    """NFC, no zero-width characters, one spelling for each equivalent pair; idempotent."""
    # Zero-width characters go first: between two marks they would block NFC's reordering.
    text = unicodedata.normalize("NFC", text.translate(ZERO_WIDTH))
    # NFC recomposes ໍ + າ into ຳ, so the equivalences run after it, on the decomposed forms.
    for variant, canonical in LAO_EQUIVALENTS:
        text = text.replace(variant, canonical)
    if drop_tones:
        text = text.translate(TONE_MARKS)
    return " ".join(digits_to_ascii(text).split())


CONSONANT_ORDER = "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ"
_RANK = {ch: i for i, ch in enumerate(CONSONANT_ORDER)}
_CharKey = tuple[int, int, int, int]


def _syllable_keys(word: str) -> list[_CharKey]:
    keys, i = [], 0
    chars = normalise_lao(word)
    while i < len(chars):
        ch = chars[i]
        if ch in PREFIX_VOWELS and i + 1 < len(chars) and chars[i + 1] in _RANK:
            keys.append((0, _RANK[chars[i + 1]], 1, ord(ch)))  # consonant first, then the vowel
            i += 2
            continue
        if ch in _RANK:
            keys.append((0, _RANK[ch], 0, 0))
        else:
            keys.append((1, ord(ch), 0, 0))
        i += 1
    return keys


def lao_sort_key(text: str) -> tuple[int, tuple[_CharKey, ...] | str]:
    """Sort key giving Lao alphabetical order; Latin text sorts after Lao, case-insensitively."""
    if any("\u0e80" <= ch <= "\u0eff" for ch in text):
        return (0, tuple(_syllable_keys(text)))
    return (1, text.casefold())
