"""Lao alphabetical order without a compiled ICU: a sort key for names in bounded lists.

Lao writes ເ ແ ໂ ໃ ໄ before the consonant they follow in speech, and ICU's order sorts by the
consonant first: ແສງ sorts with ສ, not after every consonant. Code-point order gets this wrong.
"""

from pokpong.matching.normalise import PREFIX_VOWELS, normalise_lao

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
