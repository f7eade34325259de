from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top floor: fictitious demo data (Lao and Latin names), `seed_demo`, `demo_totp`."""

    name = "pokpong.demo"
    verbose_name = _("Demo data")
