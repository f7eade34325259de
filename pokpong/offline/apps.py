from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Works offline on a phone (issue 22): the installable app, encrypted drafts and their sync."""

    name = "pokpong.offline"
    verbose_name = _("Offline work")
