"""One official as the enrol service takes them; tests override only what they are about."""

from typing import Any

from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.places.models import Province
from pokpong.training.services import ParticipantDetails


def person(
    org=None, name: str = "Vilay Inthavong", sex: str = "female", **extra: Any
) -> ParticipantDetails:
    details = {
        "full_name": name,
        "sex": sex,
        "age_group": "25_39",
        "organisation": org or OrganisationFactory(),
        "province": Province.objects.get(iso_code="LA-CH"),
    }
    return ParticipantDetails(**{**details, **extra})
