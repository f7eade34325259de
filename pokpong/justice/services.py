"""Every write of the justice file: the policy asked again (forged requests), validated, audited.

The file of a case opens with the first thing recorded on it (a complaint, a suspect, ...)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import can_edit_justice_file
from pokpong.cases.models import Case
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.justice.models import (
    Charge,
    Hearing,
    JusticeFile,
    LawArticle,
    Suspect,
    Verdict,
    VerdictOutcome,
    WitnessSupport,
)
from pokpong.places.models import Country


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _fields(model: type[Model], *, skip: tuple[str, ...] = ()) -> list[str]:
    """The fields a person edits: neither keys, timestamps, nor the file itself."""
    excluded = {"id", "created_at", "updated_at", "file", "case", "created_by", *skip}
    return [f.name for f in model._meta.concrete_fields if f.name not in excluded]


def _file_for(*, user: User, case: Case) -> JusticeFile:
    """The case's file; opened (and audited) when nothing was recorded yet."""
    _require(can_edit_justice_file(user, case))
    file = JusticeFile.objects.select_for_update().filter(case=case).first()
    if file is not None:
        return file
    file = JusticeFile(case=case, created_by=user)
    file.full_clean()
    file.save()
    audit_record(actor=user, action=AuditAction.CREATE, obj=file, parent=case)
    return file


def _not_in_future(**dates: dt.date | None) -> None:
    today = timezone.localdate()
    for name, value in dates.items():
        if value is not None and value > today:
            raise ValidationError({name: _("This date is in the future.")})


def _created(*, user: User, record: Model, case: Case) -> None:
    record.full_clean()
    record.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=record,
        parent=case,
        changes=creation_changes(record, _fields(type(record))),
    )


@dataclass(frozen=True)
class FileDetails:
    complaint_filed_on: dt.date | None = None
    complaint_place: str = ""
    complaint_received_by: str = ""
    investigation_unit: str = ""
    investigation_reference: str = ""
    investigation_status: str = "not_started"
    investigation_opened_on: dt.date | None = None
    prosecutor_office: str = ""
    prosecution_reference: str = ""
    indicted_on: dt.date | None = None
    is_appealed: bool = False
    appealed_on: dt.date | None = None
    appeal_outcome: str = ""


@transaction.atomic
def justice_file_save(*, user: User, case: Case, details: FileDetails) -> JusticeFile:
    """Complaint, investigation, prosecution and appeal of the case (one record per case)."""
    file = _file_for(user=user, case=case)
    _not_in_future(
        complaint_filed_on=details.complaint_filed_on,
        investigation_opened_on=details.investigation_opened_on,
        indicted_on=details.indicted_on,
        appealed_on=details.appealed_on,
    )
    if not details.is_appealed and (details.appealed_on or details.appeal_outcome):
        raise ValidationError({"is_appealed": _("Tick “appealed” to record an appeal.")})
    opened, indicted = details.investigation_opened_on, details.indicted_on
    if opened and indicted and indicted < opened:
        raise ValidationError({"indicted_on": _("The indictment is before the investigation.")})
    fields = _fields(JusticeFile)
    before = snapshot(file, fields)
    for name, value in vars(details).items():
        setattr(file, name, value)
    file.full_clean()
    file.save()
    changes = diff(before, file)
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=file, parent=case, changes=changes)
    return file


@dataclass(frozen=True)
class SuspectDetails:
    name: str
    role: str
    identifying_details: str = ""
    nationality: Country | None = None
    relationship: str = ""
    is_arrested: bool = False


@transaction.atomic
def suspect_add(*, user: User, case: Case, details: SuspectDetails) -> Suspect:
    file = _file_for(user=user, case=case)
    if not details.name.strip():
        raise ValidationError({"name": _("Write the suspect's name.")})
    suspect = Suspect(file=file, **vars(details))
    _created(user=user, record=suspect, case=case)
    return suspect


@transaction.atomic
def charge_add(
    *,
    user: User,
    case: Case,
    article: LawArticle,
    charged_on: dt.date,
    suspect: Suspect | None = None,
) -> Charge:
    file = _file_for(user=user, case=case)
    if suspect is not None and suspect.file_id != file.pk:
        raise ValidationError({"suspect": _("That suspect belongs to another case.")})
    _not_in_future(charged_on=charged_on)
    charge = Charge(file=file, suspect=suspect, article=article, charged_on=charged_on)
    _created(user=user, record=charge, case=case)
    return charge


@transaction.atomic
def hearing_add(
    *,
    user: User,
    case: Case,
    court: str,
    starts_at: dt.datetime,
    kind: str,
    outcome_note: str = "",
) -> Hearing:
    """A hearing, past (with what happened) or to come (it reaches the inbox a week ahead)."""
    file = _file_for(user=user, case=case)
    hearing = Hearing(
        file=file, court=court, starts_at=starts_at, kind=kind, outcome_note=outcome_note
    )
    _created(user=user, record=hearing, case=case)
    return hearing


