"""Demo data of economic reintegration: a few partner employers, and the returned survivors of
the demo in every stage — in training, trained, placed, still employed at 6 months, left the
job, a business running, a business closed — with their income at baseline and at each visit.
Written through the livelihood services (scheduled checks, audit trail), as staff would."""

import datetime as dt
from collections.abc import Callable

from pokpong.accounts.policy import can_manage_livelihoods
from pokpong.cases.models import Case
from pokpong.core.typing import required
from pokpong.livelihoods import services as ls
from pokpong.livelihoods.models import Employer
from pokpong.places.models import Province
from pokpong.referrals.models import FollowUpVisit

TODAY = dt.date(2026, 11, 20)

# name, sector, province, contact person, phone, agreement signed on (None: no agreement)
EMPLOYERS = [
    (
        "ບໍລິສັດ ຕັດຫຍິບ ສະຫວັນ (ຂໍ້ມູນສາທິດ)",
        "factory",
        "LA-SV",
        "ນາງ ພອນສະຫວັນ",
        "020 5500 0101",
        dt.date(2026, 1, 15),
    ),
    (
        "ໂຮງແຮມ ແມ່ນ້ຳຂອງ ວິວ (ຂໍ້ມູນສາທິດ)",
        "hospitality",
        "LA-SV",
        "ທ້າວ ສົມພອນ",
        "020 5500 0102",
        dt.date(2026, 3, 2),
    ),
    ("ຮ້ານອາຫານ ບ້ານເຮົາ (ຂໍ້ມູນສາທິດ)", "hospitality", "LA-CH", "ນາງ ແສງເດືອນ", "020 5500 0103", None),
    (
        "ສະຫະກອນ ກາເຟ ພູພຽງບໍລະເວນ (ຂໍ້ມູນສາທິດ)",
        "agriculture",
        "LA-CH",
        "ທ້າວ ບຸນມີ",
        "020 5500 0104",
        dt.date(2025, 11, 1),
    ),
    (
        "ໂຮງງານ ເຄື່ອງນຸ່ງ ນະຄອນຫຼວງ (ຂໍ້ມູນສາທິດ)",
        "factory",
        "LA-VT",
        "ນາງ ວັນນີ",
        "020 5500 0105",
        dt.date(2026, 6, 10),
    ),
]
TRADES = ["ຕັດຫຍິບ", "ເສີມສວຍ", "ແຕ່ງກິນ", "ສ້ອມແປງລົດຈັກ", "ຕໍ່າແຜ່ນ"]


def _employers() -> dict[str, list[Employer]]:
    by_province: dict[str, list[Employer]] = {}
    for name, sector, iso, contact, phone, signed in EMPLOYERS:
        employer = Employer.objects.create(
            name=name,
            sector=sector,
            province=Province.objects.get(iso_code=iso),
            contact_person=contact,
            phone=phone,
            has_agreement=signed is not None,
            agreement_on=signed,
        )
        by_province.setdefault(iso, []).append(employer)
    return by_province


def _incomes(case: Case, amounts: list[int]) -> None:
    """The income each visit made found, in order (the demo's visits exist already)."""
    visits = FollowUpVisit.objects.filter(case=case, done_on__isnull=False).order_by("done_on")
    for visit, lak in zip(visits, amounts, strict=False):
        rating = "good" if lak >= 1_500_000 else "fair" if lak >= 800_000 else "poor"
        FollowUpVisit.objects.filter(pk=visit.pk).update(income_lak=lak, income=rating)


def seed_livelihoods() -> None:
    """Run once by demo_seed, after the demo persons (does nothing without returned cases)."""
    employers = _employers()
    cases = Case.objects.filter(return_plan__isnull=False).select_related(
        "return_plan", "caseworker", "province", "organisation"
    )
    # the longest returned first: they have been in a job long enough to be checked at 6 months
    ordered = cases.order_by("return_plan__returned_on", "pk")
    managed = [c for c in ordered if can_manage_livelihoods(required(c.caseworker), c)]
    for n, case in enumerate(managed):
        stage = STAGES[n % len(STAGES)]
        places = employers.get(case.province.iso_code) or employers["LA-SV"]
        stage(case, places[n % len(places)], n)


def _assess(case: Case, baseline: int, n: int) -> None:
    ls.livelihood_assessment_record(
        user=required(case.caseworker),
        case=case,
        details=ls.AssessmentDetails(
            assessed_on=case.return_plan.returned_on,
            education_level=["primary", "lower_secondary", "none", "upper_secondary"][n % 4],
            skills="ຫຍິບເຄື່ອງໄດ້ໜ້ອຍໜຶ່ງ, ເຮັດນາ (ຂໍ້ມູນສາທິດ)",
            work_history="ເຮັດວຽກໂຮງງານ ຢູ່ປະເທດໄທ 2 ປີ (ຂໍ້ມູນສາທິດ)",
            interests="ຢາກມີວຽກໃກ້ບ້ານ (ຂໍ້ມູນສາທິດ)",
            household="ຢູ່ກັບແມ່ ແລະ ນ້ອງ 2 ຄົນ (ຂໍ້ມູນສາທິດ)",
            debt_lak=[0, 4_500_000, 12_000_000][n % 3] or None,
            creditor=["", "broker", "moneylender"][n % 3],
            baseline_income_lak=baseline,
        ),
    )


