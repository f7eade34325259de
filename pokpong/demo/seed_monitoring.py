"""Demo data for monitoring and evaluation: several quarters of records in the four target
provinces, targets for the current and the last fiscal year, a hand-entered PS.5.2-23 value and
population figures.

Called at the end of `demo_seed`, after the persons: it spreads the referrals over the past
quarters, adds services, awareness activities, training sessions and (when persons are made)
a few identified persons in Salavan, then sets targets from the last fiscal year's numbers.
Deterministic for a seed; every record is fictitious.
"""

import datetime as dt
import math
import random

from django.db.models import Min
from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.cases.models import Case, FormOfTrafficking, Identification
from pokpong.core.typing import required
from pokpong.demo.persons import FAMILY, GIVEN
from pokpong.monitoring import aggregates, engine
from pokpong.monitoring.generations import schedule_bump
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.monitoring.periods import Period, fiscal_year_of, parse
from pokpong.monitoring.results import Scope
from pokpong.monitoring.rules import RULES
from pokpong.people.models import Person, new_person_code
from pokpong.people.name_index import person_index
from pokpong.places.models import Country, Province
from pokpong.prevention.models import AwarenessActivity
from pokpong.referrals.models import Referral, ServiceDelivery, ServiceType
from pokpong.training.models import Course, Enrolment, Participant, TrainingSession

TODAY = dt.date(2026, 11, 20)  # the demo's "today", as in demo.persons
TARGET_PROVINCES = ["LA-VT", "LA-SV", "LA-CH", "LA-SL"]
OTHER_PROVINCES = ["LA-BK"]  # outside the programme area, for the "rest" cut
# Population by province and year (rounded, for the demo's rate per 100,000).
POPULATION = {
    None: {2025: 7_650_000, 2026: 7_760_000},
    "LA-VT": {2025: 1_000_000, 2026: 1_020_000},
    "LA-SV": {2025: 1_070_000, 2026: 1_085_000},
    "LA-CH": {2025: 760_000, 2026: 770_000},
    "LA-SL": {2025: 440_000, 2026: 446_000},
}
SERVICES = ["shelter", "psychosocial", "medical", "legal", "livelihood", "vocational_training"]


def _day_within(rng: random.Random, days: int) -> dt.date:
    return TODAY - dt.timedelta(days=rng.randint(0, days))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


