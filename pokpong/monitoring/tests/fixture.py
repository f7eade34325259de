"""A small world whose indicator values are computed by hand in the tests (see each test).

Periods: the donor's fiscal year 2026 begins on 1 October 2025: FY2026Q1 is October–December 2025
and 30 September 2025 falls in FY2025Q4. Provinces: Savannakhet (SV) and Champasak (CH) are in
the programme's target area, Oudomxay (OU) is not.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pokpong.accounts.models import Organisation, OrganisationType, Role, User
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import FormOfTrafficking, IdentificationDecision
from pokpong.cases.tests.factories import CaseFactory, IdentificationFactory
from pokpong.people.models import Person
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Country, District, Province
from pokpong.prevention.models import ActivityType, CallOutcome, CallReferralStatus
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    CallReferralFactory,
    HotlineCallFactory,
)
from pokpong.referrals.models import ReferralStatus
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ReferralFactory,
    ServiceDeliveryFactory,
    service_type,
)
from pokpong.training.tests.factories import (
    EnrolmentFactory,
    ParticipantFactory,
    TrainingSessionFactory,
)

ZONE = timezone.get_default_timezone()


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def province(iso: str) -> Province:
    return Province.objects.get(iso_code=iso)


def first_district(iso: str) -> District:
    found = District.objects.filter(province__iso_code=iso).order_by("code").first()
    assert found is not None
    return found


def form(code: str) -> FormOfTrafficking:
    return FormOfTrafficking.objects.get(code=code)


def country(alpha2: str) -> Country:
    return Country.objects.get(alpha2=alpha2)


@dataclass
class World:
    user: User
    police: Organisation
    persons: dict[str, Person] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def office(iso: str, type_code: str = "social_welfare") -> Organisation:
    return OrganisationFactory(
        province=province(iso), type=OrganisationType.objects.get(code=type_code)
    )


def person(world: World, name: str, **fields: Any) -> Person:
    fields.setdefault("registered_by", world.user)
    found = PersonFactory(**fields)
    world.persons[name] = found
    return found


def identified_world() -> World:
    """Identifications (CUSTOM-1), with cases, services and follow-ups (CUSTOM-2, CUSTOM-5)."""
    user = UserFactory(roles=[Role.CASE_WORKER], organisation=office("LA-SV"))
    world = World(user=user, police=office("LA-SV", "police"))
    sv, ou, ch = province("LA-SV"), province("LA-OU"), province("LA-CH")
    p1 = person(
        world,
        "p1",
        sex="female",
        birth_year=2010,
        province=sv,
        district=first_district("LA-SV"),
        nationality=country("LA"),
    )
    p2 = person(world, "p2", sex="male", birth_year=1990, province=ch, nationality=country("LA"))
    p3 = person(world, "p3", sex="female", birth_year=None, province=ou, nationality=country("TH"))
    p4 = person(world, "p4", sex="female", birth_year=2000, province=sv)
    p5 = person(world, "p5", sex="female", birth_year=1995, province=sv)
    p5b = person(world, "p5b", sex="female", birth_year=1995, province=sv, merged_into=p5)

    # P1: identified on 1 October 2025 (FY2026Q1) by the police, sexual exploitation.
    i1 = IdentificationFactory(
        person=p1, decided_on=dt.date(2025, 10, 1), organisation=world.police
    )
    i1.forms_of_trafficking.set([form("sexual_exploitation")])
    # P2: identified on 30 September 2025 (FY2025Q4), and again in November: not new then.
    IdentificationFactory(person=p2, decided_on=dt.date(2025, 9, 30))
    IdentificationFactory(person=p2, decided_on=dt.date(2025, 11, 5))
    # P3: identified on 31 December 2025, two forms.
    i3 = IdentificationFactory(person=p3, decided_on=dt.date(2025, 12, 31))
    i3.forms_of_trafficking.set([form("forced_labour_fishing"), form("forced_criminality")])
    # P4: not a victim.
    IdentificationFactory(
        person=p4, decided_on=dt.date(2025, 11, 1), decision=IdentificationDecision.NOT_VICTIM
    )
    # P5: identified twice, once on the record later merged into it: one person.
    IdentificationFactory(person=p5b, decided_on=dt.date(2025, 11, 10))
    IdentificationFactory(person=p5, decided_on=dt.date(2025, 11, 12))

    c1 = CaseFactory(person=p1, country_of_exploitation=country("CN"))
    c2 = CaseFactory(person=p2)
    c3 = CaseFactory(person=p3, country_of_exploitation=country("TH"))
    c4 = CaseFactory(person=p4)
    c1.forms_of_trafficking.set([form("sexual_exploitation")])
    world.extra.update(cases={"c1": c1, "c2": c2, "c3": c3, "c4": c4})

    # Services (CUSTOM-2) in FY2026Q1.
    ServiceDeliveryFactory(
        case=c1, service_type=service_type("shelter"), started_on=dt.date(2025, 10, 5)
    )
    ServiceDeliveryFactory(
        case=c1, service_type=service_type("food_basic_items"), started_on=dt.date(2025, 10, 5)
    )
    ServiceDeliveryFactory(
        case=c2,
        service_type=service_type("medical"),
        started_on=dt.date(2025, 8, 1),
        ended_on=dt.date(2025, 10, 15),
    )
    ServiceDeliveryFactory(
        case=c3, service_type=service_type("food_basic_items"), started_on=dt.date(2025, 11, 1)
    )
    ServiceDeliveryFactory(
        case=c3,
        service_type=service_type("legal"),
        started_on=dt.date(2025, 11, 1),
        voided_at=timezone.now(),
        void_reason="entered twice",
    )
    ServiceDeliveryFactory(
        case=c4, service_type=service_type("shelter"), started_on=dt.date(2025, 10, 10)
    )

    # Follow-up visits (CUSTOM-5).
    FollowUpVisitFactory(case=c1, due_on=dt.date(2025, 10, 1), done_on=dt.date(2025, 10, 1))
    FollowUpVisitFactory(case=c1, due_on=dt.date(2025, 11, 1), done_on=dt.date(2025, 11, 1))
    FollowUpVisitFactory(case=c2, due_on=dt.date(2025, 9, 30), done_on=dt.date(2025, 9, 30))
    FollowUpVisitFactory(case=c3, due_on=dt.date(2025, 11, 1))
    return world


def referral_world(world: World) -> World:
    """Referrals (PS.5.1-29, CUSTOM-6/7/8) on top of `identified_world`."""
    cases = world.extra["cases"]
    p1 = world.persons["p1"]
    sv = province("LA-SV")
    shelter = ReferralFactory(case=cases["c1"], service_type=service_type("shelter"), grants=False)
    shelter.__class__.objects.filter(pk=shelter.pk).update(
        created_at=at(dt.date(2025, 10, 2)),
        status=ReferralStatus.COMPLETED,
        responded_at=at(dt.date(2025, 10, 3)),
        closed_at=at(dt.date(2025, 12, 15)),
    )
    legal = ReferralFactory(case=cases["c2"], service_type=service_type("legal"), grants=False)
    # 23:00 on 30 September 2025, Vientiane time: still FY2025.
    legal.__class__.objects.filter(pk=legal.pk).update(created_at=at(dt.date(2025, 9, 30), 23))
    cancelled = ReferralFactory(
        case=cases["c3"], service_type=service_type("medical"), grants=False
    )
    cancelled.__class__.objects.filter(pk=cancelled.pk).update(
        created_at=at(dt.date(2025, 11, 1)), status=ReferralStatus.CANCELLED
    )
    # The hotline: P6 (a potential case, accepted), P1 again, and a voided call (P7).
    call6 = HotlineCallFactory(potential_case=True, province=sv)
    p6 = call6.person
    p6.sex, p6.birth_year, p6.province = "female", 2008, sv
    p6.save()
    world.persons["p6"] = p6
    ref6 = CallReferralFactory(call=call6, grants=False)
    case6 = CaseFactory(person=p6)
    ref6.__class__.objects.filter(pk=ref6.pk).update(
        created_at=at(dt.date(2025, 11, 20)),
        status=CallReferralStatus.ACCEPTED,
        responded_at=at(dt.date(2025, 11, 21)),
        case=case6,
    )
    call1 = HotlineCallFactory(outcome=CallOutcome.POTENTIAL_CASE, person=p1, province=sv)
    ref1 = CallReferralFactory(call=call1, grants=False)
    ref1.__class__.objects.filter(pk=ref1.pk).update(created_at=at(dt.date(2025, 12, 1)))
    call7 = HotlineCallFactory(potential_case=True, province=sv, voided_at=timezone.now())
    ref7 = CallReferralFactory(call=call7, grants=False)
    ref7.__class__.objects.filter(pk=ref7.pk).update(created_at=at(dt.date(2025, 11, 2)))
    return world


def training_world() -> dict[str, Any]:
    """Training sessions and participants (PS.5.1-28, PS.5.3-15, GNDR-8)."""
    police_sv = office("LA-SV", "police")
    lwu_ch = office("LA-CH", "lwu")
    police_ou = office("LA-OU", "police")
    a = ParticipantFactory(sex="female", organisation=police_sv, province=province("LA-SV"))
    b = ParticipantFactory(sex="male", organisation=lwu_ch, province=province("LA-CH"))
    c = ParticipantFactory(sex="male", organisation=police_sv, province=province("LA-SV"))
    d = ParticipantFactory(sex="female", organisation=police_sv, province=province("LA-SV"))
    e = ParticipantFactory(sex="male", organisation=police_ou, province=province("LA-OU"))
    f = ParticipantFactory(sex="female", organisation=lwu_ch, province=province("LA-CH"))

    def session(starts: dt.date, hours: int, **flags: Any) -> Any:
        return TrainingSessionFactory(
            starts_on=starts, ends_on=starts, hours=Decimal(hours), **flags
        )

    s1 = session(dt.date(2025, 10, 1), 16, first_responders=True)
    s2 = session(dt.date(2025, 11, 1), 8, first_responders=True)
    s3 = session(dt.date(2025, 9, 30), 8, first_responders=True)
    s4 = session(dt.date(2025, 10, 15), 8, first_responders=True, voided_at=timezone.now())
    s5 = session(dt.date(2025, 12, 1), 4, prevention_actors=True, gender_content=True)
    EnrolmentFactory(session=s1, participant=a, hours_attended=Decimal(16))
    EnrolmentFactory(session=s1, participant=b, hours_attended=Decimal(0))  # did not come
    EnrolmentFactory(session=s2, participant=a, hours_attended=Decimal(8))  # once per period
    EnrolmentFactory(session=s2, participant=e, hours_attended=Decimal(8))
    EnrolmentFactory(session=s3, participant=c, hours_attended=Decimal(8))  # FY2025Q4
    EnrolmentFactory(session=s4, participant=d, hours_attended=Decimal(8))  # voided session
    EnrolmentFactory(session=s5, participant=a, hours_attended=Decimal(4))
    EnrolmentFactory(session=s5, participant=f, hours_attended=Decimal(2))  # under 3 hours
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def awareness_world() -> None:
    """Awareness activities (CUSTOM-4)."""
    sv, ou, ch = province("LA-SV"), province("LA-OU"), province("LA-CH")
    recorder = UserFactory(roles=[Role.PREVENTION_OFFICER], organisation=office("LA-SV"))

    def activity(
        day: dt.date, where: Province, kind: str, g: int, b: int, w: int, m: int, **more: Any
    ) -> None:
        AwarenessActivityFactory(
            recorded_by=recorder,
            held_on=day,
            province=where,
            type=kind,
            girls=g,
            boys=b,
            women=w,
            men=m,
            **more,
        )

    activity(
        dt.date(2025, 10, 1),
        sv,
        ActivityType.VILLAGE_MEETING,
        1,
        2,
        3,
        4,
        district=first_district("LA-SV"),
    )
    activity(dt.date(2025, 12, 31), ou, ActivityType.SCHOOL_SESSION, 5, 5, 0, 0)
    activity(dt.date(2025, 11, 1), ch, ActivityType.RADIO, 25, 25, 25, 25, voided_at=timezone.now())
    activity(dt.date(2025, 9, 30), sv, ActivityType.VILLAGE_MEETING, 1, 1, 2, 3)
