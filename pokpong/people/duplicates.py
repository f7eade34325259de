"""Batch duplicate review: find candidate pairs in a manager's scope (a background task),
decide "not the same person" (remembered) or merge (audited, and undone exactly)."""

import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    Capability,
    can_merge_persons,
    has_capability,
    persons_fully_visible_to,
)
from pokpong.core.audit import audit_context, audit_record
from pokpong.core.crypto import decrypt, encrypt, is_current, rotate
from pokpong.core.models import AuditAction
from pokpong.core.rotation import RotationCount
from pokpong.matching.batch import Record, candidate_pairs, score_pair
from pokpong.matching.keys import person_names
from pokpong.people.models import (
    DuplicatePair,
    DuplicateReview,
    Merge,
    NotSamePerson,
    PairStatus,
    Person,
    PersonAlias,
    ReviewStatus,
    Script,
)
from pokpong.people.name_index import person_index
from pokpong.people.services import PERSON_FIELDS

REVIEW_THRESHOLD = 78.0
# Records that point to a person but stay where they are when the person is merged, and why.
# Every other foreign key to Person, in any app, moves to the kept person (see `merge_links`);
# people/tests/test_merge_links.py fails when a new one appears, so that someone decides.
MERGE_EXCLUDED = {
    "people.persontoken.person": (
        "the person index: the kept person's tokens are recomputed from its names, the merged "
        "record keeps its own (search skips merged records; an undo needs no rebuild)"
    ),
    "people.duplicatepair.person_a": "a review's finding about two records: kept as found",
    "people.duplicatepair.person_b": "a review's finding about two records: kept as found",
    "people.notsameperson.person_low": (
        "a decision about these two records only: the kept person was never compared"
    ),
    "people.notsameperson.person_high": (
        "a decision about these two records only: the kept person was never compared"
    ),
    "people.merge.kept": "the merge history itself: an undo needs it as it was",
    "people.merge.merged": "the merge history itself: an undo needs it as it was",
    "monitoring.victimfirstdecision.person": (
        "a maintained aggregate of the indicators (issue 20): recomputed for both persons by "
        "monitoring's signals when the merge, or its undo, saves the merged person"
    ),
}


@dataclass(frozen=True)
class PersonLink:
    """One foreign key to Person: `model.field` points to a person."""

    model: type[models.Model]
    field: models.Field[Any, Any]

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"


def person_links() -> list[PersonLink]:
    """Every relation to Person in every installed app, found from Person's _meta (no import of
    the apps that hold them). `_meta.related_objects` leaves out the relations declared with
    related_name="+" (e.g. a hotline call's person), so the hidden ones are asked for too."""
    return [
        PersonLink(relation.related_model, relation.field)
        for relation in Person._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel) and relation.auto_created
    ]


def merge_links() -> list[PersonLink]:
    """The relations whose records move to the kept person: all but MERGE_EXCLUDED."""
    links = [link for link in person_links() if link.key not in MERGE_EXCLUDED]
    for link in links:
        if not link.field.many_to_one:
            raise ImproperlyConfigured(
                f"{link.key}: only a foreign key can move with a merge; move it in "
                "persons_merge and merge_undo or add it to MERGE_EXCLUDED with the reason"
            )
    return links


# The person's own values that a merge may take from the merged record (relations by id).
MERGE_FIELDS = tuple(
    f"{name}_id" if Person._meta.get_field(name).is_relation else name
    for name in PERSON_FIELDS
    if name not in {"languages", "arrival_group"}
)


def _require_manager(user: User) -> None:
    if not has_capability(user, Capability.APPROVE_DECISIONS):
        raise PermissionDenied


@transaction.atomic
def review_start(*, user: User) -> DuplicateReview:
    _require_manager(user)
    review = DuplicateReview.objects.create(requested_by=user)
    audit_record(actor=user, action=AuditAction.CREATE, obj=review)

    def enqueue() -> None:
        from pokpong.people.tasks import find_duplicates

        find_duplicates.enqueue(review.pk)

    transaction.on_commit(enqueue)
    return review


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")[-8:]


def review_run(*, review_id: int) -> int:
    """Score every candidate pair among the persons the requesting manager holds whole (a
    person only referred to the manager's organisation is not theirs to compare or merge)."""
    review = DuplicateReview.objects.select_related("requested_by").get(pk=review_id)
    user = review.requested_by
    DuplicateReview.objects.filter(pk=review.pk).update(status=ReviewStatus.RUNNING)
    persons = list(
        persons_fully_visible_to(user, Person.objects.select_related("province")).prefetch_related(
            "aliases"
        )
    )
    records = [
        Record(
            str(p.pk),
            person_names(p),
            p.sex if p.sex in ("female", "male") else "",
            p.birth_year,
            p.province.iso_code if p.province else "",
        )
        for p in persons
    ]
    by_id = {p.pk: p for p in persons}
    refused = set(NotSamePerson.objects.values_list("person_low_id", "person_high_id"))
    pairs = []
    for i, j in candidate_pairs(records):
        a, b = sorted((int(records[i].record_id), int(records[j].record_id)))
        if (a, b) in refused:
            continue
        evidence = score_pair(records[i], records[j])
        if evidence.score < REVIEW_THRESHOLD:
            continue
        phone_a, phone_b = _digits(by_id[a].phone), _digits(by_id[b].phone)
        phone = (
            "unknown"
            if not (phone_a and phone_b)
            else ("same" if phone_a == phone_b else "different")
        )
        pairs.append(
            DuplicatePair(
                review=review,
                person_a_id=a,
                person_b_id=b,
                score=evidence.score,
                evidence={
                    "name": evidence.name,
                    "birth_year": evidence.birth_year,
                    "sex": evidence.sex,
                    "province": evidence.province,
                    "phone": phone,
                },
            )
        )
    with audit_context(actor=user, label="task:find_duplicates"):
        DuplicatePair.objects.bulk_create(pairs, batch_size=1000)
        DuplicateReview.objects.filter(pk=review.pk).update(
            status=ReviewStatus.DONE, persons_scanned=len(persons), finished_at=timezone.now()
        )
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=review,
            extra={"persons": len(persons), "pairs": len(pairs)},
        )
    return len(pairs)


