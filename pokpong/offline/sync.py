"""One record from a phone through the same forms, services and policy as the online pages.

The phone sends each draft with its client id. The first sync that creates something records the
id (OfflineSubmission, unique); a retry answers that earlier result. Nothing else is recorded, so a
draft that failed validation or was flagged as a possible duplicate comes back, is corrected (or
confirmed as a different person, as online) and is sent again with the same id.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.forms import BaseForm
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_screen_person, can_sync_offline
from pokpong.cases import services as case_services
from pokpong.cases.forms import ScreeningForm
from pokpong.cases.screening import FormVersion
from pokpong.core.audit import audit_record, audit_views
from pokpong.core.models import AuditAction
from pokpong.offline.forms import EnvelopeForm
from pokpong.offline.models import OfflineSubmission, SubmissionKind, SubmissionStatus
from pokpong.people import selectors as people_selectors
from pokpong.people import services as people_services
from pokpong.people.forms import QuickPersonForm
from pokpong.people.matching_seam import TooManyChecks, possible_duplicates
from pokpong.people.models import Person
from pokpong.referrals import services as referral_services
from pokpong.referrals.forms import FollowUpForm
from pokpong.referrals.models import FollowUpVisit
from pokpong.referrals.selectors import follow_up_get_for_user


@dataclass
class Outcome:
    """The answer for one record: a status the phone acts on, an HTTP status, details."""

    status: str
    http: int
    body: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] | None = None  # what to remember as the client id's result

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, **self.body}


REFUSED = Outcome("refused", 404)


def visit_stamp(visit: FollowUpVisit) -> str:
    """The visit and its case as they are: a phone's visit is applied only if this is unchanged."""
    return f"{visit.updated_at.timestamp():.6f}/{visit.case.updated_at.timestamp():.6f}"


def _invalid(form: BaseForm) -> Outcome:
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return Outcome("invalid", 422, {"errors": errors})


def _error(exc: ValidationError) -> Outcome:
    return Outcome("invalid", 422, {"errors": {"__all__": exc.messages}})


def _created(obj: models.Model, code: str, url: str) -> Outcome:
    record = {"object_type": obj._meta.label_lower, "object_id": obj.pk, "code": code}
    return Outcome("created", 201, {"code": code, "url": url}, record)


def _person(user: User, envelope: EnvelopeForm, data: QueryDict) -> Outcome:
    group = None
    if envelope.cleaned_data["arrival_group"]:
        pk = envelope.cleaned_data["arrival_group"]
        group = people_selectors.arrival_group_get_for_user(user=user, pk=pk)
    form = QuickPersonForm(data)
    if not form.is_valid():
        return _invalid(form)
    if not form.confirmed():
        repeat = (
            people_selectors.arrival_group_repeat(
                user=user, group=group, details=form.person_details()
            )
            if group
            else None
        )
        try:
            candidates = possible_duplicates(user=user, **form.check_data()) or []
        except TooManyChecks:
            return Outcome("retry", 429)
        if repeat or candidates:
            shown = [c.person_id for c in candidates]
            persons = people_selectors.person_list_for_user(user=user).filter(pk__in=shown)
            audit_views(objs=persons.order_by("pk"), fields=["names", "birth_year"])
            labels = [c.label for c in candidates] + ([repeat.code] if repeat else [])
            return Outcome("duplicate", 409, {"candidates": labels})
    person = people_services.person_register(
        user=user, details=form.person_details(), arrival_group=group
    )
    return _created(person, person.code, reverse("people:detail", args=[person.pk]))


def _screened_person(user: User, envelope: EnvelopeForm) -> Person | None:
    """The person screened: one registered offline and synced before (None while it is not),
    or an existing person's code; one out of the user's reach is the same 404 as none."""
    persons = people_selectors.person_list_for_user(user=user)
    ref, code = envelope.cleaned_data["person_ref"], envelope.cleaned_data["person_code"]
    if ref:
        earlier = OfflineSubmission.objects.filter(
            client_id=ref, user=user, kind=SubmissionKind.PERSON
        ).first()
        if earlier is None:
            return None
        found = persons.filter(pk=earlier.object_id or 0).first()
    else:
        found = persons.filter(code=code.strip()).first() if code.strip() else None
    if found is None:
        raise Http404
    return found


