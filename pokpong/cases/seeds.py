"""Seed rows of this list: loaded by a data migration, and again by tests that flush."""

from typing import Any

FORMS = [
    (
        "sexual_exploitation",
        "ການຂູດຮີດທາງເພດ",
        "Sexual exploitation",
        "isSexualExploit",
        "",
        "SexualExploitation",
    ),
    (
        "forced_labour_agriculture",
        "ແຮງງານບັງຄັບ - ກະສິກຳ",
        "Forced labour – agriculture",
        "isForcedLabour",
        "typeOfLabourAgriculture",
        "ForcedLabour",
    ),
    (
        "forced_labour_fishing",
        "ແຮງງານບັງຄັບ - ການປະມົງ",
        "Forced labour – fishing",
        "isForcedLabour",
        "typeOfLabourAquafarming",
        "ForcedLabour",
    ),
    (
        "forced_labour_construction",
        "ແຮງງານບັງຄັບ - ການກໍ່ສ້າງ",
        "Forced labour – construction",
        "isForcedLabour",
        "typeOfLabourConstruction",
        "ForcedLabour",
    ),
    (
        "forced_labour_factory",
        "ແຮງງານບັງຄັບ - ໂຮງງານ",
        "Forced labour – factory",
        "isForcedLabour",
        "typeOfLabourManufacturing",
        "ForcedLabour",
    ),
    (
        "forced_labour_domestic",
        "ແຮງງານບັງຄັບ - ວຽກບ້ານ",
        "Forced labour – domestic work",
        "isForcedLabour",
        "typeOfLabourDomesticWork",
        "ForcedLabour",
    ),
    (
        "forced_labour_hospitality",
        "ແຮງງານບັງຄັບ - ການບໍລິການ ແລະ ຮ້ານອາຫານ",
        "Forced labour – hospitality",
        "isForcedLabour",
        "typeOfLabourHospitality",
        "ForcedLabour",
    ),
    (
        "forced_labour_other",
        "ແຮງງານບັງຄັບ - ອື່ນໆ",
        "Forced labour – other",
        "isForcedLabour",
        "typeOfLabourOther",
        "ForcedLabour",
    ),
    (
        "forced_marriage",
        "ການແຕ່ງງານແບບບັງຄັບ ຫຼື ຫຼອກລວງ",
        "Forced or fraudulent marriage",
        "isForcedMarriage",
        "",
        "ForcedMarriage",
    ),
    (
        "forced_criminality",
        "ການບັງຄັບໃຫ້ກະທຳຜິດ / ສູນຫຼອກລວງທາງອອນລາຍ",
        "Forced criminality / online scam operations",
        "isOtherExploit",
        "",
        "",
    ),
    (
        "begging",
        "ການບັງຄັບໃຫ້ຂໍທານ",
        "Forced begging",
        "isForcedLabour",
        "typeOfLabourBegging",
        "ForcedBegging",
    ),
    ("organ_removal", "ການຕັດເອົາອະໄວຍະວະ", "Organ removal", "isOrganRemoval", "", "OrganRemoval"),
    ("other", "ອື່ນໆ", "Other", "isOtherExploit", "", ""),
]


def load_forms_of_trafficking(apps: Any, schema_editor: Any = None) -> None:
    model = apps.get_model("cases", "FormOfTrafficking")
    for order, (code, lo, en, flag, labour, htcds) in enumerate(FORMS, start=1):
        model.objects.update_or_create(
            code=code,
            defaults={
                "name_lo": lo,
                "name_en": en,
                "ctdc_flag": flag,
                "ctdc_labour_type": labour,
                "htcds_value": htcds,
                "sort_order": order * 10,
            },
        )
