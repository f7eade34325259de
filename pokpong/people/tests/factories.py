import factory

from pokpong.accounts.models import User
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


def twins_register(user: User) -> tuple[Person, Person, Person]:
    """One person registered twice (Lao script, then Latin with a close birth year and the same
    phone in another format), and someone else: what a duplicate review should pair."""
    from pokpong.people.services import PersonDetails, person_register

    lao = person_register(
        user=user,
        details=PersonDetails(
            given_name_lo="ສຸກສະຫວັນ",
            family_name_lo="ພົມມະຈັນ",
            sex="female",
            birth_year=1998,
            phone="020 5555 1234",
        ),
    )
    latin = person_register(
        user=user,
        details=PersonDetails(
            given_name_latin="Souksavan",
            family_name_latin="Phommachan",
            sex="female",
            birth_year=1999,
            phone="+856 20 5555 1234",
        ),
    )
    other = person_register(
        user=user,
        details=PersonDetails(
            given_name_latin="Bounmy", family_name_latin="Sihalath", sex="male", birth_year=1980
        ),
    )
    return lao, latin, other