def _screening(user: User, envelope: EnvelopeForm, data: QueryDict) -> Outcome:
    person = _screened_person(user, envelope)
    if person is None:  # its registration is not synced yet
        return Outcome("waiting", 409)
    if not can_screen_person(user, person):
        raise Http404
    version = data.get("form_version") or FormVersion.SHORT
    version = version if version in FormVersion.values else FormVersion.SHORT
    is_child = person.is_child_on(timezone.localdate())
    form = ScreeningForm(data, version=version, is_child=is_child)
    if not form.is_valid():
        return _invalid(form)
    cleaned = form.cleaned_data
    try:
        screening = case_services.screening_record(
            user=user,
            person=person,
            version=version,
            screened_on=cleaned["screened_on"],
            answers=form.answers(),
            outcome=cleaned["outcome"],
            location=cleaned["location"],
            interpreter_used=cleaned["interpreter_used"],
            notes=cleaned["notes"],
        )
    except ValidationError as exc:
        return _error(exc)
    url = reverse("cases:screening_detail", args=[screening.pk])
    return _created(screening, person.code, url)


def _follow_up(user: User, envelope: EnvelopeForm, data: QueryDict) -> Outcome:
    visit = follow_up_get_for_user(user=user, pk=envelope.cleaned_data["visit"] or 0)
    form = FollowUpForm(data)
    if not form.is_valid():
        return _invalid(form)
    details = referral_services.VisitDetails(**form.cleaned_data)
    if visit.done_on is not None or envelope.cleaned_data["base"] != visit_stamp(visit):
        found = {
            k: v.isoformat() if isinstance(v, dt.date) else v for k, v in vars(details).items()
        }
        record = {"visit": visit, "payload": json.dumps(found), "code": visit.case.number}
        message = _(
            "The case changed while you were offline. Your visit is kept beside the recorded "
            "one; a person will choose what to keep."
        )
        return Outcome("conflict", 202, {"code": visit.case.number, "message": message}, record)
    try:
        referral_services.follow_up_record(user=user, visit=visit, details=details)
    except ValidationError as exc:
        return _error(exc)
    url = reverse("cases:case_detail", args=[visit.case_id])
    return _created(visit, visit.case.number, url)


HANDLERS: dict[str, Callable[[User, EnvelopeForm, QueryDict], Outcome]] = {
    SubmissionKind.PERSON: _person,
    SubmissionKind.SCREENING: _screening,
    SubmissionKind.FOLLOW_UP: _follow_up,
}


def earlier_outcome(submission: OfflineSubmission) -> Outcome:
    """What a retried sync answers: the first sync's result, never a second record."""
    body = {"code": submission.code, "repeat": True}
    if submission.status == SubmissionStatus.CONFLICT:
        return Outcome("conflict", 202, body)
    return Outcome("created", 200, body)


def _remember(user: User, envelope: EnvelopeForm, outcome: Outcome) -> None:
    record = outcome.record or {}
    submission = OfflineSubmission.objects.create(
        client_id=envelope.cleaned_data["client_id"],
        user=user,
        kind=envelope.cleaned_data["kind"],
        status=SubmissionStatus.CONFLICT if "visit" in record else SubmissionStatus.CREATED,
        **record,
    )
    if submission.status == SubmissionStatus.CONFLICT and submission.visit is not None:
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=submission,
            parent=submission.visit.case,
            changes={"visit made offline": "kept, to resolve"},
        )


def record_sync(*, user: User, envelope: EnvelopeForm, data: QueryDict) -> Outcome:
    """Sync one record (see the module's docstring); refused records answer the same 404."""
    kind, client_id = envelope.cleaned_data["kind"], envelope.cleaned_data["client_id"]
    if not can_sync_offline(user, kind):
        return REFUSED
    earlier = OfflineSubmission.objects.filter(client_id=client_id).first()
    if earlier is not None:
        return earlier_outcome(earlier) if earlier.user_id == user.pk else REFUSED
    try:
        with transaction.atomic():
            outcome = HANDLERS[kind](user, envelope, data)
            if outcome.record is not None:
                _remember(user, envelope, outcome)
    except (Http404, PermissionDenied):
        return REFUSED
    except IntegrityError:  # the same record synced at the same moment: its result
        earlier = OfflineSubmission.objects.filter(client_id=client_id).first()
        if earlier is None:
            raise
        return earlier_outcome(earlier) if earlier.user_id == user.pk else REFUSED
    return outcome
