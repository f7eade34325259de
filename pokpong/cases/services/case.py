"""Writes to a case and its parts: opening, numbering, workflow, plan, notes, attachments.

Every function checks its own prerequisites (workflow.py) and permissions passed in by views are
checked again here where a rule depends on the case, so that no state is reachable by URL.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import fields as fields_of
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import can_add_case_note, can_approve_for, can_manage_case
from pokpong.cases import attachments
from pokpong.cases.events import case_changed, case_closed, cases_opened
from pokpong.cases.models import (
    ActionStatus,
    Attachment,
    Case,
    CaseNote,
    CaseNumberCounter,
    CaseStatus,
    FormOfTrafficking,
    Need,
    NeedDomain,
    PlanAction,
    Priority,
    RiskLevel,
)
from pokpong.cases.services.plan import plan_for
from pokpong.cases.workflow import blockers
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.models import Person
from pokpong.places.models import Country, Province

CASE_FIELDS = (
    "caseworker",
    "country_of_exploitation",
    "province_of_exploitation",
    "exploitation_began_on",
    "exploitation_ended_on",
    "recruiter_relationship",
    "means_of_control",
    "transport",
    "came_to_light",
    "risk_level",
    "risk_reason",
    "district",
)


@dataclass(frozen=True, kw_only=True)
class CaseDetails:
    """What is known of the case: how it came to light, the exploitation, the risk.
    `came_to_light` is required to open a case (a hotline referral sets it itself)."""

    came_to_light: str = ""
    country_of_exploitation: Country | None = None
    province_of_exploitation: Province | None = None
    exploitation_began_on: dt.date | None = None
    exploitation_ended_on: dt.date | None = None
    recruiter_relationship: str = ""
    means_of_control: list[str] = field(default_factory=list)
    transport: str = ""
    risk_level: str = RiskLevel.MEDIUM
    risk_reason: str = ""

    @classmethod
    def of(cls, case: Case) -> "CaseDetails":
        """The case's details as they are (to show in a form, or to change a few of them)."""
        return cls(**{f.name: getattr(case, f.name) for f in fields_of(cls)})


class ConcurrentEdit(Exception):
    """Someone else saved the case after it was opened for editing."""

    def __init__(self, latest: AuditEntry | None) -> None:
        super().__init__("concurrent edit")
        self.latest = latest


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def case_number_next(*, province: Province, year: int) -> str:
    """The next number of a province and year (SV-2026-00042), safe under concurrent creation."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseNumberCounter.objects.get_or_create(province=province, year=year)
        except IntegrityError:  # another transaction created the counter first
            pass
        counter = CaseNumberCounter.objects.select_for_update().get(province=province, year=year)
        counter.last = F("last") + 1
        counter.save(update_fields=["last"])
        counter.refresh_from_db(fields=["last"])
        return f"{province.short_code}-{year}-{counter.last:05d}"


@transaction.atomic
def case_open(
    *,
    user: User,
    person: Person,
    details: CaseDetails,
    forms_of_trafficking: list[FormOfTrafficking],
) -> Case:
    """Open a case for a person, in the person's province, numbered at once."""
    if person.province_id is None:
        raise ValidationError(
            _(
                "This person is held by a national service: the office of a province takes "
                "them on (through a referral) and opens the case."
            )
        )
    year = timezone.localdate().year
    case = Case(
        person=person,
        province=person.province,
        district=person.district,
        organisation=person.organisation,
        opened_by=user,
        caseworker=user,
        **vars(details),
    )
    _require(can_manage_case(user, case))
    case.number = case_number_next(province=case.province, year=year)  # the person's
    case.full_clean()
    case.save()
    case.forms_of_trafficking.set(forms_of_trafficking)
    changes = creation_changes(case, ("number", "status", *CASE_FIELDS))
    changes["forms_of_trafficking"] = [None, sorted(f.code for f in forms_of_trafficking)]
    audit_record(actor=user, action=AuditAction.CREATE, obj=case, changes=changes)
    case_changed.announce(case=case, change="opened", old_status="")
    return case


