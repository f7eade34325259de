from django.utils.translation import gettext_lazy as _

from pokpong.cases.models import FormOfTrafficking
from pokpong.core.reference import ReferenceList, register

register(
    ReferenceList(
        slug="forms-of-trafficking",
        model=FormOfTrafficking,
        title=_("Forms of trafficking"),
        fields=("code", "name_lo", "name_en", "ctdc_flag", "ctdc_labour_type", "sort_order"),
        columns=("code", "name_lo", "name_en", "ctdc_flag"),
    )
)
