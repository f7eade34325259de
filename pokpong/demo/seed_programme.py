"""Demo programme management and coordination: committees and their meetings over the last
quarters, action items (some overdue, so the inbox shows them), a work plan and this fiscal
year's budget. Fictitious, Lao first; dates count back from the day of seeding."""

import datetime as dt
import random
from decimal import Decimal

from pokpong.accounts.models import Organisation, User
from pokpong.places.models import District, Province
from pokpong.programme.models import (
    ActionItem,
    ActionStatus,
    ActivityStatus,
    BudgetLine,
    Committee,
    CommitteeLevel,
    CommitteeMeeting,
    Component,
    MeetingAttendance,
    WorkPlanActivity,
    fiscal_quarter_starts,
    fiscal_year_of,
    quarter_start,
)

TARGET_PROVINCES = ["LA-VT", "LA-SV", "LA-CH", "LA-SL"]
# Committees that have not met in the current quarter (the "active committees" indicator sees
# them drop out): Salavan's provincial committee and its district committee.
QUIET = {"LA-SL"}
QUARTERS_BACK = 5
LAK_PER_USD = Decimal("21500")


def seed_programme(rng: random.Random, *, today: dt.date) -> None:
    committees = _committees()
    organisations = list(Organisation.objects.filter(is_active=True).order_by("pk"))
    recorder = User.objects.get(username="secretariat")
    latest: dict[int, CommitteeMeeting] = {}
    for committee in committees:
        for meeting in _meetings(rng, committee, organisations, recorder, today):
            latest[committee.pk] = meeting
    _actions(latest, committees, today)
    _work_plan(rng, organisations, today)
    _budget(rng, today)


def _committees() -> list[Committee]:
    provinces = {p.iso_code: p for p in Province.objects.filter(iso_code__in=TARGET_PROVINCES)}
    made = [
        Committee.objects.create(
            name="ຄະນະຊີ້ນຳແຫ່ງຊາດ ຕ້ານການຄ້າມະນຸດ",
            level=CommitteeLevel.NATIONAL_STEERING,
        ),
        Committee.objects.create(
            name="ກອງເລຂາຄະນະຊີ້ນຳແຫ່ງຊາດ (ກົມສະຫວັດດີການສັງຄົມ)",
            level=CommitteeLevel.NATIONAL_SECRETARIAT,
        ),
    ]
    for iso in TARGET_PROVINCES:
        province = provinces[iso]
        made.append(
            Committee.objects.create(
                name=f"ຄະນະກຳມະການຕ້ານການຄ້າມະນຸດ ແຂວງ{province.name_lo}",
                level=CommitteeLevel.PROVINCIAL,
                province=province,
            )
        )
        districts = 2 if iso == "LA-SV" else 1
        for district in District.objects.filter(province=province).order_by("code")[:districts]:
            made.append(
                Committee.objects.create(
                    name=f"ຄະນະກຳມະການຕ້ານການຄ້າມະນຸດ ເມືອງ{district.name_lo}",
                    level=CommitteeLevel.DISTRICT,
                    province=province,
                    district=district,
                )
            )
    return made


def _quarter_starts_back(today: dt.date) -> list[dt.date]:
    """The first days of the current quarter and the ones before it, oldest first."""
    starts = [quarter_start(today)]
    for _ in range(QUARTERS_BACK - 1):
        starts.insert(0, quarter_start(starts[0] - dt.timedelta(days=1)))
    return starts


def _meetings(
    rng: random.Random,
    committee: Committee,
    organisations: list[Organisation],
    recorder: User,
    today: dt.date,
) -> list[CommitteeMeeting]:
    current = quarter_start(today)
    quiet = committee.province is not None and committee.province.iso_code in QUIET
    meetings = []
    for start in _quarter_starts_back(today):
        if start == current and quiet:
            continue
        held_on = min(start + dt.timedelta(days=rng.randint(10, 40)), today - dt.timedelta(days=2))
        if held_on < start:
            continue
        meeting = CommitteeMeeting.objects.create(
            committee=committee,
            held_on=held_on,
            place=f"ຫ້ອງປະຊຸມ {committee.province.name_lo if committee.province else 'ນະຄອນຫຼວງ'}",
            decisions=rng.choice(DECISIONS),
            recorded_by=recorder,
        )
        local = [
            o for o in organisations if o.province_id in (None, committee.province_id)
        ] or organisations
        for organisation in rng.sample(local, k=min(len(local), rng.randint(2, 4))):
            MeetingAttendance.objects.create(
                meeting=meeting,
                organisation=organisation,
                women=rng.randint(1, 5),
                men=rng.randint(1, 5),
            )
        meetings.append(meeting)
    return meetings


DECISIONS = [
    "1. ຕົກລົງເລັ່ງລັດການສົ່ງຕໍ່ຜູ້ເຄາະຮ້າຍ ພາຍໃນ 48 ຊົ່ວໂມງ.\n2. ກະກຽມບົດລາຍງານໄຕມາດ.",
    "1. ຮັບຮອງແຜນວຽກໄຕມາດໜ້າ.\n2. ຈັດກອງປະຊຸມເຜີຍແຜ່ຢູ່ບ້ານຊາຍແດນ.",
    "1. ທົບທວນຜົນການຝຶກອົບຮົມຕຳຫຼວດ.\n2. ແຕ່ງຕັ້ງຜູ້ປະສານງານຂອງແຕ່ລະພາກສ່ວນ.",
]


