from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "pokpong.people"
    verbose_name = _("Persons")

    def ready(self) -> None:
        from pokpong.people import reference  # noqa: F401  (registers the editable lists)
