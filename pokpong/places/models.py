"""Provinces, districts, villages and countries: the reference lists of places."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import BilingualNameMixin


class Province(BilingualNameMixin, models.Model):
    """The 18 first-level units (17 provinces and Vientiane Capital), fixed by law."""

    national_code = models.CharField(_("national code"), max_length=2, unique=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=5, unique=True)
    name_lo = models.CharField(_("name in Lao"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    iso_name = models.CharField(_("ISO name"), max_length=100, blank=True)
    other_spellings = models.CharField(_("other spellings"), max_length=200, blank=True)
    in_programme_area = models.BooleanField(
        _("in the programme area"),
        default=False,
        help_text=_("One of the programme's target provinces (reports cut target area vs rest)."),
    )

    class Meta:
        ordering = ["national_code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    @property
    def short_code(self) -> str:
        """The two letters after `LA-`, used in case numbers (e.g. SV-2026-00042)."""
        return self.iso_code.removeprefix("LA-")


class District(BilingualNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    name_lo = models.CharField(_("name in Lao"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    is_verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked against an official list.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    in_programme_area = models.BooleanField(
        _("in the programme area"),
        default=False,
        help_text=_("One of the programme's target districts (reports cut target area vs rest)."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Village(BilingualNameMixin, models.Model):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="villages", verbose_name=_("district")
    )
    name_lo = models.CharField(_("name in Lao"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["district__code", "name_lo"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(fields=["district", "name_lo"], name="village_unique_name"),
        ]


class Country(BilingualNameMixin, models.Model):
    """ISO 3166-1 countries; the neighbours and main destinations come first in choices."""

    alpha2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_lo = models.CharField(_("name in Lao"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    @property
    def search_text(self) -> str:
        """What a country select's filter matches besides the name shown (see FilterSelect):
        kept short, as it is repeated in every country option of a page."""
        return f"{self.name_en} {self.alpha2}"
