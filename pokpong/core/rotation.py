"""Key rotation of everything encrypted with POKPONG_FIELD_KEYS: a registry of "rotators".

Encrypted model fields (EncryptedTextField) are found from the models' _meta, so a new field is
never missed. Anything else encrypted with `pokpong.core.crypto` (files, JSON snapshots, another
library's secrets) belongs to an app that registers a rotator in its AppConfig.ready():

    rotator_register(name="cases.attachments", rotate=attachments_rotate,
                     modules=("pokpong.cases.attachments",))

`rotate(dry_run=..., batch_size=...)` re-encrypts with the newest key only what an older key
encrypted (so a second run does nothing and an interrupted run resumes) and returns its counts.
`modules` names the modules whose encrypted values it covers: a test fails when a module uses the
crypto functions and no rotator names it.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps
from django.db import connection, models, transaction

from pokpong.core import crypto
from pokpong.core.typing import model_field


@dataclass
class RotationCount:
    rotated: int = 0  # re-encrypted with the newest key (or, in a dry run, to re-encrypt)
    current: int = 0  # already under the newest key


class Rotate(Protocol):
    def __call__(self, *, dry_run: bool, batch_size: int) -> dict[str, RotationCount]: ...


@dataclass(frozen=True)
class Rotator:
    name: str
    rotate: Rotate
    modules: tuple[str, ...]


_ROTATORS: dict[str, Rotator] = {}


def rotator_register(*, name: str, rotate: Rotate, modules: tuple[str, ...] = ()) -> None:
    _ROTATORS[name] = Rotator(name, rotate, modules)


def rotators() -> list[Rotator]:
    return list(_ROTATORS.values())


def encrypted_models() -> Iterator[tuple[type[models.Model], list[str]]]:
    for model in apps.get_models():
        fields = crypto.encrypted_fields(model)
        if fields and not model._meta.proxy:
            yield model, fields


def _column(field: models.Field[Any, Any]) -> str:
    if field.column is None:  # a field stored elsewhere (many-to-many): never encrypted
        raise ValueError(f"{field} has no column of its own")
    return field.column


def _raw_rows(
    model: type[models.Model], columns: list[str], after: Any, size: int
) -> list[tuple[Any, ...]]:
    """The stored tokens, as the database holds them (the field would decrypt them)."""
    quote = connection.ops.quote_name
    pk = _column(model._meta.pk)
    sql = (
        f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} "  # noqa: S608
        f"FROM {quote(model._meta.db_table)} "
        + (f"WHERE {quote(pk)} > %s " if after is not None else "")
        + f"ORDER BY {quote(pk)} LIMIT {int(size)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after] if after is not None else [])
        return list(cursor.fetchall())


def _model_rotate(
    model: type[models.Model], names: list[str], *, dry_run: bool, batch_size: int
) -> RotationCount:
    count = RotationCount()
    columns = [_column(model_field(model, name)) for name in names]
    after = None
    while rows := _raw_rows(model, columns, after, batch_size):
        with transaction.atomic():
            for pk, *tokens in rows:
                stale = {
                    name: crypto.decrypt(token)
                    for name, token in zip(names, tokens, strict=True)
                    if token and not crypto.is_current(token)
                }
                count.current += len([t for t in tokens if t]) - len(stale)
                count.rotated += len(stale)
                if stale and not dry_run:  # update() encrypts with the newest key
                    model._base_manager.filter(pk=pk).update(**stale)
        after = rows[-1][0]
    return count


def fields_rotate(*, dry_run: bool, batch_size: int) -> dict[str, RotationCount]:
    """Every encrypted model field, model by model, in batches of rows (one transaction each)."""
    return {
        model._meta.label: _model_rotate(model, names, dry_run=dry_run, batch_size=batch_size)
        for model, names in encrypted_models()
    }


rotator_register(name="core.fields", rotate=fields_rotate, modules=("pokpong.core.crypto",))


def rotate_all(
    *, dry_run: bool = False, batch_size: int = 500, report: Callable[[str, RotationCount], None]
) -> RotationCount:
    total = RotationCount()
    for rotator in rotators():
        for label, count in rotator.rotate(dry_run=dry_run, batch_size=batch_size).items():
            report(label, count)
            total.rotated += count.rotated
            total.current += count.current
    return total
