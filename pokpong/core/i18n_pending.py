"""Fold pending translations (locale/pending/*.po) into the Lao catalogue.

Helpers working in parallel write their Lao translations into their own file under
`locale/pending/` instead of editing the shared catalogue (which would conflict on every merge).
After `make messages-update` has extracted the new strings, run
`python -m pokpong.core.i18n_pending` to copy each pending translation into the catalogue where the
message is still untranslated or fuzzy; the pending files can then be removed.
"""

import sys
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "locale" / "lo" / "LC_MESSAGES" / "django.po"
PENDING = ROOT / "locale" / "pending"


def _key(message_id: object, context: str | None) -> tuple[str, str | None]:
    if isinstance(message_id, (tuple, list)):
        return (str(message_id[0]), context)
    return (str(message_id), context)


def apply(catalogue_path: Path = CATALOGUE, pending_dir: Path = PENDING) -> tuple[int, list[str]]:
    pending: dict[tuple[str, str | None], Any] = {}
    for path in sorted(pending_dir.glob("*.po")):
        with path.open("rb") as fh:
            for message in read_po(fh):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and all(strings):
                    pending[_key(message.id, message.context)] = message.string
    with catalogue_path.open("rb") as fh:
        catalogue = read_po(fh)
    filled = 0
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings) and not message.fuzzy:
            continue
        found = pending.get(_key(message.id, message.context))
        if found is None:
            missing.append(str(_key(message.id, message.context)[0]))
            continue
        message.string = found
        message.flags.discard("fuzzy")
        filled += 1
    with catalogue_path.open("wb") as fh:
        write_po(fh, catalogue, width=100)
    return filled, missing


def main() -> int:
    filled, missing = apply()
    print(f"{filled} translation(s) filled from {PENDING}.")  # noqa: T201
    for message_id in missing:
        print(f"still untranslated: {message_id!r}")  # noqa: T201
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
