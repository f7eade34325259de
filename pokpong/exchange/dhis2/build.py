"""Indicator values as a DHIS2 `dataValueSet` (JSON), for every mapped organisation unit.

The numbers are the dashboard's and the reports' (`monitoring.reports.report_figures`), always
with small numbers protected (a DHIS2 instance is read by people outside Pokpong): a suppressed
cell is left out, never sent as a number. Indicators (or breakdown rows) without a mapped data
element are skipped and listed in the summary.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from pokpong.exchange.dhis2.periods import dhis2_period
from pokpong.exchange.models import Dhis2DataElement, Dhis2OrgUnit
from pokpong.exchange.registry import Progress
from pokpong.monitoring.periods import Period
from pokpong.monitoring.reports import ReportSpec, report_figures
from pokpong.monitoring.results import Cell, IndicatorResult, Scope

Key = tuple[str, str, str]  # indicator code, dimension ("" for the total), row key


@dataclass
class Dhis2Result:
    payload: dict[str, Any]
    values: int = 0
    suppressed: int = 0  # mapped cells left out: hidden as small numbers (or their complements)
    unknown: int = 0  # mapped cells with no value (a hand-entered indicator nobody entered)
    unmapped: list[str] = field(default_factory=list)  # indicator codes with no data element
    org_units: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "suppressed": self.suppressed,
            "unknown": self.unknown,
            "unmapped": self.unmapped,
            "org_units": self.org_units,
            "period": self.payload.get("period", ""),
        }


def _mapping() -> dict[Key, Dhis2DataElement]:
    elements = Dhis2DataElement.objects.select_related("indicator")
    return {(e.indicator.code, e.dimension, e.row): e for e in elements}


def _value(result: IndicatorResult, cell: Cell, *, total: bool) -> str | None:
    """The number DHIS2 gets: a rate indicator's total is its rate, any other cell a count."""
    if total and result.is_rate:
        return None if result.rate is None else f"{result.rate:.2f}"
    return None if cell.value is None else str(cell.value)


def _cells(result: IndicatorResult) -> list[tuple[Key, Cell, bool]]:
    cells = [((result.code, "", ""), result.total, True)]
    for breakdown in result.breakdowns:
        for row in breakdown.rows:
            cells.append(((result.code, breakdown.dimension, row.key), row.cell, False))
    return cells


def dhis2_data_value_set(period: Period, progress: Progress | None = None) -> Dhis2Result:
    step = progress or (lambda percent: None)
    mapping = _mapping()
    org_units = list(Dhis2OrgUnit.objects.select_related("province"))
    out = Dhis2Result(
        payload={
            "period": dhis2_period(period),
            "dataElementIdScheme": "CODE",
            "orgUnitIdScheme": "CODE",
            "categoryOptionComboIdScheme": "CODE",
            "dataValues": [],
        },
        org_units=len(org_units),
    )
    unmapped: set[str] = set()
    for done, unit in enumerate(org_units, 1):
        spec = ReportSpec(period=period, scope=Scope(province_id=unit.province_id), language="en")
        for result in report_figures(spec).results:
            if (result.code, "", "") not in mapping and not any(
                key[0] == result.code for key in mapping
            ):
                unmapped.add(result.code)
                continue
            for key, cell, total in _cells(result):
                _add(out, mapping.get(key), result, cell, total=total, org_unit=unit.code)
        step(10 + 85 * done // max(len(org_units), 1))
    out.unmapped = sorted(unmapped)
    return out


def _add(
    out: Dhis2Result,
    element: Dhis2DataElement | None,
    result: IndicatorResult,
    cell: Cell,
    *,
    total: bool,
    org_unit: str,
) -> None:
    if element is None:
        return
    if cell.suppressed:
        out.suppressed += 1
        return
    value = _value(result, cell, total=total)
    if value is None:
        out.unknown += 1
        return
    item = {
        "dataElement": element.data_element,
        "period": out.payload["period"],
        "orgUnit": org_unit,
        "value": value,
    }
    if element.category_option_combo:
        item["categoryOptionCombo"] = element.category_option_combo
    out.payload["dataValues"].append(item)
    out.values += 1


def dhis2_json(result: Dhis2Result) -> bytes:
    return json.dumps(result.payload, ensure_ascii=False, indent=1).encode("utf-8")
