"""Fictitious demo data: organisations, users for every role and (as features land) records.

Deterministic for a given seed. Names are built from common Lao name parts in both scripts;
no real person is described.
"""

import base64
import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.db import transaction
from django.utils import timezone

from pokpong.accounts.models import Organisation, Role, User
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.accounts.services import organisation_create, role_assign, user_create
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.core.typing import required
from pokpong.demo.persons import demo_persons
from pokpong.demo.seed_justice import seed_justice
from pokpong.demo.seed_livelihoods import seed_livelihoods
from pokpong.demo.seed_monitoring import demo_monitoring
from pokpong.demo.seed_programme import seed_programme
from pokpong.people.services import PersonDetails
from pokpong.places.models import Province
from pokpong.prevention.models import AwarenessActivity, HotlineCall
from pokpong.prevention.services import CallDetails, call_record, call_refer
from pokpong.training.models import Certificate, Course, Enrolment, Participant, TrainingSession
from pokpong.training.services import CODE_ALPHABET

DEMO_PASSWORD = "pokpong-demo-2026"  # noqa: S105  (printed for the demo; demo settings only)

# (Lao script, a customary romanisation)
GIVEN_NAMES = [
    ("ສຸກສະຫວັນ", "Souksavanh"),
    ("ບຸນມີ", "Bounmy"),
    ("ຄຳພອນ", "Khamphone"),
    ("ສົມພອນ", "Somphone"),
    ("ມະນີວັນ", "Manivanh"),
    ("ພອນສະຫວັນ", "Phonesavanh"),
    ("ແສງດາວ", "Sengdao"),
    ("ນ້ອຍ", "Noy"),
    ("ອາລຸນ", "Aloun"),
    ("ສີສະຫວາດ", "Sisavath"),
    ("ບົວພັນ", "Bouaphanh"),
    ("ທອງດີ", "Thongdy"),
    ("ຄຳແສງ", "Khamseng"),
    ("ວິໄລ", "Vilay"),
    ("ອຳພອນ", "Amphone"),
    ("ນາລີ", "Naly"),
    ("ດາວວອນ", "Daovone"),
    ("ແກ້ວ", "Keo"),
    ("ຈັນທອນ", "Chanthone"),
    ("ພູມມີ", "Phoummy"),
    ("ວັນນາ", "Vanna"),
    ("ສົມສັກ", "Somsack"),
]
FAMILY_NAMES = [
    ("ພົມມະຈັນ", "Phommachanh"),
    ("ວົງສະຫວັນ", "Vongsavanh"),
    ("ສີຫາລາດ", "Sihalath"),
    ("ແກ້ວມະນີ", "Keomany"),
    ("ຈັນທະລາ", "Chanthala"),
    ("ສຸລິຍະວົງ", "Souliyavong"),
    ("ພົມມະວົງ", "Phommavong"),
    ("ອິນທະວົງ", "Inthavong"),
    ("ໄຊຍະສານ", "Xayasane"),
    ("ດວງມະນີ", "Douangmany"),
    ("ແສງສຸລິຍາ", "Sengsouliya"),
    ("ສີວົງໄຊ", "Sivongxay"),
]

PROGRAMME_PROVINCES = ["LA-VT", "LA-SV", "LA-CH", "LA-SL"]


@dataclass
class DemoLogin:
    username: str
    role: str
    organisation: str
    needs_code: bool = False


@dataclass
class DemoResult:
    created: bool
    logins: list[DemoLogin] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _province_label_lo(province: Province) -> str:
    return province.name_lo if province.iso_code == "LA-VT" else f"ແຂວງ{province.name_lo}"


def _province_label_en(province: Province) -> str:
    return province.name_en if province.iso_code == "LA-VT" else f"{province.name_en} Province"


