"""Every write to persons and arrival groups: atomic, validated, audited."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import fields as fields_of
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_edit_person, registers_nationally
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.models import (
    ArrivalGroup,
    EthnicGroup,
    IdentityDocument,
    Person,
    PersonAlias,
    unused_person_code,
    unused_person_codes,
)
from pokpong.people.name_index import person_index, persons_index_new
from pokpong.places.models import Country, District, Province


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    """Who the person is: names in both scripts, birth, origin, contact, guardian."""

    title: str = ""
    given_name_lo: str = ""
    family_name_lo: str = ""
    given_name_latin: str = ""
    family_name_latin: str = ""
    sex: str
    birth_date: str = ""  # ISO date, exact dates only
    birth_year: int | None = None
    birth_date_precision: str = ""
    nationality: Country | None = None
    ethnic_group: EthnicGroup | None = None
    languages: list[str] = field(default_factory=list)
    origin_province: Province | None = None
    origin_district: District | None = None
    origin_village: str = ""
    phone: str = ""
    guardian_name: str = ""
    guardian_relationship: str = ""
    guardian_phone: str = ""

    @classmethod
    def of(cls, person: Person) -> "PersonDetails":
        """The person's details as they are (to change a few of them)."""
        return cls(**{f.name: getattr(person, f.name) for f in fields_of(cls)})


@dataclass(frozen=True, kw_only=True)
class AliasDetails:
    """Another spelling or name of the person."""

    script: str
    given_name: str
    family_name: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentDetails:
    """An identity document of the person."""

    type: str
    number: str
    issuing_country: Country | None = None


PERSON_FIELDS = (*(f.name for f in fields_of(PersonDetails)), "arrival_group")


def _office_place(user: User) -> dict[str, Any]:
    """The registering office's organisation, province and district (records of a province)."""
    organisation = user.organisation
    if organisation is None or organisation.province_id is None:
        assignment = user.role_assignments.exclude(province=None).first()
        province_id = assignment.province_id if assignment else None
        district_id = assignment.district_id if assignment else None
    else:
        province_id, district_id = organisation.province_id, organisation.district_id
    if province_id is None:
        raise ValidationError(
            _("Your organisation has no province, and records need one: ask an administrator.")
        )
    return {"organisation": organisation, "province_id": province_id, "district_id": district_id}


def _place_of(user: User) -> dict[str, Any]:
    """Where a person registered by the user belongs. An office of a province or district:
    its organisation, province and district. A national service (the hotline), whose roles to
    register hold over the whole country: its organisation only, no province — the province
    its office happens to sit in is not a scope for anybody else — until the office of a
    province takes the person on (`person_transfer`)."""
    if registers_nationally(user):
        return {"organisation": user.organisation, "province_id": None, "district_id": None}
    return _office_place(user)


@transaction.atomic
def person_register(
    *,
    user: User,
    details: PersonDetails,
    arrival_group: ArrivalGroup | None = None,
    aliases: Sequence[AliasDetails] = (),
    documents: Sequence[DocumentDetails] = (),
) -> Person:
    person = Person(
        registered_by=user,
        code=unused_person_code(),
        arrival_group=arrival_group,
        **_place_of(user),
        **vars(details),
    )
    person.full_clean()
    person.save()
    for alias in aliases:
        PersonAlias.objects.create(person=person, **vars(alias))
    for document in documents:
        IdentityDocument.objects.create(person=person, **vars(document))
    changes = creation_changes(person, PERSON_FIELDS)
    if aliases:
        changes["aliases"] = f"{len(aliases)} set"
    if documents:
        changes["documents"] = f"{len(documents)} set"
    audit_record(actor=user, action=AuditAction.CREATE, obj=person, changes=changes)
    person_index(person=person)
    return person


