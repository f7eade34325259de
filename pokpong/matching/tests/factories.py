"""Factories for the person index, the duplicate review and merges.

The models are imported through `m` alone, so that moving them to another app changes one line.
"""

import json

import factory
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core.crypto import encrypt
from pokpong.matching import models as m
from pokpong.matching.keys import person_tokens
from pokpong.people.tests.factories import PersonFactory


class PersonTokenFactory(factory.django.DjangoModelFactory):
    """One of the person's own name tokens (as person_index stores them)."""

    class Meta:
        model = m.PersonToken

    person = factory.SubFactory(PersonFactory)
    token = factory.LazyAttribute(lambda o: min(person_tokens(o.person)))


class DuplicateReviewFactory(factory.django.DjangoModelFactory):
    """A finished run of the duplicate search, asked for by a provincial manager."""

    class Meta:
        model = m.DuplicateReview

    requested_by = factory.SubFactory(UserFactory, roles=[Role.PROVINCIAL_MANAGER])
    status = m.ReviewStatus.DONE
    persons_scanned = 2
    finished_at = factory.LazyFunction(timezone.now)


class DuplicatePairFactory(factory.django.DjangoModelFactory):
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


class NotSamePersonFactory(factory.django.DjangoModelFactory):
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


class MergeFactory(factory.django.DjangoModelFactory):
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

    @factory.post_generation
    def applied(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if not create or extracted is False:
            return
        self.kept.version += 1
        self.kept.save(update_fields=["version", "updated_at"])
        self.merged.merged_into = self.kept
        self.merged.version += 1
        self.merged.save(update_fields=["merged_into", "version", "updated_at"])
        self.kept_version, self.merged_version = self.kept.version, self.merged.version
        self.save(update_fields=["kept_version", "merged_version"])
