import datetime as dt

import factory

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.people.models import (
    ArrivalGroup,
    DocumentType,
    EthnicGroup,
    IdentityDocument,
    Person,
    PersonAlias,
    Script,
    Sex,
)
from pokpong.places.tests.factories import country, province


class EthnicGroupFactory(factory.django.DjangoModelFactory):
    """A new entry of the ethnic groups list (the seeded ones are there already)."""

    class Meta:
        model = EthnicGroup

    code = factory.Sequence(lambda n: f"test-group-{n}")
    name_lo = factory.Sequence(lambda n: f"ຊົນເຜົ່າທົດລອງ {n}")
    name_en = factory.Sequence(lambda n: f"Test group {n}")


class ArrivalGroupFactory(factory.django.DjangoModelFactory):
    """Returnees from Thailand received together by `created_by`'s office."""

    class Meta:
        model = ArrivalGroup

    arrived_on = dt.date(2026, 11, 1)
    border_point = "Friendship Bridge II"
    returned_from = factory.LazyFunction(country)
    escorting_agency = "IOM"
    expected_count = 12
    created_by = factory.SubFactory(UserFactory, roles=[Role.CASE_WORKER])
    organisation = factory.LazyAttribute(lambda o: o.created_by.organisation)
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())


class PersonFactory(factory.django.DjangoModelFactory):
    """A fictitious person registered by `registered_by`'s office, in that office's province."""

    class Meta:
        model = Person

    given_name_lo = "ສຸກສະຫວັນ"
    family_name_lo = "ພົມມະຈັນ"
    given_name_latin = "Souksavanh"
    family_name_latin = "Phommachanh"
    sex = Sex.FEMALE
    birth_year = 2001
    birth_date_precision = "year"
    registered_by = factory.SubFactory(UserFactory, roles=[Role.CASE_WORKER])
    organisation = factory.LazyAttribute(lambda o: o.registered_by.organisation)
    # A national office (the hotline) registers in Savannakhet unless told otherwise.
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    script = Script.LAO
    given_name = "ນ້ອຍ"
    family_name = "ພົມມະຈັນ"


class IdentityDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityDocument

    person = factory.SubFactory(PersonFactory)
    type = DocumentType.ID_CARD
    number = factory.Sequence(lambda n: f"ID-{n + 1:07d}")
    issuing_country = factory.LazyFunction(lambda: country("LA"))
