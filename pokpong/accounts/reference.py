from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import OrganisationType
from pokpong.core.reference import ReferenceList, register

register(
    ReferenceList(
        slug="organisation-types",
        model=OrganisationType,
        title=_("Organisation types"),
        fields=("code", "name_lo", "name_en", "sort_order"),
        columns=("code", "name_lo", "name_en"),
    )
)
