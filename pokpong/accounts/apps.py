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
        from pokpong.accounts.mfa import authenticators_rotate
        from pokpong.core.rotation import rotator_register

        rotator_register(
            name="accounts.two_factor",
            rotate=authenticators_rotate,
            modules=("pokpong.accounts.mfa",),
        )