def _organisations() -> dict[str, Organisation]:
    provinces = {p.iso_code: p for p in Province.objects.filter(iso_code__in=PROGRAMME_PROVINCES)}
    orgs = {
        "dsw": organisation_create(
            name_lo="ກົມສະຫວັດດີການສັງຄົມ, ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ",
            name_en="Department of Social Welfare, MoLSW",
            short_name="DSW",
            type_code="social_welfare",
        ),
        "ngo": organisation_create(
            name_lo="ອົງການຕົວຢ່າງສາກົນ (ຂໍ້ມູນສາທິດ)",
            name_en="Example International NGO (demo)",
            short_name="EINGO",
            type_code="international",
        ),
        "donor": organisation_create(
            name_lo="ອົງການໃຫ້ທຶນຕົວຢ່າງ (ຂໍ້ມູນສາທິດ)",
            name_en="Example Donor Agency (demo)",
            short_name="EDA",
            type_code="donor",
        ),
    }
    for iso, province in provinces.items():
        key = iso.removeprefix("LA-").lower()
        orgs[f"lsw_{key}"] = organisation_create(
            name_lo=f"ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ {_province_label_lo(province)}",
            name_en=f"Labour and Social Welfare Department, {_province_label_en(province)}",
            type_code="social_welfare",
            province=province,
        )
        orgs[f"police_{key}"] = organisation_create(
            name_lo=f"ພະແນກຕ້ານການຄ້າມະນຸດ, ກອງບັນຊາການປ້ອງກັນຄວາມສະຫງົບ {_province_label_lo(province)}",
            name_en=f"Anti-Trafficking Police, {_province_label_en(province)}",
            type_code="police",
            province=province,
        )
    orgs["lwu_vt"] = organisation_create(
        name_lo="ສູນໃຫ້ຄຳປຶກສາ ແລະ ປົກປ້ອງແມ່ຍິງ ແລະ ເດັກ, ສະຫະພັນແມ່ຍິງລາວ",
        name_en="LWU Counselling and Protection Centre for Women and Children",
        short_name="LWU-CPC",
        type_code="lwu",
        province=provinces["LA-VT"],
    )
    orgs["shelter_sv"] = organisation_create(
        name_lo="ສູນພັກພິງຫວັງໃໝ່ (ຂໍ້ມູນສາທິດ)",
        name_en="New Hope Shelter (demo)",
        type_code="shelter",
        province=provinces["LA-SV"],
    )
    return orgs


# username, role, organisation key, scope: None (national) or a province ISO code
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, "dsw", None),
    ("secretariat", Role.NATIONAL_SECRETARIAT, "dsw", None),
    ("me.officer", Role.ME_OFFICER, "donor", None),
    ("manager.sv", Role.PROVINCIAL_MANAGER, "lsw_sv", "LA-SV"),
    ("caseworker.sv", Role.CASE_WORKER, "lsw_sv", "LA-SV"),
    ("caseworker.ch", Role.CASE_WORKER, "lsw_ch", "LA-CH"),
    ("police.vt", Role.POLICE_OFFICER, "police_vt", "LA-VT"),
    ("shelter.sv", Role.SERVICE_PROVIDER, "shelter_sv", "LA-SV"),
    ("hotline", Role.HOTLINE_COUNSELLOR, "lwu_vt", None),
    ("prevention.sl", Role.PREVENTION_OFFICER, "lsw_sl", "LA-SL"),
    ("trainer", Role.TRAINER, "ngo", None),
]


# The offices whose staff register the demo persons (the first also receives the arrival group).
PERSON_OWNERS = ["caseworker.sv", "caseworker.ch", "police.vt", "shelter.sv"]


def demo_logins() -> list[DemoLogin]:
    users = User.objects.filter(username__in=[u for u, *_rest in DEMO_USERS]).select_related(
        "organisation"
    )
    by_name = {u.username: u for u in users}
    return [
        DemoLogin(
            username,
            str(Role(role).label),
            str(by_name[username].organisation),
            needs_code=role in MFA_REQUIRED_ROLES,
        )
        for username, role, _org, _scope in DEMO_USERS
        if username in by_name
    ]


