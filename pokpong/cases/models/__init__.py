"""Case management models, one module per part of the case."""

from pokpong.cases.models.forms_of_trafficking import CtdcExploitFlag, FormOfTrafficking
from pokpong.cases.models.screening_consent import (
    Consent,
    ConsentGiver,
    ConsentMethod,
    Identification,
    IdentificationBasis,
    IdentificationDecision,
    Screening,
    ScreeningOutcome,
)

__all__ = [
    "Consent",
    "ConsentGiver",
    "ConsentMethod",
    "CtdcExploitFlag",
    "FormOfTrafficking",
    "Identification",
    "IdentificationBasis",
    "IdentificationDecision",
    "Screening",
    "ScreeningOutcome",
]
