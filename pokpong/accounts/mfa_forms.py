"""allauth's forms that check a two-factor code, guarded (settings.MFA_FORMS).

Every place allauth checks a TOTP or recovery code goes through one of these: the sign-in step,
reauthentication (before deactivating the app or showing the recovery codes), and the activation
of an authenticator app. Each guess is first counted by allauth's rate limits (per account and
per address, `MFA_RATE_LIMITS["code"]`), a locked account is refused even the right code, and a
wrong code is counted towards the lockout and audited.
"""

from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pokpong.accounts import services
from pokpong.accounts.mfa import two_factor_is_locked

LOCKED_MESSAGE = _(
    "Too many wrong codes: two-factor sign-in to this account is locked. "
    "Ask an administrator to unlock it."
)


class _GuardedCodeMixin:
    """Put in front of an allauth form whose `clean_code()` checks a code for `self.user`."""

    step = ""
    user: Any

    def clean_code(self) -> str:
        if two_factor_is_locked(user=self.user):
            raise ValidationError(LOCKED_MESSAGE, code="locked")
        usage = ratelimit.consume(context.request, app="allauth.mfa", action="code", user=self.user)
        if not usage:
            raise get_account_adapter().validation_error("too_many_login_attempts")
        try:
            code: str = super().clean_code()  # type: ignore[misc]
        except ValidationError:
            if services.two_factor_failure_record(user=self.user, step=self.step):
                raise ValidationError(LOCKED_MESSAGE, code="locked") from None
            raise
        services.two_factor_failures_clear(user=self.user)
        usage.rollback()  # a right code does not count against the per-minute limit
        return code


class GuardedAuthenticateForm(_GuardedCodeMixin, AuthenticateForm):  # type: ignore[misc]  # allauth is untyped
    step = "sign_in"


class GuardedReauthenticateForm(_GuardedCodeMixin, ReauthenticateForm):  # type: ignore[misc]  # allauth is untyped
    step = "reauthenticate"


class GuardedActivateTOTPForm(_GuardedCodeMixin, ActivateTOTPForm):  # type: ignore[misc]  # allauth is untyped
    step = "activate"
