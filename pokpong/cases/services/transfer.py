"""A case moves to another province's office: the holding office asks (and may cancel while it
waits), the receiving office accepts or declines. Accepted, the case, the person's other open
cases of the same office and the person move in one audited transaction; each case keeps its
number and its whole history, and the old office's access ends with its scope."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    can_answer_transfer,
    can_cancel_transfer,
    can_request_transfer,
)
from pokpong.cases.events import case_changed
from pokpong.cases.models import Case, CaseStatus, CaseTransfer, TransferStatus
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.people.services import person_transfer

MOVED = ("organisation", "province", "district", "caseworker")


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def transfer_targets(*, case: Case) -> list[Organisation]:
    """The social welfare offices of the other provinces: where a case may move."""
    offices = Organisation.objects.filter(is_active=True, type__code="social_welfare")
    return list(offices.exclude(province=None).exclude(province_id=case.province_id))


@transaction.atomic
def case_transfer_request(
    *, user: User, case: Case, to_organisation: Organisation, reason: str
) -> CaseTransfer:
    _require(can_request_transfer(user, case))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("A closed case is not transferred."))
    if to_organisation not in transfer_targets(case=case):
        raise ValidationError(_("A case moves to the social welfare office of another province."))
    if not reason.strip():
        raise ValidationError(_("Say why the case moves."))
    transfer = CaseTransfer(
        case=case,
        from_organisation=case.organisation,
        from_province_id=case.province_id,
        to_organisation=to_organisation,
        reason=reason,
        requested_by=user,
    )
    transfer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError as exc:  # the one open transfer a case may have (a constraint)
        raise ValidationError(
            _("A transfer of this case is already waiting for an answer.")
        ) from exc
    fields = ("to_organisation", "reason")
    changes = creation_changes(transfer, fields)
    audit_record(actor=user, action=AuditAction.CREATE, obj=transfer, parent=case, changes=changes)
    return transfer


def _locked(transfer: CaseTransfer) -> CaseTransfer:
    current = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
    if current.status != TransferStatus.REQUESTED:
        raise ValidationError(_("This transfer was already answered."))
    return current


def _answer(user: User, transfer: CaseTransfer, status: str, **fields: str) -> None:
    old = transfer.status
    transfer.status = status
    transfer.answered_by = user
    transfer.answered_at = timezone.now()
    for name, value in fields.items():
        setattr(transfer, name, value)
    transfer.save()
    changes: dict[str, object] = {"status": [old, status]}
    changes.update(dict.fromkeys(fields, "set"))
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=transfer, parent=transfer.case, changes=changes
    )


def cases_moving_with(*, case: Case) -> list[Case]:
    """The person's other open cases held by the same office: they move with the case (the
    person moves home; one office follows her). Closed ones stay with the office that closed
    them, as do cases with a transfer of their own waiting."""
    others = Case.objects.filter(person_id=case.person_id, organisation_id=case.organisation_id)
    others = others.exclude(pk=case.pk).exclude(status=CaseStatus.CLOSED)
    return list(others.exclude(transfers__status=TransferStatus.REQUESTED).order_by("pk"))


def _move_case(user: User, transfer: CaseTransfer, case_pk: int) -> None:
    """The case goes to the receiving office, held by the user who accepted it; its team
    (people of the old office) is emptied. Its number, plan, notes and history stay."""
    case = Case.objects.select_for_update().get(pk=case_pk)
    before = snapshot(case, MOVED)
    office = transfer.to_organisation
    if office.province_id is None:  # never a target (transfer_targets): a case needs a province
        raise ValidationError(_("A case moves to the social welfare office of another province."))
    case.organisation = office
    case.province_id = office.province_id
    case.district_id = office.district_id
    case.caseworker = user
    case.version += 1  # the row is locked
    case.save(update_fields=[*MOVED, "version", "updated_at"])
    case.refresh_from_db()
    case.team.clear()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=case,
        parent=case.person,
        changes=diff(before, case),
        extra={"why": f"transfer {transfer.pk}"},
    )
    case_changed.announce(
        case=case,
        change="transferred",
        old_status=case.status,
        old_organisation_id=before["organisation"],
    )


@transaction.atomic
def case_transfer_accept(*, user: User, transfer: CaseTransfer) -> CaseTransfer:
    _require(can_answer_transfer(user, transfer))
    transfer = _locked(transfer)
    if user.organisation_id != transfer.to_organisation_id:
        raise PermissionDenied
    _answer(user, transfer, TransferStatus.ACCEPTED)
    case = transfer.case
    for moving in [case, *cases_moving_with(case=case)]:
        _move_case(user, transfer, moving.pk)
    person_transfer(user=user, person=case.person)
    return transfer


@transaction.atomic
def case_transfer_decline(*, user: User, transfer: CaseTransfer, reason: str) -> CaseTransfer:
    _require(can_answer_transfer(user, transfer))
    if not reason.strip():
        raise ValidationError(_("Say why the transfer is declined."))
    transfer = _locked(transfer)
    _answer(user, transfer, TransferStatus.DECLINED, decline_reason=reason)
    return transfer


@transaction.atomic
def case_transfer_cancel(*, user: User, transfer: CaseTransfer) -> CaseTransfer:
    """The office that asked withdraws its request while it waits: nothing moves, and the
    receiving office's inbox no longer lists it."""
    _require(can_cancel_transfer(user, transfer))
    transfer = _locked(transfer)
    _answer(user, transfer, TransferStatus.CANCELLED)
    return transfer
