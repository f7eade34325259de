from django.utils.translation import gettext_lazy as _

from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.models.case import MeansOfControl
from pokpong.cases.screening import INDICATORS, Answer
from pokpong.core.audit_lines import value_labels_register
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

# The case history names the codes kept as JSON (a multiple choice, the screening answers).
value_labels_register(
    model="cases.case", field="means_of_control", values=lambda: dict(MeansOfControl.choices)
)
value_labels_register(
    model="cases.screening",
    field="answers",
    values=lambda: dict(Answer.choices),
    keys=lambda: {i.code: i.question for i in INDICATORS},
)