@transaction.atomic
def pair_not_same(*, user: User, pair: DuplicatePair) -> None:
    _require_manager(user)
    low, high = sorted((pair.person_a_id, pair.person_b_id))
    NotSamePerson.objects.get_or_create(
        person_low_id=low, person_high_id=high, defaults={"decided_by": user}
    )
    pair.status = PairStatus.NOT_SAME
    pair.save(update_fields=["status"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=pair,
        changes={"status": [PairStatus.OPEN, PairStatus.NOT_SAME]},
    )


@transaction.atomic
def persons_merge(
    *, user: User, kept: Person, merged: Person, take_from_merged: list[str]
) -> Merge:
    """Merge `merged` into `kept`: chosen values are copied over, every record that points to
    the merged person moves (`merge_links`: cases, screenings, consents, hotline calls, …, and
    records merged into it earlier), the merged person's names become aliases of the kept one,
    and the merged record is hidden. What moved is recorded, so that an undo restores it."""
    _require_manager(user)
    if not can_merge_persons(user, kept, merged):
        raise PermissionDenied
    kept = Person.objects.select_for_update().get(pk=kept.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    if kept.pk == merged.pk or kept.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("These records cannot be merged."))
    unknown = set(take_from_merged) - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field."))
    before = {name: getattr(kept, name) for name in take_from_merged}
    for name in take_from_merged:
        setattr(kept, name, getattr(merged, name))
    moved: dict[str, list[int]] = {}
    for link in merge_links():
        rows = link.model._base_manager.filter(**{link.field.name: merged})
        pks = list(rows.values_list("pk", flat=True))
        link.model._base_manager.filter(pk__in=pks).update(**{link.field.name: kept})
        moved[link.key] = pks
    aliases = []
    for name in person_names(merged):
        parts = name.split(maxsplit=1)
        script = Script.LAO if any("\u0e80" <= ch <= "\u0eff" for ch in name) else Script.LATIN
        aliases.append(
            PersonAlias.objects.create(
                person=kept,
                script=script,
                given_name=parts[0],
                family_name=parts[1] if len(parts) > 1 else "",
            )
        )
    moved["created_aliases"] = [a.pk for a in aliases]
    kept.version += 1
    kept.save()
    merged.merged_into = kept
    merged.version += 1
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    merge = Merge.objects.create(
        kept=kept,
        merged=merged,
        moved=moved,
        merged_by=user,
        # The kept person's old values include names: kept encrypted, never readable.
        kept_before={"encrypted": encrypt(json.dumps(before, default=str))},
        kept_version=kept.version,
        merged_version=merged.version,
    )
    DuplicatePair.objects.filter(person_a__in=[kept, merged], person_b__in=[kept, merged]).update(
        status=PairStatus.MERGED
    )
    person_index(person=kept)
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=kept,
        changes=dict.fromkeys(take_from_merged, "changed"),
        extra={"merged": merged.code, "moved": {k: len(v) for k, v in moved.items()}},
    )
    return merge


@transaction.atomic
def merge_undo(*, user: User, merge: Merge) -> None:
    """Put everything back where it was before the merge."""
    _require_manager(user)
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge was already undone."))
    kept = Person.objects.select_for_update().get(pk=merge.kept_id)
    merged = Person.objects.select_for_update().get(pk=merge.merged_id)
    if merge.kept_version is not None and (
        kept.version != merge.kept_version or merged.version != merge.merged_version
    ):
        raise ValidationError(
            _(
                "The records were changed after the merge: undoing it now would overwrite "
                "those changes. Correct the record by hand instead."
            )
        )
    PersonAlias.objects.filter(pk__in=merge.moved.get("created_aliases", [])).delete()
    links = {link.key: link for link in person_links()}
    for key, pks in merge.moved.items():  # exactly what this merge moved, nothing else
        if key == "created_aliases":
            continue
        if key not in links:
            raise ImproperlyConfigured(f"merge {merge.pk}: {key} no longer points to a person")
        link = links[key]
        link.model._base_manager.filter(pk__in=pks).update(**{link.field.name: merged})
    before: dict[str, Any] = json.loads(decrypt(merge.kept_before["encrypted"]))
    for name, value in before.items():
        setattr(kept, name, value)
    kept.version += 1
    kept.save()
    merged.merged_into = None
    merged.version += 1
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    DuplicatePair.objects.filter(person_a__in=[kept, merged], person_b__in=[kept, merged]).update(
        status=PairStatus.OPEN
    )
    person_index(person=kept)
    person_index(person=merged)
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=kept,
        extra={"merge_undone": merge.pk, "merged": merged.code},
    )


def merge_snapshots_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """Re-encrypt the kept persons' old values (what an undo restores) with the newest key."""
    count = RotationCount()
    merges = Merge.objects.only("pk", "kept_before").order_by("pk")
    for merge in merges.iterator(chunk_size=batch_size):
        token = merge.kept_before.get("encrypted", "")
        if not token or is_current(token):
            count.current += bool(token)
            continue
        count.rotated += 1
        if not dry_run:
            Merge.objects.filter(pk=merge.pk).update(kept_before={"encrypted": rotate(token)})
    return {"people.Merge snapshots": count}
