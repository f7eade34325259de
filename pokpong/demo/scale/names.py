"""Names for the generator: a pool of given and family names in both scripts (the demo's
syllable-built names, `pokpong.demo.names`), each encrypted once, and the blind-index tokens
computed per distinct name part and name pair, not per person.

**Fictitious data only**: a name's ciphertext is made once and shared by every person who bears
it. Fernet still decrypts each copy (the pages read them as usual), but equal ciphertexts show
which records share a name, which real data must never allow; `encrypt` is called per value
everywhere else in Pokpong.

The tokens are exactly those `pokpong.matching.keys.person_tokens` gives (the tests compare
them): for a name of one word per part, `name_forms` reads it as (given key, family key), so
its keys are the parts' own keys plus the keys of the pair.
"""

import random
from collections.abc import Iterable

from pokpong.core.crypto import encrypt
from pokpong.demo.names import NamePool
from pokpong.demo.persons import name_pools
from pokpong.matching.keys import _hash
from pokpong.matching.normalise import name_forms, skeleton


class Ciphers:
    """One ciphertext per distinct value (fictitious data only: see above)."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {"": ""}

    def __call__(self, text: str) -> str:
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = encrypt(text)
        return found


class Tokens:
    """The blind-index tokens of a person's names, cached per part and per pair."""

    def __init__(self) -> None:
        self.hashes: dict[str, int] = {}
        self.parts: dict[str, str] = {}  # a name part as written -> its phonetic key ("" none)
        self.part_tokens: dict[str, frozenset[int]] = {}
        self.band_tokens: dict[tuple[str, int], int] = {}
        self.pair_tokens: dict[tuple[str, str], frozenset[int]] = {}
        self.pair_band: dict[tuple[str, str, int], int] = {}

    def _h(self, key: str) -> int:
        found = self.hashes.get(key)
        if found is None:
            found = self.hashes[key] = _hash(key)
        return found

    def key(self, part: str) -> str:
        found = self.parts.get(part)
        if found is None:
            forms = name_forms(part)
            if len(forms) > 1 or (forms and len(forms[0]) != 1):
                raise ValueError(f"a generated name part is one word: {part!r}")
            found = self.parts[part] = forms[0][0] if forms else ""
        return found

    def _part(self, key: str) -> frozenset[int]:
        found = self.part_tokens.get(key)
        if found is None:
            padded = f"^{key}$"
            keys = {f"K:{key}", f"S:{skeleton(key)}", f"J:{key}"}
            keys.update(f"T:{padded[i : i + 3]}" for i in range(len(padded) - 2))
            # J: is the whole name's key: a part's own only when it is the whole name
            found = self.part_tokens[key] = frozenset(self._h(k) for k in keys if k[0] != "J")
            self.part_tokens["J" + key] = frozenset([self._h(f"J:{key}")])
        return found

    def _pair(self, a: str, b: str) -> frozenset[int]:
        found = self.pair_tokens.get((a, b))
        if found is None:
            whole = "|".join(sorted((a, b)))
            found = frozenset((self._h(f"F:{whole}"), self._h(f"J:{a}{b}"), self._h(f"J:{b}{a}")))
            self.pair_tokens[(a, b)] = found
        return found

    def _band(self, key: str, band: int) -> int:
        found = self.band_tokens.get((key, band))
        if found is None:
            found = self.band_tokens[(key, band)] = self._h(f"KY:{key}|{band}")
        return found

    def _pair_band(self, a: str, b: str, band: int) -> int:
        found = self.pair_band.get((a, b, band))
        if found is None:
            whole = "|".join(sorted((a, b)))
            found = self.pair_band[(a, b, band)] = self._h(f"FY:{whole}|{band}")
        return found

    def of(self, names: Iterable[tuple[str, str]], band: int | None) -> set[int]:
        """The tokens of a person's (given, family) names, each part one word or empty."""
        found: set[int] = set()
        for given, family in names:
            keys = [k for k in (self.key(given), self.key(family)) if k]
            if given and family and len(keys) < 2:
                continue  # name_forms reads no (given, family) pair in such a name
            for key in keys:
                found |= self._part(key)
                if band is not None:
                    found.add(self._band(key, band))
            if len(keys) == 2:
                found |= self._pair(keys[0], keys[1])
                if band is not None:
                    found.add(self._pair_band(keys[0], keys[1], band))
            elif len(keys) == 1:
                self._part(keys[0])
                found |= self.part_tokens["J" + keys[0]]
        return found


def pools(rng: random.Random, persons: int) -> tuple[NamePool, NamePool]:
    """The demo's name pools, capped at a few thousand parts (names repeat, as in a real
    register; the commonest are the demo's familiar names)."""
    return name_pools(rng, min(persons, 100_000))
