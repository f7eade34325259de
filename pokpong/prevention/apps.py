from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "pokpong.prevention"
    verbose_name = _("Prevention")

    def ready(self) -> None:
        from pokpong.core.audit_lines import value_labels_register
        from pokpong.prevention.inbox import register_sections
        from pokpong.prevention.risk import QUESTIONS, SCALE

        register_sections()
        value_labels_register(
            model="prevention.riskassessment",
            field="answers",
            values=lambda: {str(value): label for value, label in SCALE},
            keys=lambda: dict(QUESTIONS),
        )
