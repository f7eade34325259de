"""Factories for referrals, services, the return and its follow-ups; and `referred_case()`, the
world most referral tests start from, built through the real services."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

import factory
from django.utils import timezone

from pokpong.accounts.models import Organisation, Role, User
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case
from pokpong.cases.tests.factories import CaseFactory, ConsentFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.people.tests.factories import AccessGrantFactory, PersonFactory
from pokpong.referrals.models import (
    FollowUpVisit,
    Referral,
    ReferralStatus,
    ReturnPlan,
    ReturnType,
    ServiceDelivery,
    ServiceOffer,
    ServiceType,
    Urgency,
)
from pokpong.referrals.services import answer_due, referral_reason

LIVE = (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED)


def service_type(code: str = "shelter") -> ServiceType:
    return ServiceType.objects.get(code=code)


class ServiceTypeFactory(ModelFactory[ServiceType]):
    """A new entry of the service types list (the seeded ones are there already)."""

    class Meta:
        model = ServiceType

    code = factory.Sequence(lambda n: f"test-service-{n}")
    name_lo = factory.Sequence(lambda n: f"ບໍລິການທົດລອງ {n}")
    name_en = factory.Sequence(lambda n: f"Test service {n}")


def _serves(
    offer: ServiceOffer, create: bool, extracted: Iterable[Any] | None, **kwargs: object
) -> None:
    """`provinces=[...]`; by default the organisation's own province."""
    if not create:
        return
    if extracted is not None:
        offer.provinces.set(extracted)
    elif offer.organisation.province_id is not None:
        offer.provinces.set([offer.organisation.province_id])


class ServiceOfferFactory(ModelFactory[ServiceOffer]):
    """A shelter's entry in the service directory, serving its own province."""

    class Meta:
        model = ServiceOffer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(
        OrganisationFactory, name_lo="ສູນພັກພິງຫວັງໃໝ່", name_en="New Hope Shelter"
    )
    service_type = factory.LazyFunction(service_type)
    contact = "020 5555 1234"
    capacity = 20
    available = 5

    provinces = factory.PostGeneration(_serves)


def _consent_to_share(
    referral: Referral, create: bool, extracted: bool | None, **kwargs: object
) -> None:
    """The person consents to sharing with the receiver, unless a consent names it already."""
    if not create or extracted is False:
        return
    from pokpong.cases.services import consent_allows

    person = referral.case.person
    if not consent_allows(person, purpose="share", organisation=referral.to_organisation):
        ConsentFactory(person=person, share_with=[referral.to_organisation])


def _grant_while_live(
    referral: Referral, create: bool, extracted: bool | None, **kwargs: object
) -> None:
    """A live referral gives its receiver the case and the person, as the service does."""
    if not create or extracted is False or referral.status not in LIVE:
        return
    expires = None if referral.status == ReferralStatus.ACCEPTED else referral.respond_by
    for record in (referral.case, referral.case.person):
        AccessGrantFactory(
            record=record,
            grantee_organisation=referral.to_organisation,
            reason=referral_reason(referral),
            granted_by=referral.requested_by,
            expires_at=expires,
        )


class ReferralFactory(ModelFactory[Referral]):
    """A referral of a case by the case's own office to a shelter of the case's province.

    As the service leaves it: the person consents to sharing with the receiver (a consent is
    recorded if none names it yet) and, while the referral is live (requested or accepted), the
    receiver holds access grants on the case and the person (until the answer deadline while
    requested). `consent=False` / `grants=False` leave them out. `accepted=True`: answered.
    """

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    class Params:
        accepted = factory.Trait(
            status=ReferralStatus.ACCEPTED,
            responded_by=factory.SubFactory(
                UserFactory,
                organisation=factory.SelfAttribute("..to_organisation"),
                roles=[Role.SERVICE_PROVIDER],
            ),
            responded_at=factory.LazyFunction(timezone.now),
        )

    case = factory.SubFactory(CaseFactory)
    from_organisation = factory.LazyAttribute(lambda o: o.case.organisation)
    to_organisation = factory.SubFactory(
        OrganisationFactory,
        name_lo="ສູນພັກພິງຫວັງໃໝ່",
        name_en="New Hope Shelter",
        province=factory.SelfAttribute("..case.province"),
    )
    service_type = factory.LazyFunction(service_type)
    urgency = Urgency.URGENT
    message = "ຕ້ອງການບ່ອນນອນຄືນນີ້ / Needs a bed tonight"
    requested_by = factory.LazyAttribute(lambda o: o.case.caseworker or o.case.opened_by)
    respond_by = factory.LazyAttribute(lambda o: answer_due(o.urgency))

    consent = factory.PostGeneration(_consent_to_share)
    grants = factory.PostGeneration(_grant_while_live)