def _train(case: Case, n: int, *, status: str) -> None:
    started = case.return_plan.returned_on + dt.timedelta(days=10)
    ended = started + dt.timedelta(days=90)
    done = status != "enrolled" and ended < TODAY
    ls.vocational_training_record(
        user=required(case.caseworker),
        case=case,
        details=ls.TrainingDetails(
            provider=case.organisation,
            trade=TRADES[n % len(TRADES)],
            started_on=started,
            ended_on=ended if done else None,
            status=status if done else "enrolled",
            dropout_reason="ຕ້ອງກັບໄປເບິ່ງແຍງແມ່ທີ່ເຈັບປ່ວຍ (ຂໍ້ມູນສາທິດ)"
            if done and status == "dropped_out"
            else "",
            has_certificate=done and status == "completed",
        ),
    )


def _place(case: Case, employer: Employer, *, left_at: int | None) -> None:
    """A job from two weeks after the return; checks recorded while due before today."""
    user = required(case.caseworker)
    placement = ls.job_placement_record(
        user=user,
        case=case,
        details=ls.PlacementDetails(
            employer=employer,
            position="ພະນັກງານ (ຂໍ້ມູນສາທິດ)",
            started_on=case.return_plan.returned_on + dt.timedelta(days=14),
            wage_lak=1_600_000,
            contract_type="fixed_term",
            has_social_security=employer.has_agreement,
        ),
    )
    for check in placement.checks.order_by("month"):
        if check.due_on >= TODAY or (left_at is not None and check.month > left_at):
            continue
        stayed = left_at is None or check.month < left_at
        ls.retention_check_record(
            user=user,
            check=check,
            details=ls.RetentionDetails(
                checked_on=check.due_on + dt.timedelta(days=3),
                still_employed=stayed,
                wage_lak=1_800_000 if stayed else None,
                leaving_reason="" if stayed else "ເງິນເດືອນບໍ່ພໍ, ວຽກໄກບ້ານ (ຂໍ້ມູນສາທິດ)",
            ),
        )


def _business(case: Case, *, status: str, income: int) -> None:
    user = required(case.caseworker)
    given = case.return_plan.returned_on + dt.timedelta(days=20)
    business = ls.business_support_record(
        user=user,
        case=case,
        details=ls.BusinessDetails(
            business_type="food" if status == "running" else "livestock",
            kind="in_kind",
            amount_lak=3_500_000,
            what="ເຕົາ, ໝໍ້ ແລະ ວັດຖຸດິບ (ຂໍ້ມູນສາທິດ)" if status == "running" else "ລູກໝູ 4 ໂຕ (ຂໍ້ມູນສາທິດ)",
            given_on=given,
        ),
    )
    if given + dt.timedelta(days=60) < TODAY:
        ls.business_check_record(
            user=user,
            business=business,
            details=ls.BusinessCheckDetails(
                checked_on=given + dt.timedelta(days=60), status=status, monthly_income_lak=income
            ),
        )
    ls.financial_inclusion_record(
        user=user,
        case=case,
        details=ls.FinanceDetails(
            kind="savings_group",
            institution="ກຸ່ມເງິນຝາກປະຢັດ ແມ່ຍິງບ້ານ (ຂໍ້ມູນສາທິດ)",
            joined_on=given,
            loan_lak=1_000_000 if status == "running" else None,
            loan_purpose="ຊື້ວັດຖຸດິບ" if status == "running" else "",
        ),
    )


def _in_training(case: Case, employer: Employer, n: int) -> None:
    _assess(case, 300_000, n)
    _train(case, n, status="enrolled")
    _incomes(case, [300_000, 350_000, 400_000, 400_000])


def _trained_and_retained(case: Case, employer: Employer, n: int) -> None:
    _assess(case, 400_000, n)
    _train(case, n, status="completed")
    _place(case, employer, left_at=None)
    _incomes(case, [500_000, 1_600_000, 1_800_000, 1_900_000])


def _left_the_job(case: Case, employer: Employer, n: int) -> None:
    _assess(case, 500_000, n)
    _place(case, employer, left_at=3)
    _incomes(case, [600_000, 1_600_000, 450_000, 500_000])


def _business_running(case: Case, employer: Employer, n: int) -> None:
    _assess(case, 350_000, n)
    _business(case, status="running", income=1_400_000)
    _incomes(case, [600_000, 1_100_000, 1_400_000, 1_500_000])


def _business_closed(case: Case, employer: Employer, n: int) -> None:
    _assess(case, 600_000, n)
    _train(case, n, status="dropped_out")
    _business(case, status="closed", income=0)
    _incomes(case, [500_000, 400_000, 300_000, 350_000])


STAGES: list[Callable[[Case, Employer, int], None]] = [
    _trained_and_retained,
    _left_the_job,
    _business_running,
    _business_closed,
    _in_training,
]
