"""Screening, formal identification and consent: every write, atomic and audited.

Consent is enforced here: sharing a person with another organisation needs an active consent
naming it, and withdrawing consent revokes every share made under it, from then on.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, Role, User
from pokpong.accounts.policy import (
    can_record_consent_for,
    can_record_identification_for,
    can_screen_person,
    roles_of,
)
from pokpong.cases.events import consent_withdrawn
from pokpong.cases.models import (
    Consent,
    ConsentGiver,
    ConsentMethod,
    FormOfTrafficking,
    Identification,
    IdentificationBasis,
    Screening,
)
from pokpong.cases.screening import Answer, indicators_for
from pokpong.core.audit import audit_record, creation_changes
from pokpong.core.grants import grant_create, grants_revoke_for
from pokpong.core.models import AccessGrant, AuditAction, GrantPurpose
from pokpong.people.models import Person


def _require(condition: bool) -> None:
    """The policy decides; a forged request that reaches a service is refused here too."""
    if not condition:
        raise PermissionDenied


def required_indicators(*, version: str, is_child: bool) -> list[str]:
    """Every question of the form, except means of control for a child."""
    return [i.code for i in indicators_for(version) if not (is_child and i.is_means_of_control)]


@transaction.atomic
def screening_record(
    *,
    user: User,
    person: Person,
    version: str,
    screened_on: dt.date,
    answers: dict[str, str],
    outcome: str,
    location: str = "",
    interpreter_used: bool = False,
    notes: str = "",
) -> Screening:
    _require(can_screen_person(user, person))
    is_child = person.is_child_on(screened_on)
    allowed = {i.code for i in indicators_for(version)}
    unknown = set(answers) - allowed
    if unknown or any(a not in Answer.values for a in answers.values()):
        raise ValidationError(_("The answers do not match the screening form."))
    missing = [
        c for c in required_indicators(version=version, is_child=is_child) if c not in answers
    ]
    if missing:
        raise ValidationError(_("Every question needs an answer (“Don't know” is an answer)."))
    screening = Screening(
        person=person,
        form_version=version,
        screened_on=screened_on,
        answers=answers,
        outcome=outcome,
        location=location,
        interpreter_used=interpreter_used,
        notes=notes,
        is_child=is_child,
        screened_by=user,
        organisation=user.organisation,
    )
    screening.full_clean()
    screening.save()
    fields = ("form_version", "screened_on", "outcome", "is_child", "answers", "notes")
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=screening,
        changes=creation_changes(screening, fields),
    )
    return screening


@transaction.atomic
def identification_record(
    *,
    user: User,
    person: Person,
    decision: str,
    decided_on: dt.date,
    police_unit: str,
    reference: str,
    forms_of_trafficking: list[FormOfTrafficking],
    notes: str = "",
) -> Identification:
    """Police officers record their unit's decision; case workers only on its written word."""
    _require(can_record_identification_for(user, person))
    is_police = Role.POLICE_OFFICER in roles_of(user)
    basis = (
        IdentificationBasis.RECORDED_BY_POLICE if is_police else IdentificationBasis.WRITTEN_WORD
    )
    identification = Identification(
        person=person,
        basis=basis,
        recorded_by=user,
        organisation=user.organisation,
        decision=decision,
        decided_on=decided_on,
        police_unit=police_unit,
        reference=reference,
        notes=notes,
    )
    identification.full_clean()
    identification.save()
    identification.forms_of_trafficking.set(forms_of_trafficking)
    fields = ("decision", "decided_on", "police_unit", "reference", "basis", "notes")
    changes = creation_changes(identification, fields)
    changes["forms_of_trafficking"] = [None, sorted(f.code for f in forms_of_trafficking)]
    audit_record(actor=user, action=AuditAction.CREATE, obj=identification, changes=changes)
    return identification


def is_identified_victim(person: Person) -> bool:
    """Only a formal identification makes a person count as an identified victim."""
    latest = person.identifications.order_by("-decided_on", "-pk").first()
    return latest is not None and latest.decision == "victim"


@dataclass(frozen=True, kw_only=True)
class ConsentDetails:
    """What the person agreed to, who gave the consent, when and how."""

    for_services: bool
    for_statistics: bool
    for_photo: bool
    given_by: str
    given_on: dt.date
    method: str
    guardian_name: str = ""
    witness_name: str = ""