def _totp_secret(rng: random.Random) -> str:
    return base64.b32encode(bytes(rng.getrandbits(8) for _ in range(20))).decode()


def demo_totp_code(username: str) -> str:
    """The current authenticator code of a demo user (demo settings only; see seed_demo)."""
    authenticator = Authenticator.objects.get(user__username=username, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    code: str = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    return code  # allauth is untyped


@transaction.atomic
def demo_seed(*, seed: int = 1, persons: int = 0) -> DemoResult:
    """Create the demo data unless it is there already; same seed, same data."""
    if User.objects.filter(username=DEMO_USERS[0][0]).exists():
        return DemoResult(created=False, logins=demo_logins())
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not security)
    orgs = _organisations()
    provinces = {p.iso_code: p for p in Province.objects.filter(iso_code__in=PROGRAMME_PROVINCES)}
    for username, role, org_key, scope in DEMO_USERS:
        (given_lo, given_en), (family_lo, family_en) = (
            rng.choice(GIVEN_NAMES),
            rng.choice(FAMILY_NAMES),
        )
        user = user_create(
            username=username,
            password=DEMO_PASSWORD,
            organisation=orgs[org_key],
            first_name=given_en,
            last_name=family_en,
            display_name_lo=f"{given_lo} {family_lo}",
            email=f"{username}@demo.pokpong.invalid",
        )
        role_assign(user=user, role=role, province=provinces[scope] if scope else None)
        if role in MFA_REQUIRED_ROLES:
            TOTP.activate(user, _totp_secret(rng))
    _prevention(random.Random(seed + 1))  # noqa: S311  (its own stream: persons unchanged)
    _training(random.Random(seed + 2))  # noqa: S311
    seed_programme(random.Random(seed + 3), today=timezone.localdate())  # noqa: S311
    result = DemoResult(created=True, logins=demo_logins())
    if persons:
        by_name = {
            u.username: u for u in User.objects.filter(username__in=[*PERSON_OWNERS, "police.vt"])
        }
        made = demo_persons(
            rng=rng,
            count=persons,
            owners=[by_name[u] for u in PERSON_OWNERS],
            police=by_name.get("police.vt"),
        )
        made.update(seed_justice())  # justice files at every stage, on the cases just made
        audit_record(action=AuditAction.CREATE, object_type="demo", extra=made)
        result.notes.append(", ".join(f"{value} {key}" for key, value in made.items()))
    seed_livelihoods()
    demo_monitoring(rng=random.Random(seed + 4), persons=persons)  # noqa: S311
    return result


