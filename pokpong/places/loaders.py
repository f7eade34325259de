"""Load the place reference files shipped in pokpong/places/data (used by a data migration)."""

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_ORDER = 100  # Country.sort_order's default: countries below it come first


def load_places(apps: Any, schema_editor: Any) -> None:
    province_model = apps.get_model("places", "Province")
    district_model = apps.get_model("places", "District")
    country_model = apps.get_model("places", "Country")
    with (DATA / "provinces.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            province_model.objects.update_or_create(
                national_code=row["national_code"],
                defaults={
                    "iso_code": row["iso_3166_2"],
                    "name_lo": row["name_lo"],
                    "name_en": row["name_en"],
                    "iso_name": row["iso_name"],
                    "other_spellings": row["other_spellings"],
                },
            )
    provinces = {int(p.national_code): p for p in province_model.objects.all()}
    with (DATA / "districts_unverified.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            district_model.objects.update_or_create(
                code=row["district_code"].zfill(4),
                defaults={
                    "province": provinces[int(row["province_code"])],
                    "name_lo": row["name_lo"].strip(),
                    "name_en": row["name_en"].strip(),
                },
            )
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country_model.objects.update_or_create(
                alpha2=row["alpha2"],
                defaults={
                    "alpha3": row["alpha3"],
                    "name_en": row["name_en"],
                    "name_lo": row["name_lo"],
                    "sort_order": int(row["sort_order"]),
                },
            )


def fill_country_names(apps: Any, schema_editor: Any) -> None:
    """Lao names and the order of the neighbours and main destinations, from countries.csv:
    only where an administrator has not set them (a name still blank, an order still 100)."""
    country_model = apps.get_model("places", "Country")
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        rows = {row["alpha2"]: row for row in csv.DictReader(fh)}
    for country in country_model.objects.filter(alpha2__in=rows):
        row = rows[country.alpha2]
        if not country.name_lo:
            country.name_lo = row["name_lo"]
        if country.sort_order == DEFAULT_ORDER:
            country.sort_order = int(row["sort_order"])
        country.save(update_fields=["name_lo", "sort_order"])


# The current programme's four target provinces (data: editable afterwards by administrators).
PROGRAMME_AREA = ("LA-VT", "LA-SV", "LA-CH", "LA-SL")


def flag_programme_area(apps: Any, schema_editor: Any = None) -> None:
    """Flag the programme's target provinces and all their districts (a data migration's)."""
    province_model = apps.get_model("places", "Province")
    district_model = apps.get_model("places", "District")
    province_model.objects.filter(iso_code__in=PROGRAMME_AREA).update(in_programme_area=True)
    district_model.objects.filter(province__iso_code__in=PROGRAMME_AREA).update(
        in_programme_area=True
    )
