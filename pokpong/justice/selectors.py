"""Reads of the justice files: scoped through the policy (never through a referral grant), and
the aggregates of the annual national report (GROUP BY in the database, no personal data)."""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    can_view_justice_file,
    hearings_to_remind,
    justice_files_visible_to,
)
from pokpong.cases.models import Case
from pokpong.cases.selectors import case_get_for_user
from pokpong.justice.models import (
    Hearing,
    JusticeFile,
    Suspect,
    Verdict,
    VerdictOutcome,
    WitnessSupport,
)

REMINDER_DAYS = 7  # hearings reach the inbox a week ahead


def justice_case_get_for_user(*, user: User, case_pk: int) -> Case:
    """The case whose justice file the user may open; the same 404 as a missing case."""
    case = case_get_for_user(user=user, pk=case_pk)
    if not can_view_justice_file(user, case):
        raise Http404
    return case


def justice_file_of(*, case: Case) -> JusticeFile | None:
    """The case's file with everything on it (the caller checked the user may see it)."""
    return (
        JusticeFile.objects.filter(case=case)
        .prefetch_related(
            "suspects__nationality",
            "charges__article",
            "charges__suspect",
            "hearings",
            "verdicts__suspect",
        )
        .first()
    )


def witness_support_of(*, file: JusticeFile | None) -> WitnessSupport | None:
    if file is None:
        return None
    return WitnessSupport.objects.filter(file=file).select_related("legal_aid_by").first()


def next_hearing(*, file: JusticeFile) -> Hearing | None:
    return file.hearings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()


def hearings_upcoming(*, user: User, limit: int = 20) -> list[Hearing]:
    """Hearings of the coming week the user is reminded of (policy.hearings_to_remind)."""
    now = timezone.now()
    soon = Hearing.objects.filter(
        starts_at__gte=now, starts_at__lte=now + dt.timedelta(days=REMINDER_DAYS)
    )
    return list(
        hearings_to_remind(user, soon).select_related("file__case").order_by("starts_at")[:limit]
    )


# --- the annual national report ----------------------------------------------------------------
# Counted from the records, never shown by name; the M&E engine suppresses small counts.


class Measure(StrEnum):
    INVESTIGATIONS = "investigations"  # files whose investigation opened in the period
    PROSECUTIONS = "prosecutions"  # files indicted in the period
    CONVICTIONS = "convictions"  # convictions decided in the period (one per person convicted)
    LEGAL_AID = "legal_aid"  # victims (persons) whose legal aid began in the period


def _within(
    *,
    date_field: str,
    start: dt.date,
    end: dt.date,
    case_path: str,
    province_ids: Collection[int] | None,
) -> Q:
    condition = Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
    if province_ids is not None:
        condition &= Q(**{f"{case_path}__province_id__in": list(province_ids)})
    return condition


@dataclass(frozen=True)
class MeasureSource:
    queryset: QuerySet[JusticeFile] | QuerySet[Verdict] | QuerySet[WitnessSupport]
    date_field: str
    case_path: str  # from the counted record to its case
    counted: str  # what one unit is (distinct)


def measure_source(measure: Measure) -> MeasureSource:
    """What a measure counts: its records, the date that places them in a period, the path to
    their case, and the unit counted (distinct) — for the selectors below and the M&E rules."""
    if measure == Measure.INVESTIGATIONS:
        return MeasureSource(statistics_justice_files(), "investigation_opened_on", "case", "pk")
    if measure == Measure.PROSECUTIONS:
        return MeasureSource(statistics_justice_files(), "indicted_on", "case", "pk")
    if measure == Measure.CONVICTIONS:
        return MeasureSource(statistics_convictions(), "decided_on", "file__case", "pk")
    aided = statistics_witness_support().filter(has_legal_aid=True)
    return MeasureSource(aided, "legal_aid_from", "file__case", "file__case__person")


def _records(
    measure: Measure, start: dt.date, end: dt.date, province_ids: Collection[int] | None
) -> tuple[MeasureSource, QuerySet[JusticeFile] | QuerySet[Verdict] | QuerySet[WitnessSupport]]:
    source = measure_source(measure)
    condition = _within(
        date_field=source.date_field,
        start=start,
        end=end,
        case_path=source.case_path,
        province_ids=province_ids,
    )
    return source, source.queryset.filter(condition)


def justice_count_total(
    *, measure: Measure, start: dt.date, end: dt.date, province_ids: Collection[int] | None = None
) -> int:
    source, records = _records(measure, start, end, province_ids)
    total = records.aggregate(n=Count(source.counted, distinct=True))["n"]
    return int(total or 0)


