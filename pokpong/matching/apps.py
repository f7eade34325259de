from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """The matching engine: text logic only (normalising names, keys, scoring pairs). It knows no
    model; the person index, person search and duplicate review that use it live in `people`.
    Its migrations stay: they created the person index's tables, which `people` now declares."""

    name = "pokpong.matching"
    verbose_name = _("Name matching")