def _prevention(rng: random.Random) -> None:
    """Awareness activities of the Salavan prevention officer and calls to the LWU hotline."""
    officer = User.objects.get(username="prevention.sl")
    counsellor = User.objects.get(username="hotline")
    today = dt.date(2026, 11, 20)
    for _ in range(12):
        AwarenessActivity.objects.create(
            type=rng.choice(
                ["village_meeting", "school_session", "radio", "market_event", "safe_migration"]
            ),
            held_on=today - dt.timedelta(days=rng.randint(0, 300)),
            province=required(required(officer.organisation).province),
            village="ບ້ານນາໂພ (demo)",
            organisation=required(officer.organisation),
            topics="ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ",
            girls=rng.randint(0, 40),
            boys=rng.randint(0, 40),
            women=rng.randint(5, 60),
            men=rng.randint(5, 60),
            recorded_by=officer,
        )
    for _ in range(15):
        HotlineCall.objects.create(
            received_at=timezone.now() - dt.timedelta(hours=rng.randint(1, 2000)),
            channel=rng.choice(["phone_1362", "phone_1362", "facebook", "walk_in"]),
            caller_type=rng.choice(["self", "family", "community", "anonymous"]),
            topic=rng.choice(["information", "safe_migration", "missing_person"]),
            outcome=rng.choice(["informed", "referred", "no_action"]),
            organisation=required(counsellor.organisation),
            taken_by=counsellor,
        )
    # Journey 2: a mother calls about her daughter in Thailand; the hotline registers a
    # potential case and refers it to Savannakhet, where caseworker.sv finds it in the inbox.
    call = call_record(
        user=counsellor,
        details=CallDetails(
            received_at=timezone.now() - dt.timedelta(hours=3),
            channel="phone_1362",
            caller_type="family",
            topic="missing_person",
            province=Province.objects.get(iso_code="LA-SV"),
            outcome="potential_case",
            summary="ແມ່ໂທມາ: ລູກສາວໄປເຮັດວຽກຢູ່ໄທ, ຕິດຕໍ່ບໍ່ໄດ້ 3 ເດືອນ (demo)",
        ),
        person=PersonDetails(
            given_name_lo="ມະນີວັນ",
            family_name_lo="ສີຫາລາດ",
            sex="female",
            birth_year=2008,
            phone="020 5555 0142",
        ),
    )
    call_refer(
        user=counsellor,
        call=call,
        to_organisation=required(User.objects.get(username="caseworker.sv").organisation),
        urgency="urgent",
        caller_agreed=True,
        message="ແມ່ລໍຖ້າຢູ່ບ້ານ (demo)",
    )


def _training(rng: random.Random) -> None:
    """Two courses and a few sessions with participants from the demo organisations."""

    def _code(rng: random.Random) -> str:  # from the seed, so a demo is reproducible
        raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    trainer = User.objects.get(username="trainer")
    courses = [
        Course.objects.create(
            name_lo="ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ",
            name_en="Victim identification",
            topic="identification",
            audience="ຕຳຫຼວດ ແລະ ພະນັກງານສັງຄົມ",
            hours=16,
            pass_mark=Decimal(60),
        ),
        Course.objects.create(
            name_lo="ກົນໄກການສົ່ງຕໍ່ແຫ່ງຊາດ",
            name_en="National referral mechanism",
            topic="referral",
            hours=8,
        ),
    ]
    organisations = list(Organisation.objects.exclude(province=None))
    for n, (iso, day) in enumerate([("LA-CH", 10), ("LA-SV", 20), ("LA-VT", 28)]):
        province = Province.objects.get(iso_code=iso)
        session = TrainingSession.objects.create(
            course=courses[n % 2],
            starts_on=dt.date(2026, 10, day),
            ends_on=dt.date(2026, 10, day + 1),
            hours=courses[n % 2].hours,
            venue="(demo)",
            province=province,
            organisation=required(trainer.organisation),
            created_by=trainer,
            gender_content=n == 0,
            first_responders=True,
        )
        for i in range(rng.randint(8, 14)):
            (given_lo, _given), (family_lo, _family) = (
                rng.choice(GIVEN_NAMES),
                rng.choice(FAMILY_NAMES),
            )
            participant = Participant.objects.create(
                full_name=f"{given_lo} {family_lo}",
                sex=rng.choice(["female", "male"]),
                age_group=rng.choice(["under_25", "25_39", "40_54"]),
                organisation=rng.choice(organisations),
                position="ພະນັກງານ",
                province=province,
            )
            pre = Decimal(rng.randint(20, 60))
            Enrolment.objects.create(
                session=session,
                participant=participant,
                pre_score=pre,
                post_score=min(Decimal(100), pre + rng.randint(5, 40)),
                hours_attended=session.hours if i else session.hours / 2,
            )
        if n == 0:  # the first session has handed out its certificates
            for enrolment in session.enrolments.select_related("session__course"):
                if enrolment.completed:
                    Certificate.objects.create(
                        enrolment=enrolment, code=_code(rng), issued_by=trainer
                    )
