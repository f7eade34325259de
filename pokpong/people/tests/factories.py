import factory

from pokpong.core.tests.model_factory import ModelFactory
from pokpong.people.models import Person, Sex
from pokpong.places.models import Province


class PersonFactory(ModelFactory[Person]):
    """A fictitious person registered by `registered_by`'s office (pass registered_by=...)."""

    class Meta:
        model = Person

    given_name_lo = "ສຸກສະຫວັນ"
    family_name_lo = "ພົມມະຈັນ"
    given_name_latin = "Souksavanh"
    family_name_latin = "Phommachanh"
    sex = Sex.FEMALE
    birth_year = 2001
    birth_date_precision = "year"
    organisation = factory.LazyAttribute(lambda o: o.registered_by.organisation)
    province = factory.LazyFunction(lambda: Province.objects.get(iso_code="LA-SV"))
