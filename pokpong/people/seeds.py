"""Seed rows of this list: loaded by a data migration, and again by tests that flush."""

from typing import Any

# A starting list of the most numerous groups; administrators complete it (Laos counts 50).
ETHNIC_GROUPS = [
    ("lao", "ລາວ", "Lao"),
    ("khmu", "ກຶມມຸ", "Khmu"),
    ("hmong", "ມົ້ງ", "Hmong"),
    ("phouthai", "ຜູ້ໄທ", "Phouthai"),
    ("tai", "ໄຕ", "Tai"),
    ("makong", "ມະກອງ", "Makong"),
    ("katang", "ກະຕາງ", "Katang"),
    ("lue", "ລື້", "Lue"),
    ("akha", "ອາຄາ", "Akha"),
    ("iu_mien", "ອິວມ້ຽນ", "Iu Mien"),
    ("other", "ອື່ນໆ", "Other"),
]


def load_ethnic_groups(apps: Any, schema_editor: Any = None) -> None:
    model = apps.get_model("people", "EthnicGroup")
    for order, (code, lo, en) in enumerate(ETHNIC_GROUPS, start=1):
        model.objects.update_or_create(
            code=code, defaults={"name_lo": lo, "name_en": en, "sort_order": order * 10}
        )
