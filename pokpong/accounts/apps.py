from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pokpong.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from pokpong.accounts import (  # noqa: F401  (registers lists and audit receivers)
            receivers,
            reference,
        )
