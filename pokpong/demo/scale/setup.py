"""The offices and bench users the generated records belong to, made through the accounts
services (so their creation and roles are audited like any other). Idempotent: a second run
(--append) finds them again."""

import base64
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock

from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.hashers import make_password

from pokpong.accounts.models import Organisation, Role, User
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.accounts.services import organisation_create, role_assign, user_create
from pokpong.places.models import Province
from pokpong.training.models import Course

BENCH_PASSWORD = "pokpong-bench-2026"  # noqa: S105  (fictitious bench data; demo settings only)
TARGET = ("LA-VT", "LA-SV", "LA-CH", "LA-SL")
# Of every hundred persons: where they are registered (the rest spread over the other provinces).
TARGET_SHARE = {"LA-VT": 25, "LA-SV": 20, "LA-CH": 15, "LA-SL": 10}


@dataclass
class Offices:
    national: Organisation
    hotline: Organisation
    welfare: dict[int, Organisation]  # province id -> its labour and social welfare office
    police: dict[int, Organisation]  # target provinces only
    shelter: dict[int, Organisation]  # target provinces only
    users: dict[str, User] = field(default_factory=dict)  # username -> user

    def user(self, role: str, province: Province | None) -> User:
        return self.users[bench_username(role, province)]


def bench_username(role: str, province: Province | None) -> str:
    return f"bench.{role}.{province.short_code if province else 'national'}"


def _office(name_en: str, name_lo: str, type_code: str, province: Province | None) -> Organisation:
    found = Organisation.objects.filter(name_en=name_en).first()
    if found is not None:
        return found
    return organisation_create(
        name_lo=name_lo, name_en=name_en, type_code=type_code, province=province
    )


@contextmanager
def _one_hash() -> Iterator[None]:
    """The bench users share one password: hash it once (Argon2 takes most of a second a
    user on a busy machine), every account gets that hash, still made by the configured hasher."""
    hashed = make_password(BENCH_PASSWORD)

    def set_password(user: User, raw: str | None) -> None:
        user.password = hashed if raw == BENCH_PASSWORD else make_password(raw)
        user._password = raw  # type: ignore[attr-defined]

    with mock.patch.object(User, "set_password", set_password):
        yield


def bench_mfa(user: User) -> None:
    """Roles that must sign in with a second factor get an authenticator, as in seed_demo (its
    secret from the username: `manage.py demo_totp USERNAME` prints the current code); without
    one every page would send them to set it up."""
    if user.role_assignments.filter(role__in=MFA_REQUIRED_ROLES).exists() and not (
        is_mfa_enabled(user, ["totp"])
    ):
        rng = random.Random(user.username)  # noqa: S311  (fictitious bench accounts)
        TOTP.activate(user, base64.b32encode(bytes(rng.getrandbits(8) for _ in range(20))).decode())


def _user(username: str, role: str, organisation: Organisation, province: Province | None) -> User:
    found = User.objects.filter(username=username).first()
    if found is not None:
        bench_mfa(found)
        return found
    user = user_create(
        username=username,
        password=BENCH_PASSWORD,
        organisation=organisation,
        first_name=role.replace("_", " ").capitalize(),
        last_name=province.name_en if province else "National",
        display_name_lo=f"ຜູ້ທົດສອບ {province.name_lo if province else 'ແຫ່ງຊາດ'}",
        email=f"{username}@bench.pokpong.invalid",
    )
    role_assign(user=user, role=role, province=province)
    bench_mfa(user)
    return user


# (role, national?) — per target province: a case worker, a case manager (provincial manager)
# and a police officer; nationally an M&E officer, the secretariat and a case worker; the
# hotline, prevention and training staff who record the calls, activities and sessions.
NATIONAL_ROLES = [
    Role.ME_OFFICER,
    Role.NATIONAL_SECRETARIAT,
    Role.CASE_WORKER,
    Role.HOTLINE_COUNSELLOR,
    Role.TRAINER,
]
PROVINCE_ROLES = [
    Role.CASE_WORKER,
    Role.PROVINCIAL_MANAGER,
    Role.POLICE_OFFICER,
    Role.PREVENTION_OFFICER,
]


def offices_and_users(provinces: list[Province]) -> Offices:
    national = _office(
        "Department of Social Welfare, MoLSW (bench)",
        "ກົມສະຫວັດດີການສັງຄົມ (ທົດສອບ)",
        "social_welfare",
        None,
    )
    vt = next(p for p in provinces if p.iso_code == "LA-VT")
    hotline = _office("LWU hotline 1362 (bench)", "ສາຍດ່ວນ 1362 (ທົດສອບ)", "lwu", vt)
    offices = Offices(national=national, hotline=hotline, welfare={}, police={}, shelter={})
    for province in provinces:
        offices.welfare[province.pk] = _office(
            f"Labour and Social Welfare, {province.name_en} (bench)",
            f"ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ {province.name_lo} (ທົດສອບ)",
            "social_welfare",
            province,
        )
        if province.iso_code in TARGET:
            offices.police[province.pk] = _office(
                f"Anti-Trafficking Police, {province.name_en} (bench)",
                f"ພະແນກຕ້ານການຄ້າມະນຸດ {province.name_lo} (ທົດສອບ)",
                "police",
                province,
            )
            offices.shelter[province.pk] = _office(
                f"Shelter, {province.name_en} (bench)",
                f"ສູນພັກພິງ {province.name_lo} (ທົດສອບ)",
                "shelter",
                province,
            )
    with _one_hash():
        _users(offices, provinces)
    return offices


def _users(offices: Offices, provinces: list[Province]) -> None:
    national, hotline = offices.national, offices.hotline
    for role in NATIONAL_ROLES:
        org = hotline if role == Role.HOTLINE_COUNSELLOR else national
        user = _user(bench_username(role, None), role, org, None)
        offices.users[user.username] = user
    for province in provinces:
        if province.iso_code not in TARGET:
            continue
        for role in PROVINCE_ROLES:
            org = (offices.police if role == Role.POLICE_OFFICER else offices.welfare)[province.pk]
            user = _user(bench_username(role, province), role, org, province)
            offices.users[user.username] = user


COURSES = [
    ("ການລະບຸຕົວຜູ້ຖືກເຄາະຮ້າຍ", "Victim identification (bench)", "identification", 16),
    ("ກົນໄກການສົ່ງຕໍ່ແຫ່ງຊາດ", "National referral mechanism (bench)", "referral", 8),
    ("ກົດໝາຍຕ້ານການຄ້າມະນຸດ", "Anti-trafficking law (bench)", "law", 12),
    ("ການສຳພາດຜູ້ເຄາະຮ້າຍ", "Interviewing victims (bench)", "interviewing", 16),
    ("ການເຄື່ອນຍ້າຍທີ່ປອດໄພ", "Safe migration (bench)", "safe_migration", 8),
]


def courses() -> list[Course]:
    found = []
    for name_lo, name_en, topic, hours in COURSES:
        course = Course.objects.filter(name_en=name_en).first()
        if course is None:
            course = Course.objects.create(
                name_lo=name_lo, name_en=name_en, topic=topic, hours=Decimal(hours)
            )
        found.append(course)
    return found
