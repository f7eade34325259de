"""Tiny helpers that read settings from the environment and fail loudly on bad values."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def env_str(name: str, default: Any = _MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return str(default)
    return value


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, *, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}.")
    return value


def env_list(name: str, *, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name} (comma-separated).")
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_env(*, default_sqlite: Path) -> dict[str, Any]:
    """DATABASE_URL selects the database; without it, the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        default_sqlite.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{default_sqlite}"
    scheme = url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:///path or postgres://…"
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL must name a database.")
        # Lao text must be seen as letters: UTF-8 databases built from template0.
        config["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
        config["CONN_HEALTH_CHECKS"] = True
    else:
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


def check_secret(name: str, value: str, *, min_length: int = 32) -> str:
    """A key (HMAC, audit): long enough and not a repeated character."""
    if len(value) < min_length or len(set(value)) < 8:
        raise ImproperlyConfigured(
            f"{name} must be at least {min_length} random characters (it is {len(value)} long)."
        )
    return value


def env_secret(name: str, *, min_length: int = 32) -> str:
    """An optional key: empty when unset, checked when set (never a short or guessable key)."""
    value = os.environ.get(name, "")
    return check_secret(name, value, min_length=min_length) if value else ""


def check_fernet_keys(name: str, keys: list[str]) -> list[str]:
    """Each key must be a Fernet key (32 bytes, url-safe base64); the message never shows it."""
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"{name}: key {number} of {len(keys)} is not a Fernet key (32 bytes in url-safe "
                "base64, e.g. from `manage.py shell -c 'from pokpong.core.crypto import new_key; "
                "print(new_key())'`)."
            ) from None
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"{name} lists the same key twice.")
    return keys


def env_fernet_keys(name: str) -> list[str]:
    return check_fernet_keys(name, env_list(name, default=[]))


def parse_audit_keys(name: str, raw: str) -> list[tuple[int, str]]:
    """`1:<old key>,5001:<new key>`: each key signs the audit entries from that number on.

    Numbers start at 1 and rise; every key is checked like any other (check_secret)."""
    keys: list[tuple[int, str]] = []
    for number, item in enumerate((i.strip() for i in raw.split(",") if i.strip()), start=1):
        start, sep, key = item.partition(":")
        if not sep or not start.strip().isdigit():
            raise ImproperlyConfigured(
                f"{name}: item {number} must be <first entry number>:<key>, e.g. 1:…,5001:…"
            )
        keys.append((int(start), check_secret(f"{name} (item {number})", key.strip())))
    return check_audit_keys(name, keys)


def check_audit_keys(name: str, keys: list[tuple[int, str]]) -> list[tuple[int, str]]:
    starts = [start for start, _key in keys]
    if not keys or starts[0] != 1 or starts != sorted(set(starts)):
        raise ImproperlyConfigured(
            f"{name}: the first key must start at entry 1 and each next one at a higher entry."
        )
    if len({key for _start, key in keys}) != len(keys):
        raise ImproperlyConfigured(f"{name} lists the same key twice.")
    return keys


def env_audit_keys(name: str) -> list[tuple[int, str]]:
    raw = os.environ.get(name, "").strip()
    return parse_audit_keys(name, raw) if raw else []


def cache_from_env(name: str, *, default: str) -> dict[str, Any]:
    """The cache every worker shares (rate limits, used two-factor codes), from a URL:
    `db://<table>` (the database, after `manage.py createcachetable`), `locmem://` (one process
    only: development and tests), `redis://…` (needs the redis package)."""
    url = env_str(name, default).strip()
    scheme, _, rest = url.partition("://")
    if scheme == "db" and rest:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme in {"redis", "rediss"}:
        try:
            import redis  # noqa: F401
        except ImportError:
            raise ImproperlyConfigured(f"{name} asks for redis, which is not installed.") from None
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(f"{name}={url!r}: use db://<table>, locmem:// or redis://…")
