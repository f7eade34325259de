from django.utils.translation import gettext_lazy as _

from pokpong.core.audit_lines import value_labels_register
from pokpong.core.reference import ReferenceList, register
from pokpong.people.models import EthnicGroup
from pokpong.people.models.person import Language

register(
    ReferenceList(
        slug="ethnic-groups",
        model=EthnicGroup,
        title=_("Ethnic groups"),
        fields=("code", "name_lo", "name_en", "sort_order"),
        columns=("code", "name_lo", "name_en"),
    )
)

value_labels_register(
    model="people.person", field="languages", values=lambda: dict(Language.choices)
)
