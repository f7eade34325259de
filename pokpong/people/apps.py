from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MOVED_FROM_MATCHING = (
    "persontoken",
    "tokenstat",
    "duplicatereview",
    "duplicatepair",
    "notsameperson",
    "merge",
)


class PeopleConfig(AppConfig):
    name = "pokpong.people"
    verbose_name = _("Persons")

    def ready(self) -> None:
        from pokpong.core.audit import audit_type_moved
        from pokpong.core.rotation import rotator_register
        from pokpong.people import reference  # noqa: F401  (registers the editable lists)
        from pokpong.people.duplicates import merge_snapshots_rotate

        rotator_register(
            name="people.merges",
            rotate=merge_snapshots_rotate,
            modules=("pokpong.people.duplicates",),
        )
        # The person index and the duplicate review were the matching app's until the re-floor:
        # audit entries written before name them so.
        for model in MOVED_FROM_MATCHING:
            audit_type_moved(old=f"matching.{model}", new=f"people.{model}")
