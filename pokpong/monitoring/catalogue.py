"""The indicator catalogue's seed: `monitoring/data/indicators.csv`, loaded by a data migration
and again by tests that flush the database. Idempotent: existing indicators are updated by code,
so an administrator's deactivation (`is_active`) is kept."""

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "indicators.csv"


def catalogue_rows() -> list[dict[str, Any]]:
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        {
            "code": row["code"].strip(),
            "name_en": row["name_en"].strip(),
            "name_lo": row["name_lo"].strip(),
            "definition_en": row["definition_en"].strip(),
            "definition_lo": row["definition_lo"].strip(),
            "unit": row["unit"].strip(),
            "pillar": row["pillar"].strip(),
            "disaggregations": [d.strip() for d in row["disaggregations"].split(";") if d.strip()],
            "frequency": row["frequency"].strip(),
            "source_note": row["source_note"].strip(),
            "rule": row["rule"].strip(),
            "sort_order": int(row["sort_order"]),
        }
        for row in rows
    ]


def load_catalogue(apps: Any = None, schema_editor: Any = None) -> None:
    """Create or update the seeded indicators (`apps`: a migration's registry, or none)."""
    if apps is None:
        from pokpong.monitoring.models import Indicator

        model: Any = Indicator
    else:
        model = apps.get_model("monitoring", "Indicator")
    for row in catalogue_rows():
        code = row.pop("code")
        model.objects.update_or_create(code=code, defaults=row)