def _check_consent(person: Person, details: ConsentDetails) -> None:
    if details.given_by == ConsentGiver.GUARDIAN and not details.guardian_name:
        raise ValidationError(_("Give the name of the parent or guardian who consented."))
    if details.method == ConsentMethod.VERBAL_WITNESSED and not details.witness_name:
        raise ValidationError(_("Verbal consent needs the name of a witness."))
    if details.given_by == ConsentGiver.SELF and person.is_child_on(details.given_on):
        raise ValidationError(_("A child's consent must be given by a parent or guardian."))


@transaction.atomic
def consent_record(
    *, user: User, person: Person, details: ConsentDetails, share_with: list[Organisation]
) -> Consent:
    _require(can_record_consent_for(user, person))
    _check_consent(person, details)
    consent = Consent(
        person=person, recorded_by=user, organisation=user.organisation, **vars(details)
    )
    consent.full_clean()
    consent.save()
    consent.share_with.set(share_with)
    fields = (
        "for_services",
        "for_statistics",
        "for_photo",
        "given_by",
        "given_on",
        "method",
        "guardian_name",
        "witness_name",
    )
    changes = creation_changes(consent, fields)
    changes["share_with"] = [None, sorted(o.pk for o in share_with)]
    audit_record(actor=user, action=AuditAction.CREATE, obj=consent, changes=changes)
    return consent


def active_consent(person: Person) -> Consent | None:
    """The latest consent, unless it was withdrawn: a withdrawal ends consent, it does not bring
    an older one back into force (only a new consent restores sharing)."""
    latest = person.consents.prefetch_related("share_with").order_by("-given_on", "-pk").first()
    if latest is None or latest.withdrawn_on is not None:
        return None
    return latest


def persons_consenting_to_share(
    persons: QuerySet[Person], *, organisation: Organisation
) -> QuerySet[Person]:
    """The persons whose active consent (as `active_consent`: the latest, not withdrawn) names
    `organisation` among those the case may be shared with: `consent_allows(purpose="share")`
    for a whole queryset, in one query."""
    latest = (
        Consent.objects.filter(person_id=OuterRef("person_id"))
        .order_by("-given_on", "-pk")
        .values("pk")[:1]
    )
    sharing = (
        Consent.objects.annotate(latest_pk=Subquery(latest))
        .filter(pk=F("latest_pk"), withdrawn_on__isnull=True, share_with=organisation)
        .values("person_id")
    )
    return persons.filter(pk__in=sharing)


def consent_allows(
    person: Person, *, purpose: str, organisation: Organisation | None = None
) -> bool:
    """purpose: "services", "statistics", "photo" or "share" (with `organisation`)."""
    consent = active_consent(person)
    if consent is None:
        return False
    if purpose == "share":
        return organisation is not None and organisation in consent.share_with.all()
    return bool(
        {
            "services": consent.for_services,
            "statistics": consent.for_statistics,
            "photo": consent.for_photo,
        }.get(purpose, False)
    )


@transaction.atomic
def person_share(
    *,
    user: User,
    person: Person,
    organisation: Organisation,
    purpose: str = GrantPurpose.REFERRAL,
    reason: str = "",
) -> AccessGrant:
    """Share one person with another organisation: refused without consent naming it."""
    if not consent_allows(person, purpose="share", organisation=organisation):
        raise ValidationError(
            _("The person has not consented to sharing with %(organisation)s.")
            % {"organisation": organisation}
        )
    return grant_create(
        user=user, obj=person, organisation=organisation, purpose=purpose, reason=reason
    )


@transaction.atomic
def consent_withdraw(*, user: User, consent: Consent, withdrawn_on: dt.date, reason: str) -> int:
    """Record the withdrawal and revoke every share of the person made under consent."""
    _require(can_record_consent_for(user, consent.person))
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_reason = reason
    consent.withdrawn_recorded_by = user
    consent.save(
        update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_recorded_by", "updated_at"]
    )
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=consent,
        changes={"withdrawn_on": [None, withdrawn_on.isoformat()], "withdrawal_reason": "set"},
    )
    revoked = sum(consent_withdrawn.announce(user=user, person=consent.person))  # referrals end
    revoked += grants_revoke_for(user=user, obj=consent.person, why="consent withdrawn")
    return revoked
