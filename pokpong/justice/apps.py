from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JusticeConfig(AppConfig):
    name = "pokpong.justice"
    verbose_name = _("Justice")

    def ready(self) -> None:
        from pokpong.justice import reference  # noqa: F401  (registers the editable lists)
        from pokpong.justice.inbox import register_sections
        from pokpong.justice.panels import register_panels

        register_sections()
        register_panels()