def case_numbers_next(*, province: Province, year: int, count: int) -> list[str]:
    """The next `count` numbers of a province and year at once (the counter moved by `count`
    under its lock): the numbers `count` calls of `case_number_next` would give."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseNumberCounter.objects.get_or_create(province=province, year=year)
        except IntegrityError:  # another transaction created the counter first
            pass
        counter = CaseNumberCounter.objects.select_for_update().get(province=province, year=year)
        counter.last = F("last") + count
        counter.save(update_fields=["last"])
        counter.refresh_from_db(fields=["last"])
        first = counter.last - count + 1
        return [f"{province.short_code}-{year}-{n:05d}" for n in range(first, counter.last + 1)]


@transaction.atomic
def cases_open_bulk(
    *,
    user: User,
    items: Sequence[tuple[Person, CaseDetails, list[FormOfTrafficking]]],
) -> list[tuple[Case, dict[str, Any]]]:
    """Open a case for each of many persons at once (issue 20: an import), as `case_open`
    opens each: in the person's province, numbered in turn, the same checks and permission,
    announced (`cases_opened`) — written with a few bulk inserts.

    The caller appends the creation entries to the audit trail (`audit_bulk`): each case is
    returned with the changes `case_open` writes. The database checks the model's
    constraints."""
    if not items:
        return []
    year = timezone.localdate().year
    cases: list[Case] = []
    allowed: dict[tuple[int | None, int | None], bool] = {}
    for person, details, _forms in items:
        if person.province_id is None:
            raise ValidationError(
                _(
                    "This person is held by a national service: the office of a province takes "
                    "them on (through a referral) and opens the case."
                )
            )
        case = Case(
            person=person,
            province_id=person.province_id,
            district_id=person.district_id,
            organisation=person.organisation,
            opened_by=user,
            caseworker=user,
            **vars(details),
        )
        key = (case.province_id, case.district_id)
        if key not in allowed:
            allowed[key] = can_manage_case(user, case)
        _require(allowed[key])
        cases.append(case)
    by_province: dict[int, list[Case]] = {}
    for case in cases:
        by_province.setdefault(case.province_id, []).append(case)
    provinces = Province.objects.in_bulk(list(by_province))
    for province_id, same in by_province.items():
        numbers = case_numbers_next(province=provinces[province_id], year=year, count=len(same))
        for case, number in zip(same, numbers, strict=True):
            case.number = number
    related = [f.name for f in Case._meta.concrete_fields if f.is_relation]
    for case in cases:  # the related records come from the persons, the user and the form
        case.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
    Case.objects.bulk_create(cases)
    through = Case.forms_of_trafficking.through
    links: list[Any] = []
    result = []
    for case, (_person, _details, forms_) in zip(cases, items, strict=True):
        links.extend(through(case_id=case.pk, formoftrafficking_id=f.pk) for f in forms_)
        changes = creation_changes(case, ("number", "status", *CASE_FIELDS))
        changes["forms_of_trafficking"] = [None, sorted(f.code for f in forms_)]
        result.append((case, changes))
    through.objects.bulk_create(links)
    cases_opened.announce(cases=cases)
    return result


def _locked(case: Case, expected_version: int) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != expected_version:
        latest = AuditEntry.objects.filter(
            object_type="cases.case", object_id=str(case.pk), action=AuditAction.UPDATE
        ).first()
        raise ConcurrentEdit(latest)
    return current


@transaction.atomic
def case_update(
    *,
    user: User,
    case: Case,
    details: CaseDetails,
    expected_version: int,
    caseworker: User | None = None,
    team: list[User] | None = None,
    forms_of_trafficking: list[FormOfTrafficking] | None = None,
) -> Case:
    """Change a case's details; refuses when someone saved it since it was opened (version).
    The caseworker, team and forms of trafficking stay as they are when not given (None)."""
    _require(can_manage_case(user, case))
    current = _locked(case, expected_version)
    before = snapshot(current, CASE_FIELDS)
    for name, value in vars(details).items():
        setattr(current, name, value)
    if caseworker is not None:
        current.caseworker = caseworker
    current.version += 1
    current.full_clean()
    current.save()
    changes = diff(before, current)
    if forms_of_trafficking is not None:
        changes.update(_forms_set(current, forms_of_trafficking))
    if team is not None:
        changes.update(_team_set(current, team))
    audit_record(actor=user, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def _forms_set(case: Case, forms_of_trafficking: list[FormOfTrafficking]) -> dict[str, Any]:
    old = sorted(case.forms_of_trafficking.values_list("code", flat=True))
    new = sorted(f.code for f in forms_of_trafficking)
    if old == new:
        return {}
    case.forms_of_trafficking.set(forms_of_trafficking)
    return {"forms_of_trafficking": [old, new]}


def _team_set(case: Case, team: list[User]) -> dict[str, Any]:
    old = sorted(case.team.values_list("pk", flat=True))
    new = sorted(u.pk for u in team)
    if old == new:
        return {}
    case.team.set(team)
    return {"team": [old, new]}


@transaction.atomic
def case_transition(*, user: User, case: Case, target: str) -> Case:
    _require(can_manage_case(user, case))
    current = Case.objects.select_for_update().get(pk=case.pk)
    found = blockers(current, target)
    if found:
        raise ValidationError([b.message for b in found])
    old = current.status
    current.status = target
    current.version += 1
    current.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=current, changes={"status": [old, target]}
    )
    case_changed.announce(case=current, change="status_changed", old_status=old)
    return current


@transaction.atomic
def case_closure_request(*, user: User, case: Case, reason: str, note: str = "") -> Case:
    _require(can_manage_case(user, case))
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is already closed."))
    current.closure_reason, current.closure_note = reason, note
    current.closure_requested_by, current.closure_requested_at = user, timezone.now()
    current.version += 1
    current.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"closure_reason": [None, reason], "closure_note": "set" if note else None},
        extra={"step": "closure requested"},
    )
    return current


@transaction.atomic
def case_closure_approve(*, user: User, case: Case, closed_on: dt.date) -> Case:
    """A manager in scope closes the case that a caseworker asked to close."""
    _require(can_approve_for(user, case))
    current = Case.objects.select_for_update().get(pk=case.pk)
    if not current.closure_pending:
        raise ValidationError(_("Nobody asked to close this case."))
    if current.closure_requested_by_id == user.pk:
        raise ValidationError(_("Another manager must approve a closure you asked for."))
    old = current.status
    current.status, current.closed_on, current.closed_approved_by = (
        CaseStatus.CLOSED,
        closed_on,
        user,
    )
    current.version += 1
    current.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"status": [old, CaseStatus.CLOSED], "closed_on": [None, closed_on.isoformat()]},
        extra={"step": "closure approved"},
    )
    case_closed.announce(user=user, case=current)  # referrals end: no one keeps access
    case_changed.announce(case=current, change="closed", old_status=old)
    return current


@transaction.atomic
def case_reopen(*, user: User, case: Case, reason: str) -> Case:
    _require(can_manage_case(user, case))
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.status != CaseStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Say why the case is reopened."))
    current.status, current.closed_on = CaseStatus.ACTIVE, None
    current.closure_requested_at = current.closure_requested_by = current.closed_approved_by = None
    current.closure_reason, current.closure_note = "", ""
    current.version += 1
    current.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"status": [CaseStatus.CLOSED, CaseStatus.ACTIVE]},
        extra={"step": "reopened", "reason": reason[:300]},
    )
    case_changed.announce(case=current, change="reopened", old_status=CaseStatus.CLOSED)
    return current


@transaction.atomic
def case_risk_reopen(*, user: User, case: Case, found_on: dt.date | None) -> Case:
    """A risk of re-trafficking found at a follow-up visit: the risk is high again and a
    safety need asks for its reassessment. The caller (the follow-up service) checked that the
    user may record the visit: a partner that makes it may not otherwise manage the case."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    old = current.risk_level
    current.risk_level = RiskLevel.HIGH
    current.risk_reason = _("Risk of re-trafficking found at the follow-up of %(day)s.") % {
        "day": found_on.strftime("%d/%m/%Y") if found_on else ""
    }
    current.version += 1
    current.save(update_fields=["risk_level", "risk_reason", "version", "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"risk_level": [old, RiskLevel.HIGH], "risk_reason": "changed"},
        extra={"step": "re-trafficking risk at follow-up"},
    )
    _need_add(
        user=user,
        case=current,
        domain=NeedDomain.SAFETY,
        priority=Priority.HIGH,
        description=_("Reassess the risk of re-trafficking."),
    )
    return current


@transaction.atomic
def case_need_add(*, user: User, case: Case, domain: str, priority: str, description: str) -> Need:
    _require(can_manage_case(user, case))
    return _need_add(
        user=user, case=case, domain=domain, priority=priority, description=description
    )


def _need_add(*, user: User, case: Case, domain: str, priority: str, description: str) -> Need:
    need = Need(
        case=case, domain=domain, priority=priority, description=description, assessed_by=user
    )
    need.full_clean()
    need.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=need,
        parent=case,
        changes=creation_changes(need, ("domain", "priority", "description")),
    )
    return need


