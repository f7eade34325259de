from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "pokpong.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from pokpong.places import reference  # noqa: F401  (registers the editable lists)
