from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from config.env import check_audit_keys, check_fernet_keys


def keys_validate() -> None:
    """Refuse to start with malformed keys, whatever settings module set them (apps.ready)."""
    check_fernet_keys("POKPONG_FIELD_KEYS", list(settings.POKPONG_FIELD_KEYS))
    audit_keys = list(getattr(settings, "POKPONG_AUDIT_KEYS", []))
    if audit_keys:
        check_audit_keys("POKPONG_AUDIT_KEYS", audit_keys)


@register()
def audit_key_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    if not (
        getattr(settings, "POKPONG_AUDIT_KEY", "") or getattr(settings, "POKPONG_AUDIT_KEYS", [])
    ):
        return [
            Error(
                "POKPONG_AUDIT_KEY is empty: the audit trail cannot be chained.", id="pokpong.E001"
            )
        ]
    return []