@transaction.atomic
def case_action_add(
    *,
    user: User,
    case: Case,
    description: str,
    responsible_organisation: Organisation,
    due_on: dt.date,
    need: Need | None = None,
) -> PlanAction:
    _require(can_manage_case(user, case))
    if need is not None and need.case_id != case.pk:
        raise ValidationError(_("That need belongs to another case."))
    plan = plan_for(case)
    action = PlanAction(
        plan=plan,
        description=description,
        responsible_organisation=responsible_organisation,
        due_on=due_on,
        need=need,
    )
    action.full_clean()
    action.save()
    plan.written_by.add(user)
    fields = ("description", "responsible_organisation", "due_on", "status")
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=action,
        parent=case,
        changes=creation_changes(action, fields),
    )
    return action


@transaction.atomic
def case_action_update(*, user: User, action: PlanAction, status: str, progress: str) -> PlanAction:
    case = action.plan.case
    _require(can_manage_case(user, case))
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    before = snapshot(action, ("status", "progress"))
    action.status, action.progress = status, progress
    action.save(update_fields=["status", "progress", "updated_at"])
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=action, parent=case, changes=diff(before, action)
    )
    return action


@transaction.atomic
def case_note_add(*, user: User, case: Case, text: str, visibility: str) -> CaseNote:
    _require(can_add_case_note(user, case))
    note = CaseNote(
        case=case, author=user, organisation=user.organisation, text=text, visibility=visibility
    )
    note.full_clean()
    note.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=note,
        parent=case,
        changes=creation_changes(note, ("visibility", "text")),
    )
    return note


def case_attachment_add(
    *, user: User, case: Case, title: str, filename: str, data: bytes
) -> Attachment:
    """Store the encrypted file first, then the record; a failure removes the file again."""
    _require(can_manage_case(user, case))
    stored = attachments.store(data)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                case=case,
                title=title or filename,
                filename=filename,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
                storage_name=stored.storage_name,
                uploaded_by=user,
                # The column is NOT NULL: a user without an organisation cannot upload.
                organisation=user.organisation,  # type: ignore[misc]
            )
            audit_record(
                actor=user,
                action=AuditAction.CREATE,
                obj=attachment,
                parent=case,
                changes={
                    "title": "set",
                    "content_type": [None, stored.content_type],
                    "size": [None, stored.size],
                },
            )
    except Exception:
        attachments.remove(stored.storage_name)
        raise
    return attachment
