"""Users, organisations, and the roles users hold within a geographic scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import BilingualNameMixin, ReferenceItem, TimeStampedModel
from pokpong.places.models import District, Province


class OrganisationType(ReferenceItem):
    htcds_value = models.CharField(_("HTCDS value"), max_length=60, blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class Organisation(BilingualNameMixin, TimeStampedModel):
    name_lo = models.CharField(_("name in Lao"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    type = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, verbose_name=_("type"), related_name="+"
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("province"),
        help_text=_("Empty for national organisations."),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(province__isnull=False),
                name="organisation_district_needs_province",
            ),
        ]

    @property
    def audit_label(self) -> str:
        return self.short_name or self.name_en


class Language(models.TextChoices):
    LAO = "lo", "ລາວ"
    ENGLISH = "en", "English"


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    display_name_lo = models.CharField(_("name in Lao"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=5, choices=Language, default=Language.LAO
    )
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def audit_label(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        latin = self.get_full_name()
        if self.preferred_language == Language.LAO and self.display_name_lo:
            return self.display_name_lo
        return latin or self.display_name_lo or self.username


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("Case worker")
    SERVICE_PROVIDER = "service_provider", _("Service provider staff")
    POLICE_OFFICER = "police_officer", _("Police anti-trafficking officer")
    HOTLINE_COUNSELLOR = "hotline_counsellor", _("Hotline counsellor")
    PREVENTION_OFFICER = "prevention_officer", _("Prevention officer")
    TRAINER = "trainer", _("Trainer")
    PROVINCIAL_MANAGER = "provincial_manager", _("Provincial manager")
    NATIONAL_SECRETARIAT = "national_secretariat", _("National secretariat")
    ME_OFFICER = "me_officer", _("M&E officer")
    ADMINISTRATOR = "administrator", _("System administrator")


class ScopeLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")


class RoleAssignment(TimeStampedModel):
    """A role a user holds over a geographic scope. A user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role)
    scope = models.CharField(_("scope"), max_length=10, choices=ScopeLevel)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )

    class Meta:
        ordering = ["role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="national", province__isnull=True, district__isnull=True)
                    | Q(scope="province", province__isnull=False, district__isnull=True)
                    | Q(scope="district", province__isnull=False, district__isnull=False)
                ),
                name="roleassignment_scope_matches_places",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(scope="national"),
                name="roleassignment_unique_national",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "province"],
                condition=Q(scope="province"),
                name="roleassignment_unique_province",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(scope="district"),
                name="roleassignment_unique_district",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.scope_label}"

    @property
    def audit_label(self) -> str:
        return f"{self.user_id}:{self.role}:{self.scope}"

    @property
    def scope_label(self) -> str:
        if self.scope == ScopeLevel.DISTRICT and self.district is not None:
            return f"{self.district} ({self.province})"
        if self.scope == ScopeLevel.PROVINCE and self.province is not None:
            return str(self.province)
        return str(ScopeLevel.NATIONAL.label)


class TwoFactorFailure(models.Model):
    """One wrong two-factor code (TOTP or recovery code) given for an account.

    Counted per account across every address, so a guesser cannot spread guesses over many
    addresses; administrators clear them with the same "unlock" that lifts django-axes' lockouts.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("when"), db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("wrong two-factor code")
        verbose_name_plural = _("wrong two-factor codes")
