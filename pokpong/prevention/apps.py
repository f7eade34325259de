from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "pokpong.prevention"
    verbose_name = _("Prevention")

    def ready(self) -> None:
        from pokpong.prevention.inbox import register_sections

        register_sections()
