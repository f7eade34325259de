"""Places for tests: the seeded provinces, districts and countries, and fictitious villages.

Provinces, districts and countries are loaded by the data migrations; tests pick them by code
instead of creating new ones (the 18 provinces are fixed by law).
"""

import factory

from pokpong.core.tests.model_factory import ModelFactory
from pokpong.places.models import Country, District, Province, Village

SAVANNAKHET = "LA-SV"  # the province of the test offices by default
CHAMPASAK = "LA-CH"  # "another province"


def province(iso_code: str = SAVANNAKHET) -> Province:
    return Province.objects.get(iso_code=iso_code)


def district(iso_code: str = SAVANNAKHET) -> District:
    """The first district (by code) of a province."""
    return District.objects.filter(province__iso_code=iso_code).order_by("code").first()


def country(alpha2: str = "TH") -> Country:
    return Country.objects.get(alpha2=alpha2)


class VillageFactory(ModelFactory[Village]):
    """A fictitious village of the first district of Savannakhet (pass district=...)."""

    class Meta:
        model = Village

    district = factory.LazyFunction(district)
    name_lo = factory.Sequence(lambda n: f"ບ້ານນາໂພ {n}")
    name_en = factory.Sequence(lambda n: f"Ban Napho {n}")
