"""Factories for prevention: awareness activities, community risk assessments, hotline calls and
the potential cases the hotline refers to a province's social welfare office."""

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from pokpong.accounts.models import OrganisationType, Role, User
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.people.tests.factories import AccessGrantFactory, PersonFactory
from pokpong.places.tests.factories import province
from pokpong.prevention.models import (
    ActivityType,
    AwarenessActivity,
    CallerType,
    CallOutcome,
    CallReferral,
    CallReferralStatus,
    CallTopic,
    Channel,
    HotlineCall,
    RiskAssessment,
)
from pokpong.prevention.risk import QUESTIONS, risk_level
from pokpong.referrals.models import Urgency
from pokpong.referrals.services import answer_due


class AwarenessActivityFactory(ModelFactory[AwarenessActivity]):
    """A village meeting held by `recorded_by`'s office in its province."""

    class Meta:
        model = AwarenessActivity

    type = ActivityType.VILLAGE_MEETING
    held_on = dt.date(2026, 11, 12)
    recorded_by = factory.SubFactory(UserFactory, roles=[Role.PREVENTION_OFFICER])
    organisation = factory.LazyAttribute(lambda o: o.recorded_by.organisation)
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())
    village = "ບ້ານນາໂພ / Ban Napho"
    topics = "Safe migration, the hotline 1362"
    materials = "Leaflets"
    girls = 12
    boys = 9
    women = 25
    men = 18


class RiskAssessmentFactory(ModelFactory[RiskAssessment]):
    """A village assessed by a prevention officer's office; score and level follow the answers."""

    class Meta:
        model = RiskAssessment

    assessed_by = factory.SubFactory(UserFactory, roles=[Role.PREVENTION_OFFICER])
    organisation = factory.LazyAttribute(lambda o: o.assessed_by.organisation)
    province = factory.LazyAttribute(lambda o: o.organisation.province or province())
    village = "ບ້ານນາໂພ / Ban Napho"
    assessed_on = dt.date(2026, 11, 12)
    answers = factory.LazyFunction(lambda: {code: 1 for code, _label in QUESTIONS})
    score = factory.LazyAttribute(lambda o: sum(o.answers.values()))
    risk_level = factory.LazyAttribute(lambda o: risk_level(o.score))


class HotlineCallFactory(ModelFactory[HotlineCall]):
    """A call to 1362 answered with information; `potential_case=True`: the person concerned is
    registered by the counsellor (as the hotline does for a potential case)."""

    class Meta:
        model = HotlineCall

    class Params:
        potential_case = factory.Trait(
            outcome=CallOutcome.POTENTIAL_CASE,
            person=factory.SubFactory(
                PersonFactory,
                registered_by=factory.SelfAttribute("..taken_by"),
                given_name_lo="ນ້ອຍ",
                given_name_latin="Noy",
                birth_year=2008,
            ),
        )

    received_at = factory.LazyFunction(timezone.now)
    channel = Channel.PHONE_1362
    caller_type = CallerType.FAMILY
    topic = CallTopic.MISSING_PERSON
    summary = "ລູກສາວຢູ່ໄທ ບໍ່ໄດ້ຕິດຕໍ່ 3 ເດືອນ / Daughter in Thailand, no contact for 3 months"
    outcome = CallOutcome.INFORMED
    taken_by = factory.SubFactory(
        UserFactory,
        organisation=factory.SubFactory(
            OrganisationFactory,
            name_lo="ສາຍດ່ວນ 1362",
            name_en="Hotline 1362",
            type=factory.LazyFunction(lambda: OrganisationType.objects.get(code="lwu")),
        ),
        roles=[Role.HOTLINE_COUNSELLOR],
    )
    organisation = factory.LazyAttribute(lambda o: o.taken_by.organisation)
    province = factory.LazyAttribute(lambda o: o.organisation.province)


def _grant_until_answered(
    referral: CallReferral, create: bool, extracted: bool | None, **kwargs: object
) -> None:
    """While it waits, the office sees the person until the answer deadline (as the service)."""
    if not create or extracted is False or referral.status != CallReferralStatus.REQUESTED:
        return
    AccessGrantFactory(
        record=referral.call.person,
        grantee_organisation=referral.to_organisation,
        reason=f"hotline call {referral.call.pk}",
        granted_by=referral.requested_by,
        expires_at=referral.respond_by,
    )


class CallReferralFactory(ModelFactory[CallReferral]):
    """A potential case referred by the hotline that took the call to a social welfare office
    of the person's province, with the caller's agreement. While it waits for an answer, the
    office holds a grant on the person until the deadline (`grants=False` leaves it out)."""

    class Meta:
        model = CallReferral
        skip_postgeneration_save = True

    call = factory.SubFactory(HotlineCallFactory, potential_case=True)
    to_organisation = factory.SubFactory(
        OrganisationFactory,
        name_lo="ຫ້ອງການແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ",
        name_en="Social welfare office",
        province=factory.SelfAttribute("..call.person.province"),
    )
    urgency = Urgency.URGENT
    caller_agreed = True
    message = "ແມ່ລໍຖ້າຢູ່ບ້ານ / The mother waits at home"
    requested_by = factory.LazyAttribute(lambda o: o.call.taken_by)
    respond_by = factory.LazyAttribute(lambda o: answer_due(o.urgency))

    grants = factory.PostGeneration(_grant_until_answered)


# --- The national hotline, as the demo runs it, through the real services ----------------------


def national_counsellor(**user: Any) -> User:
    """A counsellor of the national hotline: an office of the Lao Women's Union in Vientiane
    Capital, the role held over the whole country (persons it registers belong to no province)."""
    office = OrganisationFactory(
        province=province("LA-VT"),
        type=OrganisationType.objects.get(code="lwu"),
        name_lo="ສາຍດ່ວນ 1362",
        name_en="Hotline 1362",
    )
    counsellor = UserFactory(**{"username": "hotline", "organisation": office, **user})
    role_assign(user=counsellor, role=Role.HOTLINE_COUNSELLOR)
    return counsellor


def potential_case_call(
    counsellor: User, *, summary: str = "Daughter in Thailand", **person: Any
) -> HotlineCall:
    """A family's call about a girl from Savannakhet, logged by the counsellor as a potential
    case: the call service registers the person (`person` overrides her fields)."""
    from pokpong.people.services import PersonDetails
    from pokpong.prevention import services

    return services.call_record(
        user=counsellor,
        details=services.CallDetails(
            received_at=timezone.now(),
            channel=Channel.PHONE_1362,
            caller_type=CallerType.FAMILY,
            topic=CallTopic.MISSING_PERSON,
            province=province(),
            outcome=CallOutcome.POTENTIAL_CASE,
            summary=summary,
        ),
        person=PersonDetails(
            **{"given_name_latin": "Noy", "family_name_latin": "Keomany", "sex": "female", **person}
        ),
    )
