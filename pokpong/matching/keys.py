"""Blind-index tokens: keyed hashes of a name's phonetic keys and their pieces.

The database never sees a name or a normalised copy of it, only 64-bit HMACs (key
`POKPONG_BLIND_INDEX_KEY`, separate from the encryption keys). Equal keys give equal tokens, so
a query finds persons sharing tokens without anything readable being stored.
"""

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings

from pokpong.matching.normalise import name_forms, skeleton


class _Alias(Protocol):
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...


class _Aliases(Protocol):
    def all(self) -> Iterable[_Alias]: ...


class NamedPerson(Protocol):
    """What the index reads of a person (a people.Person; matching builds on core only)."""

    @property
    def pk(self) -> Any: ...
    @property
    def given_name_lo(self) -> str: ...
    @property
    def family_name_lo(self) -> str: ...
    @property
    def given_name_latin(self) -> str: ...
    @property
    def family_name_latin(self) -> str: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def aliases(self) -> _Aliases: ...


def _hash(text: str) -> int:
    digest = hmac.new(
        settings.POKPONG_BLIND_INDEX_KEY.encode(), text.encode(), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


BAND_YEARS = 5


def year_bands(year: int | None, tolerance: int = 0) -> set[int]:
    """The five-year bands a birth year falls in, give or take `tolerance` years."""
    if not year:
        return set()
    return {(year - tolerance) // BAND_YEARS, (year + tolerance) // BAND_YEARS}


def key_strings(name: str, bands: Iterable[int] = ()) -> set[str]:
    """The plain keys of one name (never stored), for each reading of it as (given, family)
    (`name_forms`: spaces inside names and syllable splits give the same readings): per part
    its phonetic key, consonant skeleton and trigrams, one order-independent key of the whole
    name, and the whole name with spaces removed in either order (which a name typed as one word
    shares). With birth-year bands, the part and whole-name keys again combined with each band:
    far rarer tokens that pick out, among many namesakes, those born about the same time."""
    keys: set[str] = set()
    bands = tuple(bands)
    for parts in name_forms(name):
        for part in parts:
            keys.add(f"K:{part}")
            keys.add(f"S:{skeleton(part)}")
            padded = f"^{part}$"
            keys.update(f"T:{padded[i : i + 3]}" for i in range(len(padded) - 2))
        whole = "|".join(sorted(parts)) if len(parts) > 1 else ""
        keys.add(f"J:{''.join(parts)}")
        if whole:
            keys.add(f"F:{whole}")
            keys.add(f"J:{''.join(reversed(parts))}")
        for band in bands:
            keys.update(f"KY:{part}|{band}" for part in parts)
            if whole:
                keys.add(f"FY:{whole}|{band}")
    return keys


def tokens(names: Iterable[str], bands: Iterable[int] = ()) -> set[int]:
    bands = tuple(bands)
    return {_hash(key) for name in names if name for key in key_strings(name, bands)}


def person_tokens(person: NamedPerson) -> set[int]:
    """The tokens stored for one person: every recorded name, with their birth-year band."""
    return tokens(person_names(person), year_bands(person.birth_year))


def full_names(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """(given, family) pairs as full names, the empty ones left out."""
    names = (" ".join(p for p in pair if p) for pair in pairs)
    return [n for n in names if n.strip()]


def person_names(person: NamedPerson) -> list[str]:
    """Every name a person is recorded under, in both scripts (decrypted in memory)."""
    return full_names(
        [
            (person.given_name_lo, person.family_name_lo),
            (person.given_name_latin, person.family_name_latin),
            *((alias.given_name, alias.family_name) for alias in person.aliases.all()),
        ]
    )
