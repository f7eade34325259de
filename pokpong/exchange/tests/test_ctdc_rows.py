"""One case as one CTDC row: the 63 columns in the reference order and the value rules."""

from pathlib import Path
from typing import Any

import pytest

from pokpong.exchange.ctdc.columns import COLUMNS, DEFAULT_LABELS, Source, age_band, row_of

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "ctdc_global_dataset_columns.txt"


def source(**changes) -> Source:
    values: dict[str, Any] = {
        "year": 2026,
        "sex": "female",
        "birth_year": 2006,
        "exploit_year": 2025,
        "citizenship": "LA",
        "country": "TH",
        "exploited_in_laos": False,
        "recruiter": "friend",
        "means": ["DebtBondage", "WithholdsDocuments"],
        "forms": [("isForcedLabour", "typeOfLabourAgriculture")],
    }
    values.update(changes)
    return Source(**values)


def row(**changes) -> dict[str, str]:
    return dict(zip(COLUMNS, row_of(source(**changes), DEFAULT_LABELS), strict=True))


def test_the_63_columns_are_the_reference_columns_in_order():
    assert tuple(REFERENCE.read_text(encoding="utf-8").split()) == COLUMNS
    assert len(COLUMNS) == 63


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "0--8"), (8, "0--8"), (9, "9--17"), (17, "9--17"), (18, "18--20"), (21, "21--23"),
     (29, "27--29"), (30, "30--38"), (47, "39--47"), (48, "48+"), (90, "48+"), (None, "-99"),
     (-1, "-99")],
)  # fmt: skip
def test_age_bands(age, band):
    assert age_band(age) == band


def test_a_young_woman_in_forced_agricultural_labour_in_thailand():
    values = row()
    assert values["yearOfRegistration"] == "2026"
    assert values["Datasource"] == "Case Management"
    assert (values["gender"], values["ageBroad"]) == ("Female", "18--20")
    assert values["majorityStatus"] == "Adult"
    assert values["majorityStatusAtExploit"] == values["majorityEntry"] == "Adult"
    assert (values["citizenship"], values["CountryOfExploitation"]) == ("LA", "TH")
    assert values["meansOfControlDebtBondage"] == values["meansOfControlWithholdsDocuments"] == "1"
    assert values["meansOfControlThreats"] == "0"
    assert values["meansOfControlNotSpecified"] == "0"
    assert values["meansOfControlConcatenated"] == "Debt bondage;Withholds documents"
    assert (values["isForcedLabour"], values["isSexualExploit"], values["isSexAndLabour"]) == (
        "1", "0", "0"
    )  # fmt: skip
    assert values["typeOfLabourAgriculture"] == "1"
    assert values["typeOfLabourConstruction"] == values["typeOfLabourNotSpecified"] == "0"
    assert values["typeOfLabourConcatenated"] == "Agriculture"
    assert values["typeOfExploitConcatenated"] == "Forced labour"
    assert values["typeOfSexProstitution"] == values["isAbduction"] == "-99"
    assert values["RecruiterRelationship"] == "Friend"
    assert values["recruiterRelationFriend"] == "1"
    assert values["recruiterRelationFamily"] == values["recruiterRelationUnknown"] == "0"


def test_a_minor_at_exploitation_who_is_an_adult_at_registration():
    values = row(birth_year=2007, exploit_year=2023, year=2026)
    assert (values["majorityStatus"], values["majorityStatusAtExploit"]) == ("Adult", "Minor")
    assert values["ageBroad"] == "18--20"


def test_unknowns_are_minus_99_and_unknown_countries_00():
    values = row(
        sex="unknown", birth_year=None, exploit_year=None, citizenship="", country="",
        recruiter="", means=[], forms=[],
    )  # fmt: skip
    for column in ("gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit"):
        assert values[column] == "-99", column
    assert (values["citizenship"], values["CountryOfExploitation"]) == ("00", "00")
    assert values["meansOfControlNotSpecified"] == "1"
    assert values["meansOfControlDebtBondage"] == values["meansOfControlConcatenated"] == "-99"
    assert values["isForcedLabour"] == values["isSexAndLabour"] == "-99"
    assert values["RecruiterRelationship"] == "Unknown"
    assert values["recruiterRelationUnknown"] == "1"
    assert values["recruiterRelationFriend"] == "-99"


def test_exploitation_inside_laos_is_LA():
    assert row(country="", exploited_in_laos=True)["CountryOfExploitation"] == "LA"


def test_forced_criminality_counts_as_other_exploitation_and_marriage_as_forced_marriage():
    values = row(forms=[("isOtherExploit", ""), ("isForcedMarriage", "")])
    assert (values["isOtherExploit"], values["isForcedMarriage"]) == ("1", "1")
    assert values["isForcedLabour"] == "0"
    assert values["typeOfLabourAgriculture"] == "-99"  # no forced labour: not applicable
    assert values["typeOfExploitConcatenated"] == "Other exploitation;Forced marriage"


def test_sex_and_labour_together():
    values = row(forms=[("isForcedLabour", ""), ("isSexualExploit", "")])
    assert values["isSexAndLabour"] == "1"
    assert values["typeOfLabourNotSpecified"] == "1"


def test_threats_of_either_kind_are_ctdc_threats():
    values = row(means=["ThreatensChildrenFamily"])
    assert values["meansOfControlThreats"] == "1"
    assert values["meansOfControlConcatenated"] == "Threats"


def test_the_third_gender_and_the_labels_are_configurable(settings):
    from pokpong.exchange.ctdc.columns import labels

    settings.POKPONG_CTDC_LABELS = {"other": "Gender diverse"}
    values = dict(zip(COLUMNS, row_of(source(sex="other"), labels()), strict=True))
    assert values["gender"] == "Gender diverse"
