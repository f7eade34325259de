"""The CTDC Global Dataset: its 63 columns in order, and how one case becomes one row.

Rules (docs/exchange.md, from the reference README): binary flags 1/0, missing `-99`; countries
ISO 3166-1 alpha-2, unknown `00`; `ageBroad` in the published bands; labels of `gender`,
`majorityStatus` and `Datasource` configurable (`POKPONG_CTDC_LABELS`). CTDC has no flag for
forced criminality: the forms of trafficking carry their CTDC flag (`FormOfTrafficking.ctdc_flag`).
"""

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings

COLUMNS: tuple[str, ...] = (
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "majorityStatusAtExploit",
    "majorityEntry",
    "citizenship",
    "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess",
    "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse",
    "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances",
    "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare",
    "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren",
    "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments",
    "meansOfControlOther",
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
    "typeOfExploitConcatenated",
    "typeOfLabourAgriculture",
    "typeOfLabourAquafarming",
    "typeOfLabourBegging",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities",
    "typeOfLabourManufacturing",
    "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling",
    "typeOfLabourTransportation",
    "typeOfLabourOther",
    "typeOfLabourNotSpecified",
    "typeOfLabourConcatenated",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices",
    "typeOfSexConcatenated",
    "isAbduction",
    "RecruiterRelationship",
    "CountryOfExploitation",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
)
POSITION = {name: i for i, name in enumerate(COLUMNS)}
MISSING = "-99"
UNKNOWN_COUNTRY = "00"
COUNTRY_COLUMNS = frozenset({"citizenship", "CountryOfExploitation"})

# Labels CTDC publishes (the README: verify, keep configurable).
DEFAULT_LABELS = {
    "female": "Female",
    "male": "Male",
    "other": "Transgender/NonConforming",
    "adult": "Adult",
    "minor": "Minor",
    "case_management": "Case Management",
}


def labels() -> dict[str, str]:
    return {**DEFAULT_LABELS, **getattr(settings, "POKPONG_CTDC_LABELS", {})}


AGE_BANDS: tuple[tuple[int, str], ...] = (
    (8, "0--8"),
    (17, "9--17"),
    (20, "18--20"),
    (23, "21--23"),
    (26, "24--26"),
    (29, "27--29"),
    (38, "30--38"),
    (47, "39--47"),
)
OLDEST_BAND = "48+"


def age_band(age: int | None) -> str:
    if age is None or age < 0 or age > 120:
        return MISSING
    for upper, band in AGE_BANDS:
        if age <= upper:
            return band
    return OLDEST_BAND


# Pokpong's means of control (HTCDS values, cases.models.MeansOfControl) → CTDC column suffix.
MEANS_OF_CONTROL = {
    "DebtBondage": "DebtBondage",
    "TakesEarnings": "TakesEarnings",
    "RestrictsFinancialAccess": "RestrictsFinancialAccess",
    "PhysicalThreats": "Threats",
    "ThreatensChildrenFamily": "Threats",
    "PsychologicalAbuse": "PsychologicalAbuse",
    "PhysicalAbuse": "PhysicalAbuse",
    "SexualAbuse": "SexualAbuse",
    "FalsePromises": "FalsePromises",
    "PsychoactiveSubstance": "PsychoactiveSubstances",
    "RestrictsMedicalCare": "RestrictsMedicalCare",
    "ExcessiveWorkingHours": "ExcessiveWorkingHours",
    "ThreatsLawEnforcement": "ThreatOfLawEnforcement",
    "WithholdsNecessities": "WithholdsNecessities",
    "WithholdsDocuments": "WithholdsDocuments",
    "Other": "Other",
}
MEANS_LABELS = {
    "DebtBondage": "Debt bondage",
    "TakesEarnings": "Takes earnings",
    "RestrictsFinancialAccess": "Restricts financial access",
    "Threats": "Threats",
    "PsychologicalAbuse": "Psychological abuse",
    "PhysicalAbuse": "Physical abuse",
    "SexualAbuse": "Sexual abuse",
    "FalsePromises": "False promises",
    "PsychoactiveSubstances": "Psychoactive substances",
    "RestrictsMovement": "Restricts movement",
    "RestrictsMedicalCare": "Restricts medical care",
    "ExcessiveWorkingHours": "Excessive working hours",
    "UsesChildren": "Uses children",
    "ThreatOfLawEnforcement": "Threat of law enforcement",
    "WithholdsNecessities": "Withholds necessities",
    "WithholdsDocuments": "Withholds documents",
    "Other": "Other",
}
MEANS_COLUMNS = tuple(c for c in COLUMNS if c.startswith("meansOfControl"))[:-2]  # flags only

EXPLOIT_FLAGS = (
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
)
EXPLOIT_LABELS = {
    "isForcedLabour": "Forced labour",
    "isSexualExploit": "Sexual exploitation",
    "isOtherExploit": "Other exploitation",
    "isForcedMarriage": "Forced marriage",
    "isForcedMilitary": "Forced military",
    "isOrganRemoval": "Organ removal",
    "isSlaveryAndPractices": "Slavery and similar practices",
}
LABOUR_COLUMNS = tuple(
    c for c in COLUMNS if c.startswith("typeOfLabour") and c != "typeOfLabourConcatenated"
)
SEX_COLUMNS = tuple(c for c in COLUMNS if c.startswith("typeOfSex"))

