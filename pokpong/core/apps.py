from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pokpong.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from pokpong.core import checks  # registers the system checks

        checks.keys_validate()
