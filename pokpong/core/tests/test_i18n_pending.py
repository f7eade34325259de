"""Pending translations written by parallel work are folded into the catalogue."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from pokpong.core.i18n_pending import apply


def _write(path: Path, entries: dict[str, str], fuzzy: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    catalogue = Catalog(locale="lo")
    for msgid, msgstr in entries.items():
        catalogue.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    with path.open("wb") as fh:
        write_po(fh, catalogue)


def test_untranslated_and_fuzzy_messages_are_filled_translated_ones_kept(tmp_path: Path) -> None:
    main = tmp_path / "django.po"
    _write(main, {"Dashboard": "", "Targets": "ເກົ່າ", "Period": "ໄລຍະ", "Unknown": ""}, {"Targets"})
    pending = tmp_path / "pending"
    pending.mkdir()
    _write(pending / "a.po", {"Dashboard": "ໜ້າສັງລວມ", "Targets": "ຄາດໝາຍ"})
    _write(pending / "b.po", {"Period": "ອື່ນ"})

    filled, missing = apply(main, pending)

    with main.open("rb") as fh:
        result = {m.id: (m.string, m.fuzzy) for m in read_po(fh) if m.id}
    assert result["Dashboard"] == ("ໜ້າສັງລວມ", False)
    assert result["Targets"] == ("ຄາດໝາຍ", False)
    assert result["Period"] == ("ໄລຍະ", False)  # already translated: not overwritten
    assert filled == 2
    assert missing == ["Unknown"]
