"""Seed rows of this list: loaded by a data migration, and again by tests that flush."""

from typing import Any

SERVICES = [
    ("shelter", "ທີ່ພັກອາໄສຊົ່ວຄາວ", "Shelter", "Shelter"),
    ("medical", "ການປິ່ນປົວທາງການແພດ", "Medical care", "Medical"),
    ("psychosocial", "ການຊ່ວຍເຫຼືອດ້ານຈິດໃຈ ແລະ ສັງຄົມ", "Psychosocial support", "Psychosocial"),
    ("legal", "ການຊ່ວຍເຫຼືອທາງດ້ານກົດໝາຍ", "Legal aid", "Legal"),
    ("repatriation", "ການສົ່ງກັບຄືນປະເທດ", "Repatriation support", "Repatriation"),
    ("family_tracing", "ການຊອກຫາຄອບຄົວ", "Family tracing", "FamilyTracing"),
    ("education", "ການສຶກສາ", "Education", "Education"),
    ("vocational_training", "ການຝຶກອົບຮົມວິຊາຊີບ", "Vocational training", "VocationalTraining"),
    ("job_placement", "ການຈັດຫາວຽກເຮັດງານທຳ", "Job placement", "JobPlacement"),
    ("livelihood", "ການຊ່ວຍເຫຼືອດ້ານການດຳລົງຊີວິດ", "Livelihood support", "Livelihood"),
    ("food_basic_items", "ອາຫານ ແລະ ເຄື່ອງໃຊ້ຈຳເປັນ", "Food and basic items", "Other"),
    ("transport_ticket", "ປີ້ລົດ ຫຼື ຄ່າເດີນທາງ", "Transport ticket", "Other"),
    ("other", "ອື່ນໆ", "Other", "Other"),
]

# Support given once, not based on a needs assessment: not counted by CUSTOM-2.
ONE_OFF = {"food_basic_items", "transport_ticket"}


def load_service_types(apps: Any, schema_editor: Any = None) -> None:
    model = apps.get_model("referrals", "ServiceType")
    for order, (code, lo, en, htcds) in enumerate(SERVICES, start=1):
        model.objects.update_or_create(
            code=code,
            defaults={"name_lo": lo, "name_en": en, "htcds_value": htcds, "sort_order": order * 10},
        )
    if any(f.name == "is_one_off" for f in model._meta.fields):  # from migration 0006 on
        model.objects.filter(code__in=ONE_OFF).update(is_one_off=True)