def demo_monitoring(*, rng: random.Random, persons: int) -> None:
    provinces = {p.iso_code: p for p in Province.objects.all()}
    me_officer = User.objects.get(username="me.officer")
    if persons:
        _salavan_persons(rng, max(4, persons // 8), provinces["LA-SL"])
    _spread_referrals(rng)
    _services(rng)
    _awareness(rng, provinces)
    _training(rng, provinces)
    _hand_entered(me_officer, provinces)
    _targets(me_officer, provinces)
    # Records loaded in bulk send no signals: the maintained aggregates are recomputed and
    # every cached number is computed afresh.
    aggregates.rebuild()
    for label in {label for rule in RULES.values() for label in rule.sources}:
        schedule_bump(label)


def salavan_count(persons: int) -> int:
    """How many identified persons the monitoring seed adds in Salavan for `persons`."""
    return max(4, persons // 8) if persons else 0


def _salavan_persons(rng: random.Random, count: int, salavan: Province) -> None:
    """Identified victims registered by the Salavan office, with a case each."""
    office_user = User.objects.get(username="prevention.sl")
    office = required(office_user.organisation)
    police = User.objects.filter(username="police.vt").first() or office_user
    countries = {c.alpha2: c for c in Country.objects.filter(alpha2__in=["LA", "TH", "CN"])}
    forms = list(FormOfTrafficking.objects.order_by("sort_order"))
    for n in range(count):
        (given_lo, given_latin), (family_lo, family_latin) = rng.choice(GIVEN), rng.choice(FAMILY)
        person = Person.objects.create(
            code=new_person_code(),
            given_name_lo=given_lo,
            family_name_lo=family_lo,
            given_name_latin=given_latin[0],
            family_name_latin=family_latin[0],
            sex=rng.choices(["female", "male"], weights=[7, 3])[0],
            birth_year=rng.randint(1985, 2012),
            birth_date_precision="year",
            nationality=countries["LA"],
            organisation=office,
            province=salavan,
            registered_by=office_user,
        )
        person_index(person=person)  # found by name search like every registered person
        decided = _day_within(rng, 540)
        identification = Identification.objects.create(
            person=person,
            decision="victim",
            decided_on=decided,
            police_unit="ATD Salavan (demo)",
            reference=f"{rng.randint(1, 999)}/ATD-SL",
            basis="written_word",
            recorded_by=police,
            organisation=required(police.organisation),
        )
        form = rng.choice(forms)
        identification.forms_of_trafficking.add(form)
        case = Case.objects.create(
            number=f"SL-{decided.year}-M{n + 1:04d}",
            province=salavan,
            person=person,
            organisation=office,
            status="active",
            caseworker=office_user,
            opened_by=office_user,
            came_to_light="returnee_screening",
            country_of_exploitation=countries[rng.choice(["TH", "TH", "CN"])],
        )
        case.forms_of_trafficking.add(form)


def _spread_referrals(rng: random.Random) -> None:
    """Answered referrals were made over the past quarters (the demo made them all today)."""
    answered = Referral.objects.exclude(status="requested").order_by("pk")
    for referral in answered:
        made = _day_within(rng, 540)
        answered_on = min(TODAY, made + dt.timedelta(days=rng.randint(0, 3)))
        closed = (
            _at(min(TODAY, answered_on + dt.timedelta(days=rng.randint(14, 90))))
            if referral.status == "completed"
            else None
        )
        Referral.objects.filter(pk=referral.pk).update(
            created_at=_at(made), responded_at=_at(answered_on, 15), closed_at=closed
        )


def _services(rng: random.Random) -> None:
    """Services for the cases of identified victims: mostly based on needs, some one-off."""
    types = {t.code: t for t in ServiceType.objects.all()}
    first = (
        Identification.objects.filter(decision="victim")
        .values("person")
        .annotate(first=Min("decided_on"))
    )
    identified = {row["person"]: row["first"] for row in first}
    cases = Case.objects.filter(person__in=list(identified)).select_related("organisation")
    for case in cases.order_by("pk"):
        if rng.random() < 0.2:
            continue
        start = min(TODAY, identified[case.person_id] + dt.timedelta(days=rng.randint(1, 20)))
        for code in rng.sample(SERVICES, k=rng.randint(1, 2)):
            ended = start + dt.timedelta(days=rng.randint(20, 200))
            ServiceDelivery.objects.create(
                case=case,
                service_type=types[code],
                provider=case.organisation,
                started_on=start,
                ended_on=ended if ended < TODAY else None,
                outcome="completed" if ended < TODAY else "ongoing",
                recorded_by=required(case.caseworker or case.opened_by),
            )
        if rng.random() < 0.5:
            ServiceDelivery.objects.create(
                case=case,
                service_type=types[rng.choice(["food_basic_items", "transport_ticket"])],
                provider=case.organisation,
                started_on=start,
                ended_on=start,
                outcome="completed",
                recorded_by=required(case.caseworker or case.opened_by),
            )


def _awareness(rng: random.Random, provinces: dict[str, Province]) -> None:
    """Awareness activities in every target province (and one outside) for six quarters."""
    officer = User.objects.get(username="prevention.sl")
    for iso in [*TARGET_PROVINCES, *OTHER_PROVINCES]:
        for quarter in range(6):
            for _ in range(rng.randint(1, 2)):
                held = TODAY - dt.timedelta(days=quarter * 91 + rng.randint(0, 85))
                AwarenessActivity.objects.create(
                    type=rng.choice(
                        [
                            "village_meeting",
                            "school_session",
                            "radio",
                            "market_event",
                            "safe_migration",
                        ]
                    ),
                    held_on=held,
                    province=provinces[iso],
                    village="ບ້ານໂພນສະອາດ (demo)",
                    organisation=required(officer.organisation),
                    topics="ການຄ້າມະນຸດ ແລະ ສາຍດ່ວນ 1362",
                    girls=rng.randint(0, 30),
                    boys=rng.randint(0, 30),
                    women=rng.randint(5, 50),
                    men=rng.randint(5, 50),
                    recorded_by=officer,
                )


def _training(rng: random.Random, provinces: dict[str, Province]) -> None:
    """Sessions over the past quarters: first responders, prevention actors, gender content."""
    trainer = User.objects.get(username="trainer")
    course = Course.objects.create(
        name_lo="ການປ້ອງກັນການຄ້າມະນຸດ ແລະ ບົດບາດຍິງ-ຊາຍ",
        name_en="Prevention of trafficking and gender",
        topic="safe_migration",
        audience="ພະນັກງານບ້ານ ແລະ ເມືອງ",
        hours=6,
    )
    organisations = list(Organisation.objects.exclude(province=None).order_by("pk"))
    pool: list[Participant] = []
    plan = [
        ("LA-VT", 420, {"prevention_actors": True, "gender_content": True}),
        ("LA-SL", 330, {"prevention_actors": True}),
        ("LA-SV", 240, {"first_responders": True, "gender_content": True}),
        ("LA-CH", 150, {"prevention_actors": True, "gender_content": True}),
        ("LA-SL", 60, {"first_responders": True}),
        ("LA-BK", 100, {"prevention_actors": True}),
    ]
    for iso, days_ago, flags in plan:
        starts = TODAY - dt.timedelta(days=days_ago)
        session = TrainingSession.objects.create(
            course=course,
            starts_on=starts,
            ends_on=starts,
            hours=course.hours,
            venue="(demo)",
            province=provinces[iso],
            organisation=required(trainer.organisation),
            created_by=trainer,
            **flags,
        )
        for i in range(rng.randint(8, 14)):
            if pool and rng.random() < 0.15:  # some come back to another session
                participant = rng.choice(pool)
                if Enrolment.objects.filter(session=session, participant=participant).exists():
                    continue
            else:
                (given_lo, _g), (family_lo, _f) = rng.choice(GIVEN), rng.choice(FAMILY)
                participant = Participant.objects.create(
                    full_name=f"{given_lo} {family_lo}",
                    sex=rng.choice(["female", "male"]),
                    age_group=rng.choice(["under_25", "25_39", "40_54"]),
                    organisation=rng.choice(organisations),
                    position="ພະນັກງານ",
                    province=provinces[iso],
                )
                pool.append(participant)
            Enrolment.objects.create(
                session=session,
                participant=participant,
                hours_attended=session.hours if i % 7 else session.hours / 3,
            )


def _hand_entered(user: User, provinces: dict[str, Province]) -> None:
    laws = Indicator.objects.filter(code="PS.5.2-23").first()
    if laws is not None:
        for period, value, note in [
            ("FY2026Q3", 1, "ດຳລັດວ່າດ້ວຍການຊ່ວຍເຫຼືອຜູ້ຖືກເຄາະຮ້າຍ (demo)"),
            ("FY2027Q1", 1, "ແຜນດຳເນີນງານແຫ່ງຊາດ (demo)"),
        ]:
            ManualValue.objects.update_or_create(
                indicator=laws,
                period=period,
                province=None,
                defaults={"value": value, "note": note, "entered_by": user},
            )
    rate = Indicator.objects.filter(rule="victims_per_100k").first()
    if rate is not None:
        for iso, years in POPULATION.items():
            for year, value in years.items():
                ManualValue.objects.update_or_create(
                    indicator=rate,
                    period=str(year),
                    province=provinces[iso] if iso else None,
                    defaults={"value": value, "note": "ຕົວເລກປະມານ (demo)", "entered_by": user},
                )


def _target_values(last_year: int | None) -> int:
    return max(4, math.ceil((last_year or 0) * 1.15))


def _targets(user: User, provinces: dict[str, Province]) -> None:
    """Targets of the current and the last fiscal year, by quarter and by target province: the
    last fiscal year's number and 15 % more."""
    current = fiscal_year_of(TODAY)
    last = parse(f"FY{int(current.code[2:]) - 1}")
    counted = Indicator.objects.filter(is_active=True).exclude(rule="victims_per_100k")
    for indicator in counted.exclude(unit="LAK"):  # sums of money get no demo target
        base = engine.compute(indicator.code, last, Scope(), dimensions=[]).total.value
        for year in (last, current):
            total = _target_values(base)
            _target(indicator, year, None, total, user)
            for quarter in year.quarters():
                _target(indicator, quarter, None, math.ceil(total / 4), user)
            for iso in TARGET_PROVINCES:
                _target(indicator, year, provinces[iso], math.ceil(total / 5), user)
                for quarter in year.quarters():
                    _target(indicator, quarter, provinces[iso], math.ceil(total / 20), user)


def _target(
    indicator: Indicator, period: Period, province: Province | None, value: int, user: User
) -> None:
    Target.objects.update_or_create(
        indicator=indicator,
        period=period.code,
        province=province,
        defaults={"value": value, "set_by": user},
    )
