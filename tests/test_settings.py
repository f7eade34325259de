"""Settings come from the environment with safe defaults and fail loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_env, env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", default=False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", default=True) is False


def test_env_bool_rejects_a_typo(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", default=False)


def test_env_int_rejects_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("X_NUM", "thirty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("X_NUM", default=1)
    monkeypatch.setenv("X_NUM", "2")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("X_NUM", default=1, minimum=5)


def test_missing_required_variables_are_named(monkeypatch):
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="X_REQUIRED"):
        env_str("X_REQUIRED")
    with pytest.raises(ImproperlyConfigured, match="X_REQUIRED"):
        env_list("X_REQUIRED")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.la, b.la ,,")
    assert env_list("X_HOSTS") == ["a.la", "b.la"]


def test_without_database_url_the_embedded_sqlite_file_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(default_sqlite=tmp_path / "var" / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "var" / "db.sqlite3")
    assert (tmp_path / "var").is_dir()


def test_postgres_url_selects_postgres_with_utf8_test_databases(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pokpong")
    config = database_from_env(default_sqlite=tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "pokpong"
    assert config["TEST"] == {"CHARSET": "UTF8", "TEMPLATE": "template0"}


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/x", "postgres://postgres@127.0.0.1:5432/", "nonsense"]
)
def test_unsupported_or_incomplete_database_urls_fail_loudly(monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured):
        database_from_env(default_sqlite=tmp_path / "db.sqlite3")


def _load_production(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POKPONG_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_production(DJANGO_ALLOWED_HOSTS="pokpong.example.la")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _load_production(DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="x.la")
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_production_refuses_to_start_without_an_audit_key():
    result = _load_production(
        DJANGO_SECRET_KEY="k" * 20 + "abcdefghij" * 4, DJANGO_ALLOWED_HOSTS="pokpong.example.la"
    )
    assert result.returncode != 0
    assert "POKPONG_AUDIT_KEY" in result.stderr


def test_production_refuses_to_start_without_field_encryption_keys():
    result = _load_production(
        DJANGO_SECRET_KEY="k" * 20 + "abcdefghij" * 4,
        DJANGO_ALLOWED_HOSTS="pokpong.example.la",
        POKPONG_AUDIT_KEY="a-separate-audit-key-of-32-chars-or-more",
        POKPONG_BLIND_INDEX_KEY="a-separate-blind-index-key-of-32-chars",
    )
    assert result.returncode != 0
    assert "POKPONG_FIELD_KEYS" in result.stderr


def test_production_starts_with_debug_off_when_configured():
    result = _load_production(
        DJANGO_SECRET_KEY="k" * 20 + "abcdefghij" * 4,
        DJANGO_ALLOWED_HOSTS="pokpong.example.la",
        POKPONG_AUDIT_KEY="a-separate-audit-key-of-32-chars-or-more",
        POKPONG_FIELD_KEYS="dGVzdC1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY=",
        POKPONG_BLIND_INDEX_KEY="a-separate-blind-index-key-of-32-chars",
        POKPONG_SITE_URL="https://pokpong.example.la",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_bad_session_timeout_stops_the_demo_settings_too():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.demo", POKPONG_SESSION_IDLE_MINUTES="soon")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "POKPONG_SESSION_IDLE_MINUTES" in result.stderr


def test_production_refuses_to_start_without_the_sites_https_address():
    configured = {
        "DJANGO_SECRET_KEY": "k" * 20 + "abcdefghij" * 4,
        "DJANGO_ALLOWED_HOSTS": "pokpong.example.la",
        "POKPONG_AUDIT_KEY": "a-separate-audit-key-of-32-chars-or-more",
        "POKPONG_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY=",
        "POKPONG_BLIND_INDEX_KEY": "a-separate-blind-index-key-of-32-chars",
    }
    result = _load_production(**configured)
    assert result.returncode != 0
    assert "POKPONG_SITE_URL" in result.stderr
    result = _load_production(**configured, POKPONG_SITE_URL="http://pokpong.example.la")
    assert result.returncode != 0
    assert "https://" in result.stderr


def test_manage_py_uses_the_production_settings_unless_told_otherwise():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POKPONG_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "demo-only" not in result.stdout + result.stderr
