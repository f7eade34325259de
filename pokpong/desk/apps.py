from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top floor: home page, navigation, inbox, audit and reference-list screens, language."""

    name = "pokpong.desk"
    verbose_name = _("Desk")
