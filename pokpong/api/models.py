"""API tokens: a personal token acts as its user; an integration token acts as a service account.

The secret is shown once, when the token is made, and only its SHA-256 hash is kept. The token
reads `pkp_<prefix>_<secret>`: the prefix finds the row, the hash of the whole token proves it.
An integration token acts as a user of its own (`integration:<prefix>`, unusable password, the
roles an administrator chose over the organisation's place), so the access policy decides for
integrations exactly as it does for people (pokpong/accounts/policy.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import TimeStampedModel


class TokenKind(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    INTEGRATION = "integration", _("Integration")


class TokenAccess(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class ApiToken(TimeStampedModel):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=TokenKind)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Whom the token acts as: its owner (personal) or the integration's service account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    access = models.CharField(_("access"), max_length=10, choices=TokenAccess)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    expires_on = models.DateField(_("expires on"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Requests a minute; empty: POKPONG_API_RATE (settings).
    rate_per_minute = models.PositiveIntegerField(_("requests per minute"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                name="apitoken_revoked_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_integration(self) -> bool:
        return self.kind == TokenKind.INTEGRATION

    @property
    def allows_writes(self) -> bool:
        return self.access == TokenAccess.READ_WRITE

    @property
    def is_usable(self) -> bool:
        """Neither revoked nor past its expiry date (the last day is still valid)."""
        return self.revoked_at is None and self.expires_on >= timezone.localdate()
