"""Referrals and services. For now: the reference list of service types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import ReferenceItem


class ServiceType(ReferenceItem):
    htcds_value = models.CharField(_("HTCDS value"), max_length=60, blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