class ServiceDeliveryFactory(ModelFactory[ServiceDelivery]):
    """A service the case's office gives itself; with `referral=...`, the receiver gives it."""

    class Meta:
        model = ServiceDelivery

    referral = None
    case = factory.Maybe(
        "referral",
        yes_declaration=factory.SelfAttribute("referral.case"),
        no_declaration=factory.SubFactory(CaseFactory),
    )
    service_type = factory.LazyAttribute(
        lambda o: o.referral.service_type if o.referral else service_type("shelter")
    )
    provider = factory.LazyAttribute(
        lambda o: o.referral.to_organisation if o.referral else o.case.organisation
    )
    started_on = dt.date(2026, 11, 3)
    notes = "ພັກຢູ່ສູນ 2 ອາທິດ / Two weeks at the shelter"
    cost_lak = 1_500_000
    recorded_by = factory.LazyAttribute(
        lambda o: (
            o.referral.responded_by if o.referral and o.referral.responded_by else o.case.opened_by
        )
    )


class ReturnPlanFactory(ModelFactory[ReturnPlan]):
    """Return to the family, in the case's province."""

    class Meta:
        model = ReturnPlan

    case = factory.SubFactory(CaseFactory)
    return_type = ReturnType.FAMILY
    returned_on = dt.date(2026, 11, 20)
    province = factory.LazyAttribute(lambda o: o.case.province)
    village = "ບ້ານນາໂພ / Ban Napho"


class FollowUpVisitFactory(ModelFactory[FollowUpVisit]):
    """A visit of the reintegration schedule, made by the case's office (not yet done)."""

    class Meta:
        model = FollowUpVisit

    case = factory.SubFactory(CaseFactory)
    due_on = dt.date(2026, 12, 20)
    assigned_organisation = None


# --- Worlds built through the real services ----------------------------------------------------


def consented_case(
    *,
    office: User | None = None,
    share_with: Iterable[Organisation] = (),
    given_on: dt.date | None = None,
    **person: Any,
) -> Case:
    """A case of a person registered by `office` (a case worker; a new one by default), whose
    consent (recorded through the service, as the office does) names `share_with`."""
    from pokpong.cases import services as case_services

    office = office or UserFactory(roles=[Role.CASE_WORKER])
    case = CaseFactory(person=PersonFactory(registered_by=office, **person))
    case_services.consent_record(
        user=office,
        person=case.person,
        share_with=list(share_with),
        details=case_services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=given_on or timezone.localdate(),
            method="signed_form",
        ),
    )
    return case


def referred_case(
    *,
    office: User | None = None,
    receiver: Organisation | User | None = None,
    accepted: bool = False,
    service: str = "shelter",
    urgency: str = Urgency.URGENT,
    message: str = "",
    **person: Any,
) -> Referral:
    """A case of `office` with the person's consent to share it with the receiver, referred to
    the receiver (a new shelter by default) through the real services: the receiver holds its
    access grants, and the audit trail has every step. `accepted=True`: the receiver (a user of
    its organisation; a new service provider if an organisation was given) accepted.

    Returns the referral: `referral.case`, `referral.to_organisation`."""
    from pokpong.referrals import services

    office = office or UserFactory(roles=[Role.CASE_WORKER])
    if isinstance(receiver, User):
        receiver_user, organisation = receiver, receiver.organisation
    else:
        receiver_user, organisation = None, receiver
    if organisation is None:
        organisation = OrganisationFactory(name_lo="ສູນພັກພິງຫວັງໃໝ່", name_en="New Hope Shelter")
    case = consented_case(office=office, share_with=[organisation], **person)
    referral = services.referral_create(
        user=office,
        case=case,
        to_organisation=organisation,
        service_type=service_type(service),
        urgency=urgency,
        message=message,
    )
    if accepted:
        answerer = receiver_user or UserFactory(
            organisation=organisation, roles=[Role.SERVICE_PROVIDER]
        )
        services.referral_accept(user=answerer, referral=referral)
        referral.refresh_from_db()
    return referral
