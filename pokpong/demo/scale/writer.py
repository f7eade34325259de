"""Writing generated rows fast: COPY on PostgreSQL (psycopg 3), batched INSERTs on SQLite.

Rows are plain tuples in the order of the columns a `Table` is given; every other column of the
model gets its field's constant default (empty text, NULL, the default), computed once, so a
row never goes through a model instance. Primary keys are handed out here (`next_id`), so the
rows of one table can point at another's before either is written; the sequences are reset at
the end (`reset_sequences`).
"""

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

Row = tuple[Any, ...]


def _constant(field: models.Field[Any, Any]) -> Any:
    """What a column holds when the generator leaves it out."""
    if field.has_default():
        value = field.get_default()
        if isinstance(field, models.JSONField):
            return json.dumps(value)
        return value
    if field.null:
        return None
    if field.blank and isinstance(field, models.CharField | models.TextField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


def _column(field: models.Field[Any, Any]) -> str:
    if field.column is None:
        raise ValueError(f"{field.name} has no column")
    return field.column


def _sqlite_datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(" ")
    return value


def _sqlite_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class Table:
    """One model's rows, written in chunks."""

    def __init__(
        self, model: type[models.Model], columns: Sequence[str], *, with_id: bool = True
    ) -> None:
        self.model = model
        self.table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {unknown}")
        pk = model._meta.pk.attname if model._meta.pk else "id"
        given = ([pk] if with_id else []) + list(columns)
        rest = [f for name, f in fields.items() if name not in given and name != pk]
        self.constants: Row = tuple(_constant(f) for f in rest)
        self.db_columns = [_column(fields[c]) for c in given] + [_column(f) for f in rest]
        self.with_id = with_id
        self.rows: list[Row] = []
        self.text: list[str] = []
        self.written = 0
        self._next = 0
        self.converters: list[Callable[[Any], Any] | None] = []
        if connection.vendor == "sqlite":
            for name in given:
                field = fields.get(name)
                if isinstance(field, models.DateTimeField):
                    self.converters.append(_sqlite_datetime)
                elif isinstance(field, models.DateField):
                    self.converters.append(_sqlite_date)
                else:
                    self.converters.append(None)
            self.constants = tuple(_sqlite_date(_sqlite_datetime(v)) for v in self.constants)

    def start_ids(self) -> None:
        """Ids continue after the highest one already in the table (--append)."""
        last = self.model._default_manager.aggregate(m=models.Max("pk"))["m"]
        self._next = int(last or 0)

    def next_id(self) -> int:
        self._next += 1
        return self._next

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def add_text(self, lines: str) -> None:
        """PostgreSQL only: rows already in COPY's text format (integers only)."""
        self.text.append(lines)

    def flush(self) -> int:
        if self.text:
            text, self.text = "".join(self.text), []
            name = connection.ops.quote_name(self.table)
            quoted = ", ".join(connection.ops.quote_name(c) for c in self.db_columns)
            sql = f"COPY {name} ({quoted}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                copy.write(text)
            count = text.count("\n")
            self.written += count
            return count + self._flush_rows()
        return self._flush_rows()

    def _flush_rows(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        width = len(self.db_columns) - len(self.constants)
        if len(rows[0]) != width:
            raise ValueError(f"{self.table}: rows of {len(rows[0])} values for {width} columns")
        write_rows(self, rows)
        self.written += len(rows)
        return len(rows)


def write_rows(table: Table, rows: Iterable[Row]) -> None:
    consts = table.constants
    quoted = ", ".join(connection.ops.quote_name(c) for c in table.db_columns)
    name = connection.ops.quote_name(table.table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                if consts:
                    for row in rows:
                        copy.write_row(row + consts)
                else:
                    for row in rows:
                        copy.write_row(row)
        return
    converters = table.converters
    if any(converters):
        rows = (
            tuple(c(v) if c else v for c, v in zip(converters, row, strict=True)) for row in rows
        )
    marks = ", ".join(["%s"] * len(table.db_columns))
    # names from the models' own metadata, quoted: no outside text reaches the statement
    sql = f"INSERT INTO {name} ({quoted}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        batch: list[Row] = []
        for row in rows:
            batch.append(row + consts)
            if len(batch) >= 10_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """After rows with explicit ids: the next id the database gives follows the highest
    (PostgreSQL; SQLite's AUTOINCREMENT follows on its own)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


@contextmanager
def bulk_session(*, skip_triggers: bool) -> Iterator[bool]:
    """PostgreSQL: commits without waiting for the disk (a crash loses the last chunks, which
    the generator would redo anyway) and, for a superuser asked to, no foreign-key triggers
    (`session_replication_role = replica`): the rows are made consistent by construction and
    `dangling_references` checks them all afterwards in a few joins instead of one lookup per
    row. CHECK and UNIQUE constraints are enforced as always. Yields whether triggers are off."""
    if connection.vendor != "postgresql":
        yield False
        return
    skipped = skip_triggers and _is_superuser()
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        if skipped:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield skipped
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")
            cursor.execute("RESET synchronous_commit")


def dangling_references(models_: Iterable[type[models.Model]]) -> list[str]:
    """Every foreign key of these tables that points at no row (one anti-join per column)."""
    problems = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                target = field.related_model._meta
                target_column = _column(field.target_field)  # type: ignore[attr-defined]
                column = _column(field)
                sql = (
                    f"SELECT count(*) FROM {quote(model._meta.db_table)} t "  # noqa: S608
                    f"WHERE t.{quote(column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                    f"{quote(target.db_table)} r WHERE r.{quote(target_column)} = "
                    f"t.{quote(column)})"
                )
                cursor.execute(sql)
                (count,) = cursor.fetchone()
                if count:
                    problems.append(f"{model._meta.db_table}.{field.column}: {count} dangling")
    return problems


def vacuum_analyze(models_: Iterable[type[models.Model]]) -> bool:
    """PostgreSQL, outside a transaction: VACUUM ANALYZE the tables just loaded, so plans see
    their real sizes and the name index's lookup is an index-only scan at once. Returns
    whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return True
