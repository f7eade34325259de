"""Demo justice files (fictitious): cases at every stage of the criminal path, written through the
justice services by the demo users who keep them (the Savannakhet case worker, the Vientiane
Capital police officer).

complaint → investigation → trial with a hearing in the coming days → convicted, compensation
awarded and partly paid → acquitted. Suspects' names are invented, in Lao and Latin script.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.cases.models import Case, CaseStatus
from pokpong.justice import services
from pokpong.justice.models import HearingKind, LawArticle, Suspect
from pokpong.places.models import Country

COURT_SV = "ສານປະຊາຊົນແຂວງສະຫວັນນະເຂດ"
COURT_VT = "ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ"
# (name, identifying details, nationality, role, relationship)
SUSPECTS = [
    ("ສົມສັກ ວົງໄຊ (Somsak Vongxay)", "ອາຍຸປະມານ 40 ປີ", "LA", "recruiter", "acquaintance"),
    ("Wang Lei (ຫວັງ ເລີຍ)", "", "CN", "employer", "stranger"),
    ("ນາງ ບົວພັນ ສີລາ (Bouaphanh Sila)", "", "LA", "broker", "friend"),
    ("Somchai Kaewdee (ສົມໃຈ ແກ້ວດີ)", "", "TH", "transporter", "stranger"),
    ("ທ້າວ ຄຳແພງ ພົມມະວົງ (Khamphaeng Phommavong)", "", "LA", "recruiter", "family"),
]


def _cases(province: str, owner: User, count: int) -> list[Case]:
    open_cases = Case.objects.filter(
        province__iso_code=province,
        caseworker=owner,
        status__in=[
            CaseStatus.ACTIVE,
            CaseStatus.REINTEGRATION,
            CaseStatus.FOLLOW_UP,
        ],
    )
    return list(open_cases.order_by("pk")[:count])


def _suspect(user: User, case: Case, index: int, *, arrested: bool) -> Suspect:
    name, details, nationality, role, relationship = SUSPECTS[index % len(SUSPECTS)]
    return services.suspect_add(
        user=user,
        case=case,
        details=services.SuspectDetails(
            name=name,
            identifying_details=details,
            nationality=Country.objects.filter(alpha2=nationality).first(),
            role=role,
            relationship=relationship,
            is_arrested=arrested,
        ),
    )


def _complaint(user: User, case: Case, today: dt.date, **more: Any) -> None:
    details = services.FileDetails(
        complaint_filed_on=today - dt.timedelta(days=120),
        complaint_place="ກອງບັນຊາການປ້ອງກັນຄວາມສະຫງົບ",
        complaint_received_by="ພະແນກຕ້ານການຄ້າມະນຸດ",
        **more,
    )
    services.justice_file_save(user=user, case=case, details=details)


def _investigation(today: dt.date) -> dict[str, Any]:
    return {
        "investigation_unit": "ພະແນກຕ້ານການຄ້າມະນຸດ",
        "investigation_reference": f"ATP-{today.year}-0147",
        "investigation_status": "investigating",
        "investigation_opened_on": today - dt.timedelta(days=110),
    }


def _indicted(today: dt.date) -> dict[str, Any]:
    return {
        **_investigation(today),
        "investigation_status": "sent_to_prosecutor",
        "prosecutor_office": "ອົງການໄອຍະການປະຊາຊົນແຂວງ",
        "prosecution_reference": f"PP-{today.year}-112",
        "indicted_on": today - dt.timedelta(days=60),
    }


def _trial(user: User, case: Case, today: dt.date, court: str, index: int) -> list[Suspect]:
    _complaint(user, case, today, **_indicted(today))
    suspects = [_suspect(user, case, index + i, arrested=True) for i in range(2)]
    article = LawArticle.objects.filter(is_active=True).order_by("sort_order").first()
    if article is not None:
        for suspect in suspects:
            services.charge_add(
                user=user,
                case=case,
                article=article,
                charged_on=today - dt.timedelta(days=60),
                suspect=suspect,
            )
    services.hearing_add(
        user=user,
        case=case,
        court=court,
        starts_at=timezone.now() - dt.timedelta(days=30),
        kind=HearingKind.PRE_TRIAL,
        outcome_note="ເລື່ອນການພິຈາລະນາ",
    )
    return suspects


def seed_justice(*, today: dt.date | None = None) -> dict[str, int]:
    """The justice files of the demo; nothing when the demo has no cases (or no such users)."""
    today = today or timezone.localdate()
    worker = User.objects.filter(username="caseworker.sv").first()
    police = User.objects.filter(username="police.vt").first()
    made = 0
    sv = _cases("LA-SV", worker, 4) if worker else []
    vt = _cases("LA-VT", police, 1) if police else []
    aid = Organisation.objects.filter(type__code="international").first()
    if len(sv) > 0 and worker:
        _complaint(worker, sv[0], today)  # a complaint, nothing more yet
        made += 1
    if len(sv) > 1 and worker:  # at trial: the next hearing in the coming days
        _trial(worker, sv[1], today, COURT_SV, 0)
        services.hearing_add(
            user=worker,
            case=sv[1],
            court=COURT_SV,
            starts_at=timezone.now() + dt.timedelta(days=4),
            kind=HearingKind.TRIAL,
        )
        services.witness_support_save(
            user=worker,
            case=sv[1],
            details=services.WitnessDetails(
                has_legal_aid=True,
                legal_aid_by=aid,
                legal_aid_from=today - dt.timedelta(days=90),
                is_accompanied=True,
                protection_measures="ບໍ່ເປີດເຜີຍທີ່ຢູ່; ເຈົ້າໜ້າທີ່ໄປນຳ",
                reflection_days=30,
                compensation_claimed_lak=40_000_000,
                claimed_on=today - dt.timedelta(days=50),
            ),
        )
        made += 1
    if len(sv) > 2 and worker:  # convicted; compensation awarded and partly paid
        suspects = _trial(worker, sv[2], today, COURT_SV, 2)
        for suspect, years in zip(suspects, (8, 5), strict=True):
            services.verdict_add(
                user=worker,
                case=sv[2],
                details=services.VerdictDetails(
                    decided_on=today - dt.timedelta(days=20),
                    court=COURT_SV,
                    outcome="convicted",
                    suspect=suspect,
                    prison_years=years,
                    fine_lak=10_000_000,
                ),
            )
        services.witness_support_save(
            user=worker,
            case=sv[2],
            details=services.WitnessDetails(
                has_legal_aid=True,
                legal_aid_by=aid,
                legal_aid_from=today - dt.timedelta(days=100),
                is_accompanied=True,
                compensation_claimed_lak=60_000_000,
                claimed_on=today - dt.timedelta(days=70),
                compensation_awarded_lak=30_000_000,
                awarded_on=today - dt.timedelta(days=20),
                compensation_paid_lak=12_000_000,
                paid_on=today - dt.timedelta(days=5),
            ),
        )
        made += 1
    if len(sv) > 3 and worker:  # acquitted
        _trial(worker, sv[3], today, COURT_SV, 4)
        services.verdict_add(
            user=worker,
            case=sv[3],
            details=services.VerdictDetails(
                decided_on=today - dt.timedelta(days=10), court=COURT_SV, outcome="acquitted"
            ),
        )
        made += 1
    if vt and police:  # the police's own: under investigation, a suspect not yet arrested
        _complaint(police, vt[0], today, **_investigation(today))
        _suspect(police, vt[0], 1, arrested=False)
        made += 1
    return {"justice files": made}