@transaction.atomic
def person_transfer(*, user: User, person: Person) -> Person:
    """The user's office takes the person's record on (a potential case from the hotline,
    accepted by the office of the province of origin): organisation, province and district
    become the office's, so its scope covers the record from now on."""
    fields = ("organisation", "province", "district")
    before = snapshot(Person.objects.get(pk=person.pk), fields)
    for name, value in _office_place(user).items():
        setattr(person, name, value)
    person.save(update_fields=["organisation", "province", "district", "updated_at"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=person, changes=diff(before, person))
    return person


class ConcurrentEdit(Exception):
    """Someone else changed the person after the form was opened (an edit, a merge, an undo)."""

    def __init__(self, latest: AuditEntry | None) -> None:
        super().__init__("concurrent edit")
        self.latest = latest


def person_locked(*, pk: int, expected_version: int) -> Person:
    """The person's row, locked, if nobody changed it since `expected_version` was read."""
    current = Person.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        latest = AuditEntry.objects.filter(
            object_type="people.person", object_id=str(pk), action=AuditAction.UPDATE
        ).first()
        raise ConcurrentEdit(latest)
    return current


@transaction.atomic
def person_update(
    *,
    user: User,
    person: Person,
    details: PersonDetails,
    expected_version: int,
    aliases: Sequence[AliasDetails] | None = None,
    documents: Sequence[DocumentDetails] = (),
) -> Person:
    """Change the person's details; `aliases` (when given) replace the other names, and
    `documents` are added.

    Only whoever holds the whole record may (never an organisation it was referred to).
    `expected_version` is the version the form was opened at: a change saved by someone else
    in between raises ConcurrentEdit instead of being overwritten."""
    if not can_edit_person(user, person):
        raise PermissionDenied
    person = person_locked(pk=person.pk, expected_version=expected_version)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in vars(details).items():
        setattr(person, name, value)
    person.full_clean()
    person.version += 1
    person.save()
    changes = diff(before, person)
    if aliases is not None and _aliases_set(person, aliases):
        changes["aliases"] = "changed"
    for document in documents:
        IdentityDocument.objects.create(person=person, **vars(document))
        changes["documents"] = "added"
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=person, changes=changes)
        person_index(person=person)
    return person


def _aliases_set(person: Person, aliases: Sequence[AliasDetails]) -> bool:
    """Replace the person's other names; whether they changed."""
    old = sorted((a.script, a.given_name, a.family_name) for a in person.aliases.all())
    new = sorted((a.script, a.given_name, a.family_name) for a in aliases)
    if old == new:
        return False
    person.aliases.all().delete()
    PersonAlias.objects.bulk_create(PersonAlias(person=person, **vars(a)) for a in aliases)
    return True


@transaction.atomic
def arrival_group_create(
    *,
    user: User,
    arrived_on: dt.date,
    border_point: str,
    returned_from: Country,
    escorting_agency: str = "",
    expected_count: int | None = None,
) -> ArrivalGroup:
    place = _office_place(user)  # a group arrives at a place: it always has a province
    group = ArrivalGroup(
        created_by=user,
        arrived_on=arrived_on,
        border_point=border_point,
        returned_from=returned_from,
        escorting_agency=escorting_agency,
        expected_count=expected_count,
        **place,
    )
    group.full_clean()
    group.save()
    fields = ("arrived_on", "border_point", "returned_from", "escorting_agency", "expected_count")
    audit_record(
        actor=user, action=AuditAction.CREATE, obj=group, changes=creation_changes(group, fields)
    )
    return group


# Checked once for all persons, not by a query a person and field: they come from the user
# (their office) or from the registration form's choice fields, which found each in the database.
RELATED = (
    "registered_by",
    "organisation",
    "province",
    "district",
    "arrival_group",
    "nationality",
    "ethnic_group",
    "origin_province",
    "origin_district",
)


@transaction.atomic
def persons_register_bulk(
    *, user: User, people: Sequence[tuple[PersonDetails, Sequence[AliasDetails]]]
) -> list[tuple[Person, dict[str, Any]]]:
    """Register many persons at once (issue 20: an import of 100,000 rows), as
    `person_register` registers each: the same place (the user's office), the same checks of
    the model's fields, the same other names and name-index tokens — written with a few bulk
    inserts instead of several queries a person.

    The caller appends the creation entries to the audit trail (`audit_bulk`), in the order it
    chooses: each person is returned with the changes its entry carries, those
    `person_register` writes. The database checks the model's constraints (an import's rows
    passed the registration form, which refuses what they refuse)."""
    if not people:
        return []
    place = _place_of(user)
    codes = unused_person_codes(len(people))
    persons: list[Person] = []
    for (details, _aliases), code in zip(people, codes, strict=True):
        person = Person(registered_by=user, code=code, arrival_group=None, **place, **vars(details))
        person.full_clean(exclude=RELATED, validate_unique=False, validate_constraints=False)
        persons.append(person)
    Person.objects.bulk_create(persons)
    aliases = []
    result = []
    for person, (_details, alias_details) in zip(persons, people, strict=True):
        own = [PersonAlias(person=person, **vars(alias)) for alias in alias_details]
        aliases.extend(own)
        person._prefetched_objects_cache = {"aliases": own}  # type: ignore[attr-defined]
        changes = creation_changes(person, PERSON_FIELDS)
        if own:
            changes["aliases"] = f"{len(own)} set"
        result.append((person, changes))
    PersonAlias.objects.bulk_create(aliases)
    persons_index_new(persons=persons)
    for person in persons:
        del person._prefetched_objects_cache  # type: ignore[attr-defined]
    return result
