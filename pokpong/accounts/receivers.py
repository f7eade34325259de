"""Audit entries for sign-in events, from django-allauth's, Django's and django-axes' signals.

Signals of third-party code are the only hook they offer; our own models never use signals.
"""

from typing import Any

from allauth.account.signals import password_changed
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from pokpong.accounts.axes import UNKNOWN_LOGIN, account_username
from pokpong.accounts.models import User
from pokpong.accounts.services import user_password_changed
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction


@receiver(user_logged_in, dispatch_uid="pokpong_audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOGIN, obj=user, actor=user)


@receiver(user_logged_out, dispatch_uid="pokpong_audit_logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, obj=user, actor=user)


@receiver(user_login_failed, dispatch_uid="pokpong_audit_login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    """Only the matched account's username, never the typed text (it may be a password)."""
    username = account_username(credentials.get("username") or credentials.get("email"))
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        obj=User.objects.filter(username=username).first() if username else None,
        extra={"login": username or UNKNOWN_LOGIN},
    )


@receiver(user_locked_out, dispatch_uid="pokpong_audit_lockout")
def _locked_out(sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any) -> None:
    # axes names the account through attempted_login(): a username or the unknown marker.
    known = account_username(username)
    audit_record(
        action=AuditAction.LOCKOUT,
        obj=User.objects.filter(username=known).first() if known else None,
        extra={"login": known or UNKNOWN_LOGIN},
    )


@receiver(password_changed, dispatch_uid="pokpong_password_changed")
def _password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    user_password_changed(user=user)
