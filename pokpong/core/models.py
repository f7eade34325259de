"""Abstract bases shared by every app."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin:
    """`name` in the active language: Lao when the user reads Lao and a Lao name exists."""

    name_lo: str
    name_en: str

    @property
    def name(self) -> str:
        if (get_language() or "lo").startswith("lo") and self.name_lo:
            return self.name_lo
        return self.name_en or self.name_lo

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
