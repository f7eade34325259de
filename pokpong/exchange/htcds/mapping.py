"""Pokpong's choices → HTCDS v2.0 picklist values, as tables (docs/htcds-mapping.md explains
each choice). Keys are Pokpong's stored values or reference-list codes; a value missing from a
table is exported empty (or "Other" where the standard has it), never guessed.

Reference-list entries added by administrators after these tables were written fall back to the
entry's own `htcds_value` when that is one of the standard's values (`mapped_reference`).
"""

from pokpong.cases.models import (
    CaseStatus,
    ClosureReason,
    IdentificationDecision,
    NeedDomain,
    RecruiterRelationship,
    ScreeningOutcome,
)
from pokpong.livelihoods.models import EducationLevel
from pokpong.people.models import Language, Sex, Title

# --- Person ---------------------------------------------------------------------------------

SALUTATION: dict[str, str] = {  # free text in the standard: the English form of the Lao title
    Title.THAO: "Mr",
    Title.NANG: "Ms",
    Title.THAN: "Mr",
    Title.THAN_NANG: "Ms",
}

GENDER: dict[str, str] = {
    Sex.FEMALE: "Feminine",
    Sex.MALE: "Masculine",
    Sex.OTHER: "NonConforming",
    Sex.UNKNOWN: "NonSpecifiedUnknown",
}

LANGUAGE: dict[
    str, str
] = {  # ISO 639-2 (terminology codes); Khmu has no code of its own: Mon-Khmer (mkh)
    Language.LAO: "lao",
    Language.THAI: "tha",
    Language.HMONG: "hmn",
    Language.KHMU: "mkh",
    Language.VIETNAMESE: "vie",
    Language.CHINESE: "zho",
    Language.KHMER: "khm",
    Language.BURMESE: "mya",
    Language.ENGLISH: "eng",
}

EDUCATION: dict[str, str] = {  # ISCED 2011: the lowest level the answer certainly reached
    EducationLevel.PRIMARY: "PrimaryEducation",
    EducationLevel.LOWER_SECONDARY: "LowerSecondaryEducation",
    EducationLevel.UPPER_SECONDARY: "UpperSecondaryEducation",
    EducationLevel.VOCATIONAL: "UpperSecondaryEducation",
    EducationLevel.HIGHER: "ShortCycleTertiaryEducation",
}

# --- Person - Victim Context ----------------------------------------------------------------

STATUS_BY_IDENTIFICATION: dict[str, str] = {
    IdentificationDecision.VICTIM: "ActualVictimOfTrafficking",
    IdentificationDecision.NOT_VICTIM: "NotAVictimOfTrafficking",
}
STATUS_BY_SCREENING: dict[str, str] = {  # "not indicated" is no decision: only the police identify
    ScreeningOutcome.POSSIBLE_VICTIM: "PossibleVictimOfTrafficking",
    ScreeningOutcome.FURTHER_ASSESSMENT: "PossibleVictimOfTrafficking",
}
IDENTIFYING_ORGANISATION = "Police"  # Identification: the Ministry of Public Security's unit
DECISION_ORG_BY_ORGANISATION_TYPE: dict[
    str, str
] = {  # who screened, by the organisation type's code
    "police": "Police",
    "social_welfare": "NonPoliceGovernmentalOrganization",
    "health": "NonPoliceGovernmentalOrganization",
    "government_other": "NonPoliceGovernmentalOrganization",
    "lwu": "NGO",
    "shelter": "NGO",
    "ngo": "NGO",
    "international": "NGO",
    "legal_aid": "Other",
    "donor": "Other",
}

RELATIONSHIP: dict[str, str] = {
    RecruiterRelationship.FAMILY: "Familial",
    RecruiterRelationship.INTIMATE_PARTNER: "Acquainted",
    RecruiterRelationship.FRIEND: "Acquainted",
    RecruiterRelationship.ACQUAINTANCE: "Acquainted",
    RecruiterRelationship.STRANGER: "Unaquainted",  # sic: the standard's spelling
}

