from django.utils.translation import gettext_lazy as _

from pokpong.core.reference import ReferenceList, register
from pokpong.people.models import EthnicGroup

register(
    ReferenceList(
        slug="ethnic-groups",
        model=EthnicGroup,
        title=_("Ethnic groups"),
        fields=("code", "name_lo", "name_en", "sort_order"),
        columns=("code", "name_lo", "name_en"),
    )
)