def _actions(
    latest: dict[int, CommitteeMeeting], committees: list[Committee], today: dt.date
) -> None:
    """On each committee's latest meeting: the owners are demo users of the committee's place,
    so their inboxes show what is overdue and what falls due this week."""
    users = {u.username: u for u in User.objects.filter(is_active=True)}
    for committee in committees:
        meeting = latest.get(committee.pk)
        if meeting is None:
            continue
        iso = committee.province.iso_code if committee.province else None
        owner = users["manager.sv"] if iso == "LA-SV" else users["secretariat"]
        plan = [
            ("ສົ່ງບົດລາຍງານຜົນການຈັດຕັ້ງປະຕິບັດ ໃຫ້ກອງເລຂາ", owner, -10, ActionStatus.OPEN),
            ("ກະກຽມລາຍຊື່ຜູ້ເຂົ້າຮ່ວມຝຶກອົບຮົມ", owner, 4, ActionStatus.OPEN),
            ("ແຈ້ງມະຕິກອງປະຊຸມ ໃຫ້ບັນດາພາກສ່ວນ", owner, -20, ActionStatus.DONE),
        ]
        if committee.level == CommitteeLevel.DISTRICT and iso == "LA-SV":
            plan.append(
                ("ຕິດຕາມຜູ້ກັບຄືນຖິ່ນຖານ ຢູ່ບ້ານຊາຍແດນ", users["caseworker.sv"], -5, ActionStatus.OPEN)
            )
        for description, who, days, status in plan:
            due_on = max(today + dt.timedelta(days=days), meeting.held_on)
            done = status == ActionStatus.DONE
            ActionItem.objects.create(
                meeting=meeting,
                description=description,
                owner=who,
                due_on=due_on,
                status=status,
                done_on=max(meeting.held_on, today - dt.timedelta(days=21)) if done else None,
                follow_up="ແຈ້ງແລ້ວທາງໜັງສື" if done else "",
            )


WORK_PLAN = [
    ("ຝຶກອົບຮົມການລະບຸຕົວຜູ້ເຄາະຮ້າຍ ໃຫ້ຕຳຫຼວດຊາຍແດນ", Component.CAPACITY, "LA-SV"),
    ("ຝຶກອົບຮົມກົນໄກການສົ່ງຕໍ່ ໃຫ້ພະນັກງານສັງຄົມ", Component.CAPACITY, "LA-CH"),
    ("ຝຶກອົບຮົມຄູຝຶກ ດ້ານການຕ້ານການຄ້າມະນຸດ", Component.CAPACITY, None),
    ("ເຜີຍແຜ່ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ ຢູ່ບ້ານຊາຍແດນ", Component.VULNERABILITY, "LA-SL"),
    ("ກອງປະຊຸມສ້າງຈິດສຳນຶກ ຢູ່ໂຮງຮຽນມັດທະຍົມ", Component.VULNERABILITY, "LA-VT"),
    ("ປະເມີນຄວາມສ່ຽງຂອງຊຸມຊົນ", Component.VULNERABILITY, "LA-SV"),
    ("ປັບປຸງສູນພັກພິງຊົ່ວຄາວ", Component.VICTIM_ASSISTANCE, "LA-SV"),
    ("ທຶນຝຶກອາຊີບ ໃຫ້ຜູ້ລອດຊີວິດ", Component.VICTIM_ASSISTANCE, "LA-CH"),
    ("ຊ່ວຍເຫຼືອດ້ານກົດໝາຍ ໃຫ້ຜູ້ເຄາະຮ້າຍ", Component.VICTIM_ASSISTANCE, None),
    ("ກອງປະຊຸມຄະນະຊີ້ນຳແຫ່ງຊາດ ປະຈຳປີ", Component.COORDINATION, None),
    ("ລາຍງານໄຕມາດ ຕໍ່ຜູ້ໃຫ້ທຶນ", Component.COORDINATION, None),
    ("ກວດກາຂໍ້ມູນ ແລະ ຕິດຕາມຢູ່ແຂວງ", Component.COORDINATION, "LA-SL"),
]


def _work_plan(rng: random.Random, organisations: list[Organisation], today: dt.date) -> None:
    provinces = {p.iso_code: p for p in Province.objects.filter(iso_code__in=TARGET_PROVINCES)}
    national = [o for o in organisations if o.province_id is None]
    for n, (title, component, iso) in enumerate(WORK_PLAN):
        start = today + dt.timedelta(days=rng.randint(-200, 60))
        end = start + dt.timedelta(days=rng.randint(20, 120))
        partners = [o for o in organisations if iso and o.province_id == provinces[iso].pk]
        activity = WorkPlanActivity(
            title=title,
            component=component,
            province=provinces[iso] if iso else None,
            partner=rng.choice(partners or national or organisations),
            planned_start_on=start,
            planned_end_on=end,
        )
        if end < today and n % 4 != 0:  # done, except every fourth: left overdue
            activity.status = ActivityStatus.DONE
            activity.actual_start_on = start + dt.timedelta(days=rng.randint(0, 10))
            activity.actual_end_on = min(end + dt.timedelta(days=rng.randint(0, 15)), today)
        elif start < today:
            activity.status = ActivityStatus.DELAYED if n % 5 == 0 else ActivityStatus.UNDER_WAY
            activity.actual_start_on = start
        activity.save()


def _budget(rng: random.Random, today: dt.date) -> None:
    """The current fiscal year (October–September): spending up to the current quarter."""
    for start in fiscal_quarter_starts(fiscal_year_of(today)):
        for component in Component:
            budget = rng.randint(8, 40) * 10_000_000
            spent = 0
            if start < quarter_start(today):
                spent = budget * rng.randint(60, 105) // 100
            elif start == quarter_start(today):
                spent = budget * rng.randint(10, 50) // 100
            BudgetLine.objects.create(
                component=component,
                quarter_start_on=start,
                budget_lak=budget,
                spent_lak=spent,
                lak_per_usd=LAK_PER_USD,
            )
