from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "pokpong.matching"
    verbose_name = _("Name matching")

    def ready(self) -> None:
        from pokpong.core.rotation import rotator_register
        from pokpong.matching.review import merge_snapshots_rotate

        rotator_register(
            name="matching.merges",
            rotate=merge_snapshots_rotate,
            modules=("pokpong.matching.review",),
        )
