from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "pokpong.programme"
    verbose_name = _("Programme management and coordination")
