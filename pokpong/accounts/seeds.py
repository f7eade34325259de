"""Seed rows of this list: loaded by a data migration, and again by tests that flush."""

from typing import Any

TYPES = [
    (
        "social_welfare",
        "ຫ້ອງການແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ",
        "Social welfare office",
        "LocalGovernmentOrganisation",
    ),
    ("police", "ຕຳຫຼວດ", "Police", "LawEnforcement"),
    ("lwu", "ສະຫະພັນແມ່ຍິງລາວ", "Lao Women's Union", "NGO"),
    ("shelter", "ສູນພັກພິງ", "Shelter", "NGO"),
    ("health", "ສາທາລະນະສຸກ", "Health", "HealthServiceOrganisation"),
    ("legal_aid", "ການຊ່ວຍເຫຼືອທາງດ້ານກົດໝາຍ", "Legal aid", "LegalService"),
    ("ngo", "ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດ", "Non-governmental organisation", "NGO"),
    ("international", "ອົງການຈັດຕັ້ງສາກົນ", "International organisation", "NGO"),
    ("donor", "ຜູ້ໃຫ້ທຶນ", "Donor", ""),
    ("government_other", "ອົງການລັດອື່ນໆ", "Other government body", "CentralGovernmentOrganisation"),
]


def load_organisation_types(apps: Any, schema_editor: Any = None) -> None:
    model = apps.get_model("accounts", "OrganisationType")
    for order, (code, lo, en, htcds) in enumerate(TYPES, start=1):
        model.objects.update_or_create(
            code=code,
            defaults={"name_lo": lo, "name_en": en, "htcds_value": htcds, "sort_order": order * 10},
        )
