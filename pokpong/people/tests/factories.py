"""Factories for persons and what belongs to them; the access grants that share a person or a
case; and the person index, duplicate review and merges (`people.models.index`, imported as `m`)."""

import datetime as dt
import json

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from pokpong.accounts.models import Role, User
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.crypto import encrypt
from pokpong.core.models import AccessGrant, GrantPurpose
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.matching.keys import person_tokens
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
from pokpong.people.models import index as m
from pokpong.places.tests.factories import country, province


class EthnicGroupFactory(ModelFactory[EthnicGroup]):
    """A new entry of the ethnic groups list (the seeded ones are there already)."""

    class Meta:
        model = EthnicGroup

    code = factory.Sequence(lambda n: f"test-group-{n}")
    name_lo = factory.Sequence(lambda n: f"ຊົນເຜົ່າທົດລອງ {n}")
    name_en = factory.Sequence(lambda n: f"Test group {n}")


class ArrivalGroupFactory(ModelFactory[ArrivalGroup]):
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


class PersonFactory(ModelFactory[Person]):
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


class PersonAliasFactory(ModelFactory[PersonAlias]):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    script = Script.LAO
    given_name = "ນ້ອຍ"
    family_name = "ພົມມະຈັນ"


class IdentityDocumentFactory(ModelFactory[IdentityDocument]):
    class Meta:
        model = IdentityDocument

    person = factory.SubFactory(PersonFactory)
    type = DocumentType.ID_CARD
    number = factory.Sequence(lambda n: f"ID-{n + 1:07d}")
    issuing_country = factory.LazyFunction(lambda: country("LA"))


# --- Access grants -----------------------------------------------------------------------------


def _holder(record):
    """Who shares a record: whoever opened or registered it."""
    for name in ("opened_by", "registered_by", "created_by", "taken_by"):
        user = getattr(record, name, None)
        if user is not None:
            return user
    return UserFactory()


class AccessGrantFactory(ModelFactory[AccessGrant]):
    """One record (`record=...`: a case, a person; by default a new person) shared for a referral
    with another organisation by the user who holds the record, with no expiry."""

    class Meta:
        model = AccessGrant
        exclude = ("record",)

    record = factory.SubFactory(PersonFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.LazyAttribute(lambda o: str(o.record.pk))
    grantee_organisation = factory.SubFactory(OrganisationFactory)
    purpose = GrantPurpose.REFERRAL
    reason = "referral"
    granted_by = factory.LazyAttribute(lambda o: _holder(o.record))


# --- The person index, the duplicate review and merges ----------------------------------------


class PersonTokenFactory(ModelFactory[m.PersonToken]):
    """One of the person's own name tokens (as person_index stores them)."""

    class Meta:
        model = m.PersonToken

    person = factory.SubFactory(PersonFactory)
    token = factory.LazyAttribute(lambda o: min(person_tokens(o.person)))


class DuplicateReviewFactory(ModelFactory[m.DuplicateReview]):
    """A finished run of the duplicate search, asked for by a provincial manager."""

    class Meta:
        model = m.DuplicateReview

    requested_by = factory.SubFactory(UserFactory, roles=[Role.PROVINCIAL_MANAGER])
    status = m.ReviewStatus.DONE
    persons_scanned = 2
    finished_at = factory.LazyFunction(timezone.now)


class DuplicatePairFactory(ModelFactory[m.DuplicatePair]):
    """Two records of the manager's office that look like the same woman (a spelling differs);
    person_a is the older record, as the review orders them."""

    class Meta:
        model = m.DuplicatePair

    review = factory.SubFactory(DuplicateReviewFactory)
    person_a = factory.SubFactory(
        PersonFactory, registered_by=factory.SelfAttribute("..review.requested_by")
    )
    person_b = factory.SubFactory(
        PersonFactory,
        registered_by=factory.SelfAttribute("..review.requested_by"),
        given_name_latin="Souksavan",
        family_name_latin="Phommachan",
    )
    score = 91.0
    evidence = factory.LazyFunction(
        lambda: {
            "name": 0.92,
            "birth_year": "same",
            "sex": "same",
            "province": "same",
            "phone": "unknown",
        }
    )


class NotSamePersonFactory(ModelFactory[m.NotSamePerson]):
    """A remembered "not the same person": person_low is the record with the lower id."""

    class Meta:
        model = m.NotSamePerson

    decided_by = factory.SubFactory(UserFactory, roles=[Role.PROVINCIAL_MANAGER])
    person_low = factory.SubFactory(
        PersonFactory, registered_by=factory.SelfAttribute("..decided_by")
    )
    person_high = factory.SubFactory(
        PersonFactory,
        registered_by=factory.SelfAttribute("..decided_by"),
        given_name_latin="Souksavan",
    )


def _apply_merge(merge: m.Merge, create: bool, extracted: bool | None, **kwargs: object) -> None:
    """As the service leaves it: `merged` points to `kept`, both versions recorded."""
    if not create or extracted is False:
        return
    merge.kept.version += 1
    merge.kept.save(update_fields=["version", "updated_at"])
    merge.merged.merged_into = merge.kept
    merge.merged.version += 1
    merge.merged.save(update_fields=["merged_into", "version", "updated_at"])
    merge.kept_version, merge.merged_version = merge.kept.version, merge.merged.version
    merge.save(update_fields=["kept_version", "merged_version"])


class MergeFactory(ModelFactory[m.Merge]):
    """`merged` merged into `kept` by a manager of their office, nothing moved, the kept
    person's names unchanged. As the service leaves it: `merged` points to `kept` and both
    versions are those recorded on the merge (so it can be undone); `applied=False` leaves the
    persons as they were."""

    class Meta:
        model = m.Merge
        skip_postgeneration_save = True

    merged_by = factory.SubFactory(UserFactory, roles=[Role.PROVINCIAL_MANAGER])
    kept = factory.SubFactory(PersonFactory, registered_by=factory.SelfAttribute("..merged_by"))
    merged = factory.SubFactory(
        PersonFactory,
        registered_by=factory.SelfAttribute("..merged_by"),
        given_name_latin="Souksavan",
    )
    moved = factory.LazyFunction(lambda: {"created_aliases": []})
    kept_before = factory.LazyFunction(lambda: {"encrypted": encrypt(json.dumps({}))})

    applied = factory.PostGeneration(_apply_merge)


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