@dataclass(frozen=True)
class VerdictDetails:
    decided_on: dt.date
    court: str
    outcome: str
    suspect: Suspect | None = None
    prison_years: int | None = None
    prison_months: int | None = None
    fine_lak: int | None = None


@transaction.atomic
def verdict_add(*, user: User, case: Case, details: VerdictDetails) -> Verdict:
    file = _file_for(user=user, case=case)
    if details.suspect is not None and details.suspect.file_id != file.pk:
        raise ValidationError({"suspect": _("That suspect belongs to another case.")})
    _not_in_future(decided_on=details.decided_on)
    sentence = (details.prison_years, details.prison_months, details.fine_lak)
    if details.outcome != VerdictOutcome.CONVICTED and any(v is not None for v in sentence):
        raise ValidationError({"outcome": _("Only a conviction carries a sentence.")})
    if details.prison_months is not None and details.prison_months > 11:
        raise ValidationError({"prison_months": _("Twelve months or more: write them as years.")})
    verdict = Verdict(file=file, **vars(details))
    _created(user=user, record=verdict, case=case)
    return verdict


@dataclass(frozen=True)
class WitnessDetails:
    has_legal_aid: bool = False
    legal_aid_by: Organisation | None = None
    legal_aid_from: dt.date | None = None
    is_accompanied: bool = False
    protection_measures: str = ""
    reflection_days: int | None = None
    compensation_claimed_lak: int | None = None
    claimed_on: dt.date | None = None
    compensation_awarded_lak: int | None = None
    awarded_on: dt.date | None = None
    compensation_paid_lak: int | None = None
    paid_on: dt.date | None = None


def _check_witness(details: WitnessDetails) -> None:
    _not_in_future(
        legal_aid_from=details.legal_aid_from,
        claimed_on=details.claimed_on,
        awarded_on=details.awarded_on,
        paid_on=details.paid_on,
    )
    if (details.legal_aid_by or details.legal_aid_from) and not details.has_legal_aid:
        raise ValidationError({"has_legal_aid": _("Tick “legal aid given” to record it.")})
    awarded, paid = details.compensation_awarded_lak, details.compensation_paid_lak
    if awarded is not None and paid is not None and paid > awarded:
        raise ValidationError({"compensation_paid_lak": _("More paid than awarded.")})
    for amount, when in (
        ("compensation_awarded_lak", "awarded_on"),
        ("compensation_paid_lak", "paid_on"),
    ):
        if getattr(details, amount) is not None and getattr(details, when) is None:
            raise ValidationError({when: _("Give the date of this amount.")})


@transaction.atomic
def witness_support_save(*, user: User, case: Case, details: WitnessDetails) -> WitnessSupport:
    """Legal aid, accompaniment, protection, reflection period and compensation of the victim."""
    file = _file_for(user=user, case=case)
    _check_witness(details)
    support = WitnessSupport.objects.filter(file=file).first() or WitnessSupport(file=file)
    is_new = support.pk is None
    fields = _fields(WitnessSupport)
    before = {} if is_new else snapshot(support, fields)
    for name, value in vars(details).items():
        setattr(support, name, value)
    support.full_clean()
    support.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=support,
        parent=case,
        changes=creation_changes(support, fields) if is_new else diff(before, support),
    )
    return support


@transaction.atomic
def suspect_update(*, user: User, suspect: Suspect, details: SuspectDetails) -> Suspect:
    """A suspect's details as the investigation learns them (arrested, nationality, ...)."""
    case = suspect.file.case
    _require(can_edit_justice_file(user, case))
    if not details.name.strip():
        raise ValidationError({"name": _("Write the suspect's name.")})
    _updated(user=user, record=suspect, case=case, values=vars(details))
    return suspect


@transaction.atomic
def hearing_update(
    *,
    user: User,
    hearing: Hearing,
    court: str,
    starts_at: dt.datetime,
    kind: str,
    outcome_note: str = "",
) -> Hearing:
    """A hearing moved to another day, or what happened at it."""
    case = hearing.file.case
    _require(can_edit_justice_file(user, case))
    values = {"court": court, "starts_at": starts_at, "kind": kind, "outcome_note": outcome_note}
    _updated(user=user, record=hearing, case=case, values=values)
    return hearing


def _updated(*, user: User, record: Model, case: Case, values: dict[str, object]) -> None:
    fields = _fields(type(record))
    before = snapshot(record, fields)
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    changes = diff(before, record)
    if changes:
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=record, parent=case, changes=changes
        )
