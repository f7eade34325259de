from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "pokpong.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from pokpong.cases import reference  # noqa: F401  (registers the editable lists)
        from pokpong.cases.attachments import attachments_rotate
        from pokpong.cases.inbox import register_sections
        from pokpong.cases.panels import register_panels
        from pokpong.core.rotation import rotator_register

        rotator_register(
            name="cases.attachments",
            rotate=attachments_rotate,
            modules=("pokpong.cases.attachments",),
        )
        register_sections()
        register_panels()