def justice_count_by_province(
    *, measure: Measure, start: dt.date, end: dt.date, province_ids: Collection[int] | None = None
) -> dict[int, int]:
    """{province id of the case: count}; the rows add up to the total."""
    source, records = _records(measure, start, end, province_ids)
    key = f"{source.case_path}__province_id"
    rows = records.values(key).annotate(n=Count(source.counted, distinct=True)).order_by(key)
    return {row[key]: row["n"] for row in rows}


def justice_count_by_form(
    *, measure: Measure, start: dt.date, end: dt.date, province_ids: Collection[int] | None = None
) -> dict[int | None, int]:
    """{form of trafficking id: count}, None for cases without a recorded form. A case with two
    forms counts in both rows: the rows do not add up to the total."""
    source, records = _records(measure, start, end, province_ids)
    key = f"{source.case_path}__forms_of_trafficking"
    rows = records.values(key).annotate(n=Count(source.counted, distinct=True)).order_by(key)
    return {row[key]: row["n"] for row in rows}


def justice_count_by_province_and_form(
    *, measure: Measure, start: dt.date, end: dt.date, province_ids: Collection[int] | None = None
) -> dict[tuple[int, int | None], int]:
    """{(province id, form id or None): count}, for the report's table of both."""
    source, records = _records(measure, start, end, province_ids)
    province = f"{source.case_path}__province_id"
    form = f"{source.case_path}__forms_of_trafficking"
    rows = (
        records.values(province, form)
        .annotate(n=Count(source.counted, distinct=True))
        .order_by(province, form)
    )
    return {(row[province], row[form]): row["n"] for row in rows}


@dataclass
class CompensationTotals:
    """Sums in LAK: awarded by the date of the award, paid by the date of the last payment."""

    awarded_lak: int = 0
    paid_lak: int = 0
    by_province: dict[int, tuple[int, int]] = field(default_factory=dict)  # (awarded, paid)


def compensation_totals(
    *, start: dt.date, end: dt.date, province_ids: Collection[int] | None = None
) -> CompensationTotals:
    totals = CompensationTotals()
    key = "file__case__province_id"
    for amount, date_field, slot in (
        ("compensation_awarded_lak", "awarded_on", 0),
        ("compensation_paid_lak", "paid_on", 1),
    ):
        condition = _within(
            date_field=date_field,
            start=start,
            end=end,
            case_path="file__case",
            province_ids=province_ids,
        )
        rows = (
            WitnessSupport.objects.filter(condition, **{f"{amount}__isnull": False})
            .values(key)
            .annotate(total=Sum(amount))
            .order_by(key)
        )
        for row in rows:
            pair = list(totals.by_province.get(row[key], (0, 0)))
            pair[slot] = int(row["total"])
            totals.by_province[row[key]] = (pair[0], pair[1])
    totals.awarded_lak = sum(awarded for awarded, _ in totals.by_province.values())
    totals.paid_lak = sum(paid for _, paid in totals.by_province.values())
    return totals


# The records the M&E engine's rules count (unscoped: statistics only, never shown by name).


def statistics_justice_files() -> QuerySet[JusticeFile]:
    return JusticeFile.objects.all()


def statistics_convictions() -> QuerySet[Verdict]:
    return Verdict.objects.filter(outcome=VerdictOutcome.CONVICTED)


def statistics_witness_support() -> QuerySet[WitnessSupport]:
    return WitnessSupport.objects.all()


def suspect_get_for_user(*, user: User, pk: int) -> Suspect:
    """A suspect of a justice file the user may open; the same 404 as a missing one."""
    suspect = get_object_or_404(Suspect.objects.select_related("file__case"), pk=pk)
    if not can_view_justice_file(user, suspect.file.case):
        raise Http404
    return suspect


def hearing_get_for_user(*, user: User, pk: int) -> Hearing:
    hearing = get_object_or_404(Hearing.objects.select_related("file__case"), pk=pk)
    if not can_view_justice_file(user, hearing.file.case):
        raise Http404
    return hearing


def justice_file_list_for_user(*, user: User) -> QuerySet[JusticeFile]:
    """The justice files the user may open (policy.can_view_justice_file: the case's office and
    the police, in scope for both; never through a referral grant)."""
    files = justice_files_visible_to(user, JusticeFile.objects.all())
    return files.select_related("case", "case__person")
