"""The blind index of names: tokens per person and how many persons share each token."""

from django.db import models


class PersonToken(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    token = models.BigIntegerField()

    class Meta:
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

    def __str__(self) -> str:
        return f"{self.token}: {self.persons}"
