from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "pokpong.imports"
    verbose_name = _("Bulk import")

    def ready(self) -> None:
        from pokpong.core.rotation import rotator_register
        from pokpong.imports.services import import_files_rotate

        rotator_register(
            name="imports.files", rotate=import_files_rotate, modules=("pokpong.imports.services",)
        )