# cases.models.RecruiterRelationship → CTDC's RecruiterRelationship and its flag.
RECRUITER = {
    "intimate_partner": ("Intimate Partner", "recruiterRelationIntimatePartner"),
    "friend": ("Friend", "recruiterRelationFriend"),
    "family": ("Family", "recruiterRelationFamily"),
    "acquaintance": ("Other", "recruiterRelationOther"),
    "stranger": ("Other", "recruiterRelationOther"),
}
RECRUITER_FLAGS = (
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
)


class Source(NamedTuple):
    """One case as the database gives it (no name, no date finer than a year)."""

    year: int
    sex: str
    birth_year: int | None
    exploit_year: int | None
    citizenship: str  # alpha-2 or ""
    country: str  # alpha-2 or ""
    exploited_in_laos: bool
    recruiter: str
    means: Sequence[str]
    forms: Sequence[tuple[str, str]]  # (ctdc_flag, ctdc_labour_type) of each form


GENDERS = frozenset({"female", "male", "other"})


def _flag(on: bool) -> str:
    return "1" if on else "0"


def _majority(age: int | None, names: dict[str, str]) -> str:
    if age is None or age < 0 or age > 120:
        return MISSING
    return names["minor"] if age < 18 else names["adult"]


# The row is made of segments that each depend on one small input (the means of control, the
# forms of trafficking, the recruiter): computed once per distinct input and reused, so that a
# million rows cost a million list concatenations, not 63 million decisions.
Segment = tuple[str, ...]


@lru_cache(maxsize=4096)
def _means_segment(means: frozenset[str]) -> Segment:
    """meansOfControlDebtBondage … meansOfControlConcatenated."""
    found = {MEANS_OF_CONTROL[m] for m in means if m in MEANS_OF_CONTROL}
    suffixes = [c.removeprefix("meansOfControl") for c in MEANS_COLUMNS]
    flags = [_flag(suffix in found) if found else MISSING for suffix in suffixes]
    chosen = [MEANS_LABELS[s] for s in suffixes if s in found]
    return (*flags, _flag(not found), ";".join(chosen) if chosen else MISSING)


@lru_cache(maxsize=4096)
def _exploitation_segment(forms: frozenset[tuple[str, str]]) -> Segment:
    """isForcedLabour … typeOfSexConcatenated."""
    values: dict[str, str] = {}
    flags = {flag for flag, _labour in forms}
    known = bool(flags)
    for flag in EXPLOIT_FLAGS:
        values[flag] = _flag(flag in flags) if known else MISSING
    both = "isForcedLabour" in flags and "isSexualExploit" in flags
    values["isSexAndLabour"] = _flag(both) if known else MISSING
    chosen = [EXPLOIT_LABELS[f] for f in EXPLOIT_FLAGS if f in flags]
    values["typeOfExploitConcatenated"] = ";".join(chosen) if chosen else MISSING
    labour = {kind for flag, kind in forms if flag == "isForcedLabour" and kind}
    forced = "isForcedLabour" in flags
    for column in LABOUR_COLUMNS:
        values[column] = _flag(column in labour) if forced else MISSING
    if forced:
        values["typeOfLabourNotSpecified"] = _flag(not labour)
    types = [c.removeprefix("typeOfLabour") for c in LABOUR_COLUMNS if c in labour]
    values["typeOfLabourConcatenated"] = ";".join(types) if types else MISSING
    for column in SEX_COLUMNS:  # Pokpong records no type of sexual exploitation
        values[column] = MISSING
    return tuple(values[c] for c in COLUMNS[_EXPLOIT_START:_EXPLOIT_END])


@lru_cache(maxsize=64)
def _recruiter_segment(recruiter: str) -> tuple[str, Segment]:
    """RecruiterRelationship, and recruiterRelationIntimatePartner … recruiterRelationUnknown."""
    label, flag = RECRUITER.get(recruiter, ("Unknown", "recruiterRelationUnknown"))
    unknown = flag == "recruiterRelationUnknown"
    flags = tuple(
        "1" if column == flag else (MISSING if unknown else "0") for column in RECRUITER_FLAGS
    )
    return label, flags


_EXPLOIT_START = POSITION["isForcedLabour"]
_EXPLOIT_END = POSITION["typeOfSexConcatenated"] + 1


def row_of(source: Source, names: dict[str, str]) -> list[str]:
    """The 63 values of one case, in the order of COLUMNS."""
    birth = source.birth_year
    age = source.year - birth if birth else None
    at_exploit = source.exploit_year - birth if birth and source.exploit_year else None
    majority_at_exploit = _majority(at_exploit, names)
    country = source.country or ("LA" if source.exploited_in_laos else UNKNOWN_COUNTRY)
    label, recruiter_flags = _recruiter_segment(source.recruiter)
    return [
        str(source.year),
        names["case_management"],
        names[source.sex] if source.sex in GENDERS else MISSING,
        age_band(age),
        _majority(age, names),
        majority_at_exploit,
        majority_at_exploit,  # majorityEntry: age when entering the situation, the same year
        source.citizenship or UNKNOWN_COUNTRY,
        *_means_segment(frozenset(source.means)),
        *_exploitation_segment(frozenset(source.forms)),
        MISSING,  # isAbduction: not recorded
        label,
        country,
        *recruiter_flags,
    ]


def missing_value(column: str) -> str:
    """What a suppressed cell of this column holds: unknown."""
    return UNKNOWN_COUNTRY if column in COUNTRY_COLUMNS else MISSING
