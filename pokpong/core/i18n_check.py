"""Check the Lao catalogue: every string of the code is in it, translated, and not fuzzy.

Run as `python -m pokpong.core.i18n_check` (needs gettext's xgettext, like makemessages).
It re-extracts the strings into the catalogue, then fails when the extraction added or removed
a message (someone forgot `make messages-update`) or when any message is untranslated or fuzzy.
"""

import os
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "locale" / "lo" / "LC_MESSAGES" / "django.po"
MAKEMESSAGES = [
    sys.executable,
    "manage.py",
    "makemessages",
    "--locale",
    "lo",
    "--no-obsolete",
    "--add-location",
    "file",
    "--ignore",
    "staticfiles/*",
    "--ignore",
    "static/vendor/*",
    "--ignore",
    "docs/*",
    "--ignore",
    "bench/*",
    "--ignore",
    "tests/*",
    "--ignore",
    "*/tests/*",
]


def _ids(path: Path) -> set[tuple[str, str | None]]:
    with path.open("rb") as fh:
        catalogue = read_po(fh)
    return {(str(m.id if isinstance(m.id, str) else m.id[0]), m.context) for m in catalogue if m.id}


def extract() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(MAKEMESSAGES, cwd=ROOT, env=env, check=True)  # noqa: S603


def problems() -> list[str]:
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            found.append(f"untranslated: {message.id!r}")
    return found


def main() -> int:
    before = _ids(CATALOGUE)
    extract()
    after = _ids(CATALOGUE)
    errors = [f"not in the committed catalogue: {mid!r}" for mid, _ctx in sorted(after - before)]
    errors += [f"no longer in the code: {mid!r}" for mid, _ctx in sorted(before - after)]
    errors += problems()
    for line in errors:
        print(line)  # noqa: T201
    if errors:
        print(f"Lao catalogue: {len(errors)} problem(s). Run `make messages-update`, translate.")  # noqa: T201
        return 1
    print(f"Lao catalogue: {len(after)} messages, all translated.")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
