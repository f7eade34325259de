"""Fictitious persons for the demo and the benchmarks: deterministic for a seed, built in bulk.

Names combine common Lao name parts in both scripts, with the romanisation variants seen in real
records (Souksavanh/Souksavan/Suksavan), drawn from pools that grow with the population
(`name_pools`); birth years and places are drawn at random. No real
person is described. Bulk-created: the seed leaves one audit entry for the whole load.
"""

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.cases.models import (
    Case,
    CaseNote,
    CaseNumberCounter,
    CasePlan,
    CaseStatus,
    Consent,
    FormOfTrafficking,
    Identification,
    Need,
    PlanAction,
    PlanStatus,
    Screening,
)
from pokpong.cases.screening import Answer, FormVersion, indicators_for
from pokpong.core.grants import grant_create
from pokpong.core.typing import required
from pokpong.demo.names import NamePool
from pokpong.people.models import ArrivalGroup, Person, PersonAlias, new_person_code
from pokpong.people.name_index import index_rebuild
from pokpong.places.models import Country, District
from pokpong.referrals.models import (
    FollowUpVisit,
    Referral,
    ReturnPlan,
    ServiceOffer,
    ServiceType,
)

GIVEN = [
    ("ສຸກສະຫວັນ", ["Souksavanh", "Souksavan", "Suksavan"]),
    ("ບຸນມີ", ["Bounmy", "Bounmi"]),
    ("ຄຳພອນ", ["Khamphone", "Khamphon"]),
    ("ມະນີວັນ", ["Manivanh", "Manivan"]),
    ("ພອນສະຫວັນ", ["Phonesavanh", "Phonsavan"]),
    ("ແສງດາວ", ["Sengdao", "Saengdao"]),
    ("ນ້ອຍ", ["Noy", "Noi"]),
    ("ອາລຸນ", ["Aloun", "Alun"]),
    ("ວິໄລ", ["Vilay", "Wilai"]),
    ("ນາລີ", ["Naly", "Nali"]),
    ("ດາວວອນ", ["Daovone", "Daovon"]),
    ("ແກ້ວ", ["Keo", "Kaew"]),
    ("ບົວພັນ", ["Bouaphanh", "Buaphan"]),
    ("ທອງດີ", ["Thongdy", "Thongdi"]),
    ("ຈັນທອນ", ["Chanthone", "Chanthon"]),
    ("ພູມມີ", ["Phoummy", "Phumi"]),
    ("ສົມສັກ", ["Somsack", "Somsak"]),
    ("ວັນນາ", ["Vanna", "Wanna"]),
    ("ເພັດສະໝອນ", ["Phetsamone", "Phetsamon"]),
    ("ຄຳແພງ", ["Khamphaeng", "Khamphaing"]),
]
FAMILY = [
    ("ພົມມະຈັນ", ["Phommachanh", "Phommachan"]),
    ("ວົງສະຫວັນ", ["Vongsavanh", "Vongsavan"]),
    ("ສີຫາລາດ", ["Sihalath", "Sihalat"]),
    ("ແກ້ວມະນີ", ["Keomany", "Kaewmani"]),
    ("ຈັນທະລາ", ["Chanthala", "Chantala"]),
    ("ສຸລິຍະວົງ", ["Souliyavong", "Suliyavong"]),
    ("ອິນທະວົງ", ["Inthavong", "Inthawong"]),
    ("ໄຊຍະສານ", ["Xayasane", "Sayasan"]),
    ("ດວງມະນີ", ["Douangmany", "Duangmani"]),
    ("ສີວົງໄຊ", ["Sivongxay", "Sivongsai"]),
    ("ລາດຊະວົງ", ["Latsavong", "Ratsavong"]),
    ("ບຸບຜາ", ["Boupha", "Bupha"]),
]