EXPLOITATION_BY_FORM: dict[str, str] = {  # forms of trafficking list, by code
    "sexual_exploitation": "SexualExploitation",
    "forced_labour_agriculture": "ForcedLabour",
    "forced_labour_fishing": "ForcedLabour",
    "forced_labour_construction": "ForcedLabour",
    "forced_labour_factory": "ForcedLabour",
    "forced_labour_domestic": "ForcedLabour",
    "forced_labour_hospitality": "ForcedLabour",
    "forced_labour_other": "ForcedLabour",
    "forced_marriage": "ForcedMarriage",
    "forced_criminality": "Other",  # no HTCDS value for scam compounds (as CTDC's isOtherExploit)
    "begging": "ForcedBegging",
    "organ_removal": "OrganRemoval",
    "other": "Other",
}
INDUSTRY_BY_FORM: dict[str, str] = {  # ISIC v4 sections
    "forced_labour_agriculture": "A_AgricultureForestryAndFishing",
    "forced_labour_fishing": "A_AgricultureForestryAndFishing",
    "forced_labour_construction": "F_Construction",
    "forced_labour_factory": "C_Manufacturing",
    "forced_labour_domestic": "T_ActivitiesOfHouseholdsAsEmployers",
    "forced_labour_hospitality": "I_AccommodationAndFoodServiceActivities",
}

# --- Case and Referral Details --------------------------------------------------------------

CASE_STATUS: dict[str, str] = {
    CaseStatus.REGISTERED: "Active",
    CaseStatus.SCREENING: "Active",
    CaseStatus.ACTIVE: "Active",
    CaseStatus.REINTEGRATION: "Active",
    CaseStatus.FOLLOW_UP: "FollowUp",
    CaseStatus.CLOSED: "Closed",
}
CLOSED_STATUS_BY_REASON: dict[str, str] = {ClosureReason.MOVED: "ClosedReferred"}

OUTGOING_REFERRAL_REASON = "AdditionalServicesRequired"  # every referral asks for a service
TRANSFER_REASON = "MigrationOrChangeOfLocation"  # a case transfer follows the person's move

# --- Historic Trafficking Events ------------------------------------------------------------

EXPLOITATION_EVENT = "Exploitation"

# --- Support Plan ---------------------------------------------------------------------------

SUPPORT_BY_NEED_DOMAIN: dict[str, str] = {
    NeedDomain.SAFETY: "SocialCare",
    NeedDomain.HEALTH: "Health",
    NeedDomain.PSYCHOSOCIAL: "Health",
    NeedDomain.LEGAL: "Legal",
    NeedDomain.FAMILY: "SocialCare",
    NeedDomain.EDUCATION: "Education",
    NeedDomain.LIVELIHOOD: "Livelihood",
}
SUPPORT_BY_SERVICE: dict[str, str] = {  # service types list, by code
    "shelter": "SocialCare",
    "medical": "Health",
    "psychosocial": "Health",
    "legal": "Legal",
    "repatriation": "SocialCare",
    "family_tracing": "SocialCare",
    "education": "Education",
    "vocational_training": "Livelihood",
    "job_placement": "Livelihood",
    "livelihood": "Livelihood",
    "food_basic_items": "SocialCare",
    "transport_ticket": "Financial",
    "other": "SocialCare",
}
SUPPORT_LIVELIHOOD = "Livelihood"  # vocational training, job placement, business start-up
SUPPORT_LEGAL = "Legal"  # legal aid to the victim as a witness

# --- Organization ---------------------------------------------------------------------------

ORGANISATION_TYPE: dict[str, str] = {  # organisation types list, by code
    "social_welfare": "LocalGovernmentOrganisation",
    "police": "LawEnforcement",
    "lwu": "NGO",
    "shelter": "NGO",
    "health": "HealthServiceOrganisation",
    "legal_aid": "LegalService",
    "ngo": "NGO",
    "international": "NGO",
    "government_other": "CentralGovernmentOrganisation",
}

LAOS = "LA"  # ISO 3166-1 alpha-2: provinces and districts are Lao places
MULTISELECT_SEPARATOR = ";"  # as Salesforce writes multi-select picklists
TRUE, FALSE = "true", "false"


def mapped_reference(
    table: dict[str, str], code: str, own_value: str, allowed: frozenset[str]
) -> str:
    """A reference-list entry's HTCDS value: the table's, else the entry's own when the standard
    allows it, else empty."""
    if code in table:
        return table[code]
    return own_value if own_value in allowed else ""
