"""A small world for the report tests: victims identified in Vientiane Capital, with names,
phones, villages and dates of birth that must never appear in any report.

2026Q4 (October–December 2026): 7 women and 2 men identified in November 2026.
2026Q3: 1 woman identified on 30 September 2026 (the last day of FY2026).
FY2026Q1: 1 man identified on 1 October 2025 (the first day of FY2026).
So FY2026 counts 2 (1 October 2025 – 30 September 2026), FY2027Q1 and 2026Q4 count 9.
"""

import datetime as dt
from dataclasses import dataclass

from pokpong.accounts.models import Role, User
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.people.models import Sex
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

NAMES = ("Xaykhamphithoune", "ໄຊຄຳພິທູນ", "Vilaykhounphone", "ວິໄລຄູນພອນ")
PHONE = "020 5987 6413"
VILLAGE = "Ban Nongsaenxaythong"
BIRTH_DATE = "1998-07-14"
SECRETS = (*NAMES, PHONE, "59876413", VILLAGE, BIRTH_DATE, "14/07/1998", "14.07.1998")


@dataclass
class World:
    vientiane: Province
    caseworker: User


def _victim(worker: User, sex: str, on: dt.date) -> None:
    person = PersonFactory(
        registered_by=worker,
        given_name_latin=NAMES[0],
        given_name_lo=NAMES[1],
        family_name_latin=NAMES[2],
        family_name_lo=NAMES[3],
        sex=sex,
        phone=PHONE,
        origin_village=VILLAGE,
        birth_date=BIRTH_DATE,
        birth_year=1998,
        birth_date_precision="exact",
    )
    IdentificationFactory(person=person, decided_on=on)


def build_world() -> World:
    vientiane = Province.objects.get(iso_code="LA-VT")
    office = OrganisationFactory(province=vientiane)
    worker = UserFactory(organisation=office, roles=[Role.CASE_WORKER])
    for _ in range(7):
        _victim(worker, Sex.FEMALE, dt.date(2026, 11, 10))
    for _ in range(2):
        _victim(worker, Sex.MALE, dt.date(2026, 11, 12))
    _victim(worker, Sex.FEMALE, dt.date(2026, 9, 30))
    _victim(worker, Sex.MALE, dt.date(2025, 10, 1))
    return World(vientiane=vientiane, caseworker=worker)
