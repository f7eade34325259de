"""Encrypt the TOTP secrets and recovery seeds allauth stored in clear before MFA_ADAPTER."""

from typing import Any

from django.db import migrations


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    from pokpong.accounts.mfa import authenticators_reencrypt

    model = apps.get_model("mfa", "Authenticator")
    if model.objects.exists():
        authenticators_reencrypt(model)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_two_factor_failures"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
