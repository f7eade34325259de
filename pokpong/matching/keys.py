"""Blind-index tokens: keyed hashes of a name's phonetic keys and their pieces.

The database never sees a name or a normalised copy of it, only 64-bit HMACs (key
`POKPONG_BLIND_INDEX_KEY`, separate from the encryption keys). Equal keys give equal tokens, so
a query finds persons sharing tokens without anything readable being stored.
"""

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings

from pokpong.matching.normalise import name_parts, skeleton


def _hash(text: str) -> int:
    digest = hmac.new(
        settings.POKPONG_BLIND_INDEX_KEY.encode(), text.encode(), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def key_strings(name: str) -> set[str]:
    """The plain keys of one name (never stored): per part its phonetic key, consonant
    skeleton and trigrams, and one order-independent key of the whole name."""
    parts = name_parts(name)
    keys: set[str] = set()
    for part in parts:
        keys.add(f"K:{part}")
        keys.add(f"S:{skeleton(part)}")
        padded = f"^{part}$"
        keys.update(f"T:{padded[i : i + 3]}" for i in range(len(padded) - 2))
    if len(parts) > 1:
        keys.add("F:" + "|".join(sorted(parts)))
    return keys


def tokens(names: Iterable[str]) -> set[int]:
    return {_hash(key) for name in names if name for key in key_strings(name)}


def person_names(person: object) -> list[str]:
    """Every name a person is recorded under, in both scripts (decrypted in memory)."""
    names = [
        " ".join(p for p in (person.given_name_lo, person.family_name_lo) if p),
        " ".join(p for p in (person.given_name_latin, person.family_name_latin) if p),
    ]
    names += [alias.full_name for alias in person.aliases.all()]
    return [n for n in names if n.strip()]
