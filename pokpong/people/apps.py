from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "pokpong.people"
    verbose_name = _("Persons")

    def ready(self) -> None:
        from pokpong.core.rotation import rotator_register
        from pokpong.people import reference  # noqa: F401  (registers the editable lists)
        from pokpong.people.duplicates import merge_snapshots_rotate

        rotator_register(
            name="people.merges",
            rotate=merge_snapshots_rotate,
            modules=("pokpong.people.duplicates",),
        )
