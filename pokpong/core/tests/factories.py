"""Factories for the records of `core` itself: access grants (the reference-list entries live in
the apps that own each list: OrganisationTypeFactory, EthnicGroupFactory, FormOfTraffickingFactory,
ServiceTypeFactory, VillageFactory)."""

import factory
from django.contrib.contenttypes.models import ContentType

from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AccessGrant, GrantPurpose


def _a_case():
    """By default a grant shares a case (imported here: core knows no feature app)."""
    from pokpong.cases.tests.factories import CaseFactory

    return CaseFactory()


def _holder(record):
    """Who shares a record: whoever opened or registered it."""
    for name in ("opened_by", "registered_by", "created_by", "taken_by"):
        user = getattr(record, name, None)
        if user is not None:
            return user
    return UserFactory()


class AccessGrantFactory(factory.django.DjangoModelFactory):
    """One record (`record=...`, by default a new case) shared with another organisation for a
    referral, by the user who holds the record, with no expiry."""

    class Meta:
        model = AccessGrant
        exclude = ("record",)

    record = factory.LazyFunction(_a_case)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.LazyAttribute(lambda o: str(o.record.pk))
    grantee_organisation = factory.SubFactory(OrganisationFactory)
    purpose = GrantPurpose.REFERRAL
    reason = "referral"
    granted_by = factory.LazyAttribute(lambda o: _holder(o.record))
