from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "pokpong.monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        # Cached indicator results are keyed by the generation of each model the rules read: a
        # saved or deleted record of one of them bumps its generation (monitoring.generations).
        from pokpong.monitoring import rules_livelihoods  # noqa: F401  (registers its rules)
        from pokpong.monitoring.engine import OWN_SOURCES
        from pokpong.monitoring.generations import connect
        from pokpong.monitoring.rules import RULES

        connect({label for rule in RULES.values() for label in rule.sources} | set(OWN_SOURCES))
        # Maintained aggregates, kept in the transaction of the records (monitoring.aggregates).
        from pokpong.monitoring import aggregates

        aggregates.connect()
