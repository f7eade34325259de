from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "pokpong.programme"
    verbose_name = _("Programme management and coordination")

    def ready(self) -> None:
        from pokpong.programme.inbox import register_sections

        register_sections()
