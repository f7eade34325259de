"""The person index and the duplicate review: blind-index tokens per person, how many persons
share each token, the batch reviews with their pairs, "not the same person" decisions and merges.

They were the matching app's models and keep its tables (`db_table`): only the text logic (name
normalisation, keys, scoring) stays in `pokpong.matching`, which knows no model.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonToken(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    token = models.BigIntegerField()

    class Meta:
        db_table = "matching_persontoken"
        indexes = [models.Index(fields=["token", "person"], name="persontoken_token_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "token"], name="persontoken_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.token}"


class TokenStat(models.Model):
    """Document frequency: common tokens carry little signal and are skipped in queries."""

    token = models.BigIntegerField(primary_key=True)
    persons = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "matching_tokenstat"

    def __str__(self) -> str:
        return f"{self.token}: {self.persons}"


class ReviewStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")


class DuplicateReview(models.Model):
    """One run of the batch duplicate search over a manager's scope, done in the background."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ReviewStatus, default=ReviewStatus.QUEUED)
    persons_scanned = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "matching_duplicatereview"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"review {self.pk}"


class PairStatus(models.TextChoices):
    OPEN = "open", _("To review")
    MERGED = "merged", _("Merged")
    NOT_SAME = "not_same", _("Not the same person")


class DuplicatePair(models.Model):
    review = models.ForeignKey(DuplicateReview, on_delete=models.CASCADE, related_name="pairs")
    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    evidence = models.JSONField(default=dict)  # name similarity, birth year, sex, province, phone
    status = models.CharField(max_length=10, choices=PairStatus, default=PairStatus.OPEN)

    class Meta:
        db_table = "matching_duplicatepair"
        ordering = ["-score", "pk"]

    def __str__(self) -> str:
        return f"pair {self.person_a_id}/{self.person_b_id}"

    @property
    def audit_label(self) -> str:
        return f"pair {self.pk}"


class NotSamePerson(models.Model):
    """Remembered "not the same person" decisions: the pair is never proposed again."""

    person_low = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_high = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "matching_notsameperson"
        constraints = [
            models.UniqueConstraint(fields=["person_low", "person_high"], name="notsame_unique"),
            models.CheckConstraint(
                condition=models.Q(person_low__lt=models.F("person_high")), name="notsame_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_low_id}≠{self.person_high_id}"


class Merge(models.Model):
    """A merge of one person into another, with what moved, so that it can be undone."""

    kept = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    moved = models.JSONField(default=dict)  # {"app.model.field": [pk, …]}
    kept_before = models.JSONField(default=dict)  # the kept person's values that changed
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # The persons' versions right after the merge: an undo refuses once either changed since.
    kept_version = models.PositiveIntegerField(null=True, blank=True)
    merged_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = "matching_merge"
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"merge {self.merged_id}→{self.kept_id}"

    @property
    def audit_label(self) -> str:
        return f"merge {self.pk}"
