from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def audit_key_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "POKPONG_AUDIT_KEY", ""):
        return [
            Error(
                "POKPONG_AUDIT_KEY is empty: the audit trail cannot be chained.", id="pokpong.E001"
            )
        ]
    return []
