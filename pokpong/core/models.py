"""Abstract bases shared by every app."""

from typing import Self, TypeVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


_V = TypeVar("_V", bound=models.Model)


class VoidableQuerySet(models.QuerySet[_V]):
    def active(self) -> Self:
        """Records that count: not voided."""
        return self.filter(voided_at__isnull=True)


class ActiveManager(models.Manager[_V]):
    """The default manager of a voidable model: a voided record is never counted or found by
    accident. Lists that show voided records struck through read `all_objects`."""

    def get_queryset(self) -> VoidableQuerySet[_V]:
        return VoidableQuerySet(self.model, using=self._db).active()


class AllManager(models.Manager[_V]):
    def get_queryset(self) -> VoidableQuerySet[_V]:
        return VoidableQuerySet(self.model, using=self._db)


class Voidable(models.Model):
    """A record entered by mistake is voided, never deleted: kept, audited, not counted."""

    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )
    void_reason = models.CharField(_("reason for voiding"), max_length=300, blank=True)

    objects = ActiveManager()
    all_objects = AllManager()

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


def bilingual_name(name_lo: str, name_en: str) -> str:
    """The Lao name when the user reads Lao and there is one, else the English one."""
    if (get_language() or "lo").startswith("lo") and name_lo:
        return name_lo
    return name_en or name_lo


class BilingualNameMixin:
    """`name` in the active language: Lao when the user reads Lao and a Lao name exists."""

    name_lo: str
    name_en: str

    @property
    def name(self) -> str:
        return bilingual_name(self.name_lo, self.name_en)

    def __str__(self) -> str:
        return self.name


class ReferenceItem(BilingualNameMixin, models.Model):
    """An entry of an administrator-edited list. Entries in use are deactivated, never deleted."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_lo = models.CharField(_("name in Lao"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_en"]


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    LOCKOUT = "lockout", _("Locked out")
    UNLOCK = "unlock", _("Unlocked")
    PASSWORD_RESET = "password_reset", _("Password reset by an administrator")
    MFA_RESET = "mfa_reset", _("Two-factor authentication reset")
    SESSIONS_ENDED = "sessions_ended", _("Signed out everywhere")
    GRANT = "grant", _("Access granted")
    REVOKE = "revoke", _("Access revoked")


class AuditEntry(models.Model):
    """One line of the append-only audit trail, chained to the previous line of its chain by an
    HMAC.

    `manage.py audit_verify` recomputes every chain: an edited, inserted, deleted or reordered line
    breaks it.
    On PostgreSQL a trigger also refuses UPDATE and DELETE on this table.
    """

    sequence = models.BigIntegerField(_("number"), unique=True)
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_label = models.CharField(_("record"), max_length=200, blank=True)
    # The record this one belongs to (a note's case), so a case's history finds its parts.
    parent_type = models.CharField(max_length=100, blank=True)
    parent_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)
    # The chain this entry continues (issue 20): writers append to one of several chains, each
    # under its own lock, so that the trail is not one global queue. 0 = the single chain of the
    # entries written before, and the only chain on SQLite.
    chain = models.PositiveSmallIntegerField(_("chain"), default=0, db_default=0)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["object_type", "object_id", "-sequence"], name="audit_object_idx"),
            models.Index(fields=["actor", "-sequence"], name="audit_actor_idx"),
            models.Index(fields=["parent_type", "parent_id", "-sequence"], name="audit_parent_idx"),
            models.Index(fields=["chain", "-sequence"], name="audit_chain_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"


class GrantPurpose(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    ESCALATION = "escalation", _("Escalation to the national secretariat")
    OTHER = "other", _("Other")


class AccessGrant(models.Model):
    """Explicit sharing of one record with an organisation beyond its normal scope."""

    grantee_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="access_grants",
        verbose_name=_("organisation"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("purpose"), max_length=20, choices=GrantPurpose)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        indexes = [
            models.Index(
                fields=["grantee_organisation", "content_type", "object_id"],
                name="grant_lookup_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantee_organisation_id} → {self.content_type_id}:{self.object_id}"