def name_pools(rng: random.Random, count: int) -> tuple[NamePool, NamePool]:
    """Given and family names for `count` persons: the familiar names above are the commonest;
    larger populations draw from tens of thousands of names (about 50,000 given and 20,000
    family names at a million persons), so namesakes are as common as in real registers."""
    given = NamePool(
        rng, head=GIVEN, size=max(len(GIVEN), min(50_000, count // 20)), lengths=[2, 2, 3]
    )
    family = NamePool(
        rng, head=FAMILY, size=max(len(FAMILY), min(20_000, count // 50)), lengths=[2, 3, 3, 4]
    )
    return given, family


DESTINATIONS = ["TH", "TH", "TH", "CN", "CN", "MM", "KH", "MY", "LA"]
BATCH = 2000


def _person(
    rng: random.Random,
    owner: User,
    districts: list[District],
    countries: dict[str, Country],
    group: ArrivalGroup | None,
    names: tuple[NamePool, NamePool],
) -> tuple[Person, list[str]]:
    (given_lo, given_latin), (family_lo, family_latin) = names[0].draw(rng), names[1].draw(rng)
    script = rng.random()
    known_lo, known_latin = script < 0.8, script > 0.3  # some records only in one script
    year = rng.randint(1975, 2013)
    precision = rng.choice(["year", "year", "exact", "estimated"])
    born = dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) if precision == "exact" else None
    district = rng.choice(districts)
    person = Person(
        code=new_person_code(),
        title=rng.choice(["", "nang", "thao"]),
        given_name_lo=given_lo if known_lo else "",
        family_name_lo=family_lo if known_lo and rng.random() > 0.05 else "",
        given_name_latin=given_latin[0] if known_latin else "",
        family_name_latin=family_latin[0] if known_latin else "",
        sex=rng.choices(["female", "male"], weights=[7, 3])[0],
        birth_date=born.isoformat() if born else "",
        birth_year=year,
        birth_date_precision=precision,
        nationality=countries["LA"],
        languages=["lo"],
        origin_province=district.province,
        origin_district=district,
        phone=f"020 {rng.randint(2000, 9999)} {rng.randint(1000, 9999)}"
        if rng.random() > 0.4
        else "",
        organisation=owner.organisation,
        province=required(owner.organisation).province,
        district=required(owner.organisation).district,
        registered_by=owner,
        arrival_group=group,
    )
    variants = given_latin[1:] + family_latin[1:]
    return person, variants


def _screening(rng: random.Random, person: Person, owner: User, today: dt.date) -> Screening:
    version = rng.choice([FormVersion.SHORT, FormVersion.SHORT, FormVersion.LONG])
    answers = {
        i.code: rng.choices(Answer.values, weights=[3, 5, 1, 1])[0] for i in indicators_for(version)
    }
    found = sum(1 for a in answers.values() if a == Answer.YES)
    outcome = (
        "possible_victim" if found >= 4 else "further_assessment" if found >= 2 else "not_indicated"
    )
    return Screening(
        person=person,
        form_version=version,
        screened_on=today - dt.timedelta(days=rng.randint(0, 700)),
        answers=answers,
        outcome=outcome,
        is_child=(person.birth_year or 0) > today.year - 18,
        screened_by=owner,
        organisation=owner.organisation,
    )


def chunks(n: int, size: int) -> Iterator[int]:
    done = 0
    while done < n:
        yield min(size, n - done)
        done += size


@transaction.atomic
def demo_persons(
    *, rng: random.Random, count: int, owners: list[User], police: User | None
) -> dict[str, Any]:
    """Persons with screenings, consents and identifications; one arrival group of returnees."""
    today = dt.date(2026, 11, 20)
    countries = {c.alpha2: c for c in Country.objects.filter(alpha2__in=set(DESTINATIONS))}
    districts = list(
        District.objects.filter(
            province__iso_code__in=["LA-SV", "LA-CH", "LA-SL", "LA-VT", "LA-BK"]
        )
    )
    group_owner = owners[0]
    group = ArrivalGroup.objects.create(
        arrived_on=today,
        border_point="ດ່ານຂົວມິດຕະພາບ 2 (Friendship Bridge II)",
        returned_from=countries["TH"],
        escorting_agency="Thai social welfare (demo)",
        expected_count=min(8, count) or None,
        organisation=required(group_owner.organisation),
        province=required(required(group_owner.organisation).province),
        created_by=group_owner,
    )
    made = {"persons": 0, "screenings": 0, "consents": 0, "identifications": 0, "cases": 0}
    names = name_pools(rng, count)
    codes = set(Person.objects.values_list("code", flat=True))  # random codes: skip repeats
    numbers: dict[int, int] = {}
    forms = list(FormOfTrafficking.objects.all())
    for size in chunks(count, BATCH):
        batch: list[Person] = []
        variants: list[list[str]] = []
        for _ in range(size):
            owner = rng.choice(owners)
            in_group = made["persons"] + len(batch) < 8 and owner is group_owner
            person, spellings = _person(
                rng, owner, districts, countries, group if in_group else None, names
            )
            while person.code in codes:
                person.code = new_person_code()
            codes.add(person.code)
            batch.append(person)
            variants.append(spellings)
        Person.objects.bulk_create(batch, batch_size=BATCH)
        PersonAlias.objects.bulk_create(
            [
                PersonAlias(person=p, script="latin", given_name=v[0], family_name=v[-1])
                for p, v in zip(batch, variants, strict=True)
                if v and rng.random() < 0.3
            ],
            batch_size=BATCH,
        )
        screenings = [
            _screening(rng, p, p.registered_by, today) for p in batch if rng.random() < 0.7
        ]
        Screening.objects.bulk_create(screenings, batch_size=BATCH)
        consents = [
            Consent(
                person=p,
                for_services=True,
                for_statistics=rng.random() < 0.9,
                for_photo=rng.random() < 0.2,
                given_by="self",
                given_on=today,
                method=rng.choice(["signed_form", "thumbprint"]),
                recorded_by=p.registered_by,
                organisation=p.organisation,
            )
            for p in batch
            if rng.random() < 0.6 and (p.birth_year or 0) <= today.year - 18
        ]
        Consent.objects.bulk_create(consents, batch_size=BATCH)
        identifications = [
            Identification(
                person=s.person,
                decision="victim",
                decided_on=s.screened_on,
                police_unit="ATD (demo)",
                reference=f"{rng.randint(1, 999)}/ATD",
                basis="recorded_by_police",
                recorded_by=police or s.screened_by,
                organisation=(police or s.screened_by).organisation,
            )
            for s in screenings
            if s.outcome == "possible_victim" and rng.random() < 0.5
        ]
        Identification.objects.bulk_create(identifications, batch_size=BATCH)
        made["cases"] += _cases(rng, screenings, numbers, forms, countries, today)
        made["referrals"] = made.get("referrals", 0) + _referrals(rng, batch, owners[-1], today)
        made["persons"] += len(batch)
        made["screenings"] += len(screenings)
        made["consents"] += len(consents)
        made["identifications"] += len(identifications)
    _directory(owners)
    index_rebuild(persons=Person.objects.prefetch_related("aliases").iterator(chunk_size=2000))
    for province_id, last in numbers.items():
        CaseNumberCounter.objects.update_or_create(
            province_id=province_id, year=today.year, defaults={"last": last}
        )
    return made


STATUS_WEIGHTS = {
    CaseStatus.REGISTERED: 2,
    CaseStatus.SCREENING: 1,
    CaseStatus.ACTIVE: 4,
    CaseStatus.REINTEGRATION: 2,
    CaseStatus.FOLLOW_UP: 2,
    CaseStatus.CLOSED: 2,
}


def _cases(
    rng: random.Random,
    screenings: list[Screening],
    numbers: dict[int, int],
    forms: list[FormOfTrafficking],
    countries: dict[str, Country],
    today: dt.date,
) -> int:
    """A case for most screened persons, in every status, with needs, a plan and notes."""
    cases = []
    for screening in screenings:
        if screening.outcome == "not_indicated" and rng.random() < 0.7:
            continue
        person = screening.person
        province = required(person.province)  # the demo persons are all in a province
        numbers[province.pk] = numbers.get(province.pk, 0) + 1
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        closed = status == CaseStatus.CLOSED
        cases.append(
            Case(
                number=f"{province.short_code}-{today.year}-{numbers[province.pk]:05d}",
                province=province,
                district=person.district,
                person=person,
                organisation=person.organisation,
                status=status,
                caseworker=person.registered_by,
                opened_by=person.registered_by,
                came_to_light=rng.choice(
                    ["returnee_screening", "hotline", "police", "family", "ngo"]
                ),
                country_of_exploitation=countries[rng.choice(DESTINATIONS)],
                recruiter_relationship=rng.choice(
                    ["", "friend", "acquaintance", "stranger", "family"]
                ),
                means_of_control=rng.sample(
                    [
                        "DebtBondage",
                        "FalsePromises",
                        "WithholdsDocuments",
                        "PhysicalThreats",
                        "TakesEarnings",
                    ],
                    k=rng.randint(0, 3),
                ),
                risk_level=rng.choices(["low", "medium", "high"], weights=[3, 5, 2])[0],
                closed_on=today - dt.timedelta(days=rng.randint(1, 200)) if closed else None,
                closure_reason="reintegrated" if closed else "",
            )
        )
    Case.objects.bulk_create(cases, batch_size=BATCH)
    through = Case.forms_of_trafficking.through
    through.objects.bulk_create(
        [through(case_id=c.pk, formoftrafficking_id=rng.choice(forms).pk) for c in cases],
        batch_size=BATCH,
    )
    needs, plans, notes = [], [], []
    for case in cases:
        if case.status in (CaseStatus.REGISTERED, CaseStatus.SCREENING):
            continue
        for domain in rng.sample(
            ["safety", "health", "psychosocial", "legal", "family", "education", "livelihood"], k=2
        ):
            needs.append(
                Need(
                    case=case,
                    domain=domain,
                    description="ຕ້ອງການການຊ່ວຍເຫຼືອ (demo)",
                    assessed_by=case.caseworker,
                )
            )
        approved = case.status != CaseStatus.ACTIVE or rng.random() < 0.5
        plans.append(
            CasePlan(
                case=case,
                goals="ກັບຄືນຄອບຄົວຢ່າງປອດໄພ ແລະ ມີອາຊີບ (demo)",
                status=PlanStatus.APPROVED if approved else PlanStatus.DRAFT,
            )
        )
        notes.append(
            CaseNote(
                case=case,
                author=case.caseworker,
                organisation=case.organisation,
                text="ຢ້ຽມຢາມຄອບຄົວ, ສະພາບດີ (demo)",
            )
        )
    Need.objects.bulk_create(needs, batch_size=BATCH)
    CasePlan.objects.bulk_create(plans, batch_size=BATCH)
    CaseNote.objects.bulk_create(notes, batch_size=BATCH)
    PlanAction.objects.bulk_create(
        [
            PlanAction(
                plan=plan,
                description="ຕິດຕາມຄອບຄົວ (demo)",
                responsible_organisation=plan.case.organisation,
                due_on=today + dt.timedelta(days=rng.randint(-30, 60)),
                status=rng.choice(["planned", "in_progress", "done"]),
            )
            for plan in plans
        ],
        batch_size=BATCH,
    )
    return len(cases)


def _directory(owners: list[User]) -> None:
    """Each demo office offers a few services; the shelter has beds."""
    offers = {
        "shelter": ["shelter", "psychosocial"],
        "social_welfare": ["family_tracing", "repatriation", "livelihood"],
        "police": ["legal"],
    }
    provinces = list({required(required(o.organisation).province_id) for o in owners})
    for owner in owners:
        org = required(owner.organisation)
        for code in offers.get(org.type.code, []):
            offer, created = ServiceOffer.objects.get_or_create(
                organisation=org,
                service_type=ServiceType.objects.get(code=code),
                defaults={
                    "contact": "021 000 000 (demo)",
                    "capacity": 20 if code == "shelter" else None,
                    "available": 6 if code == "shelter" else None,
                },
            )
            if created:
                offer.provinces.set(provinces)


def _referrals(
    rng: random.Random, persons: list[Person], shelter_owner: User, today: dt.date
) -> int:
    """Referrals of open cases to the demo shelter (with consent naming it), in every state;
    return plans and follow-ups for cases in reintegration or follow-up."""
    shelter_org = required(shelter_owner.organisation)
    service = ServiceType.objects.get(code="shelter")
    made = 0
    cases = Case.objects.filter(person__in=persons).exclude(organisation=shelter_org)
    for case in cases.select_related("person", "organisation"):
        if case.status in ("reintegration", "follow_up"):
            returned = today - dt.timedelta(days=rng.randint(40, 300))
            ReturnPlan.objects.create(
                case=case, return_type="family", returned_on=returned, province=case.province
            )
            for months in (1, 3, 6, 12):
                due = returned + dt.timedelta(days=30 * months)
                done = due if due < today and rng.random() < 0.7 else None
                FollowUpVisit.objects.create(
                    case=case,
                    due_on=due,
                    done_on=done,
                    wellbeing="good" if done else "",
                    visited_by=case.caseworker if done else None,
                )
        if case.status in ("registered", "screening", "closed") or rng.random() > 0.5:
            continue
        consent = Consent.objects.create(
            person=case.person,
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="guardian" if case.person.is_child_on(today) else "self",
            guardian_name="ພໍ່ແມ່ (demo)" if case.person.is_child_on(today) else "",
            given_on=today,
            method="signed_form",
            recorded_by=required(case.caseworker),
            organisation=case.organisation,
        )
        consent.share_with.add(shelter_org)
        status = rng.choice(["requested", "accepted", "accepted", "completed", "declined"])
        urgency = rng.choice(["emergency", "urgent", "routine"])
        hours = {"emergency": 24, "urgent": 72, "routine": 168}[urgency]
        now = timezone.now()
        referral = Referral.objects.create(
            case=case,
            from_organisation=case.organisation,
            to_organisation=shelter_org,
            service_type=service,
            urgency=urgency,
            status=status,
            requested_by=required(case.caseworker),
            respond_by=now + dt.timedelta(hours=hours - rng.randint(0, 2 * hours)),
            responded_by=shelter_owner if status != "requested" else None,
            responded_at=now if status != "requested" else None,
            decline_reason="ບ່ອນເຕັມ (demo)" if status == "declined" else "",
        )
        if status in ("requested", "accepted"):
            for obj in (case, case.person):
                grant_create(  # an unanswered referral's access ends at its deadline
                    user=case.caseworker,
                    obj=obj,
                    organisation=shelter_org,
                    purpose="referral",
                    reason=f"referral {referral.pk}",
                    expires_at=referral.respond_by if status == "requested" else None,
                )
        made += 1
    return made
