from django.utils.translation import gettext_lazy as _

from pokpong.core.reference import ReferenceList, register
from pokpong.referrals.models import ServiceType

register(
    ReferenceList(
        slug="service-types",
        model=ServiceType,
        title=_("Service types"),
        fields=("code", "name_lo", "name_en", "sort_order", "is_one_off"),
        columns=("code", "name_lo", "name_en", "is_one_off"),
    )
)
