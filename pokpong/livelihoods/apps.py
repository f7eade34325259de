from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivelihoodsConfig(AppConfig):
    name = "pokpong.livelihoods"
    verbose_name = _("Livelihoods")

    def ready(self) -> None:
        from pokpong.livelihoods.inbox import register_sections
        from pokpong.livelihoods.panels import register_panels

        register_panels()
        register_sections()
