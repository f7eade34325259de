"""The reference list of forms of trafficking, with their CTDC mapping."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pokpong.core.models import ReferenceItem


class CtdcExploitFlag(models.TextChoices):
    """The CTDC Global Dataset flag a form of trafficking is counted under."""

    FORCED_LABOUR = "isForcedLabour", "isForcedLabour"
    SEXUAL_EXPLOIT = "isSexualExploit", "isSexualExploit"
    FORCED_MARRIAGE = "isForcedMarriage", "isForcedMarriage"
    ORGAN_REMOVAL = "isOrganRemoval", "isOrganRemoval"
    SLAVERY = "isSlaveryAndPractices", "isSlaveryAndPractices"
    FORCED_MILITARY = "isForcedMilitary", "isForcedMilitary"
    OTHER = "isOtherExploit", "isOtherExploit"


class FormOfTrafficking(ReferenceItem):
    """Lao law (2015) is broader than the UN protocol; each form maps to a CTDC flag for export."""

    ctdc_flag = models.CharField(
        _("CTDC exploitation flag"), max_length=30, choices=CtdcExploitFlag
    )
    ctdc_labour_type = models.CharField(
        _("CTDC type of labour column"),
        max_length=40,
        blank=True,
        help_text=_(
            "For forced labour: the CTDC typeOfLabour… column, e.g. typeOfLabourAgriculture."
        ),
    )
    htcds_value = models.CharField(_("HTCDS value"), max_length=60, blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("form of trafficking")
        verbose_name_plural = _("forms of trafficking")
