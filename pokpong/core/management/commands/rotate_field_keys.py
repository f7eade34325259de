from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pokpong.core.audit import audit_context, audit_record
from pokpong.core.crypto import encrypted_fields
from pokpong.core.models import AuditAction


class Command(BaseCommand):
    help = (
        "Re-encrypt every sensitive field with the first key of POKPONG_FIELD_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        with audit_context(label="command:rotate_field_keys"):
            for model in apps.get_models():
                fields = encrypted_fields(model)
                if not fields:
                    continue
                count = 0
                for obj in model._default_manager.only("pk", *fields).iterator(chunk_size=500):
                    with transaction.atomic():
                        # update() encrypts again, with the first key; updated_at is untouched.
                        values = {name: getattr(obj, name) for name in fields}
                        model._default_manager.filter(pk=obj.pk).update(**values)
                    count += 1
                total += count
                self.stdout.write(f"{model._meta.label}: {count} re-encrypted")
            audit_record(action=AuditAction.UPDATE, object_type="keys", extra={"rows": total})
        self.stdout.write(f"Done: {total} rows. The old keys can now be removed.")
