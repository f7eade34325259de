"""Malformed keys stop every settings module at start-up, with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_audit_keys, env_fernet_keys, env_secret
from pokpong.core.checks import keys_validate

ROOT = Path(__file__).resolve().parent.parent
GOOD_FERNET = "dGVzdC1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY="
GOOD_SECRET = "a-separate-audit-key-of-32-chars-or-more"
PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 20 + "abcdefghij" * 4,
    "DJANGO_ALLOWED_HOSTS": "pokpong.example.la",
    "POKPONG_AUDIT_KEY": GOOD_SECRET,
    "POKPONG_FIELD_KEYS": GOOD_FERNET,
    "POKPONG_BLIND_INDEX_KEY": "a-separate-blind-index-key-of-32-chars",
    "POKPONG_SITE_URL": "https://pokpong.example.la",
}


def _start(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POKPONG_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE=f"config.settings.{module}")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("value", ["not-a-key", f"{GOOD_FERNET},abc", f"{GOOD_FERNET[:-2]}=="])
def test_a_malformed_field_key_is_refused_and_named_without_showing_it(monkeypatch, value):
    monkeypatch.setenv("POKPONG_FIELD_KEYS", value)
    with pytest.raises(ImproperlyConfigured, match="POKPONG_FIELD_KEYS") as raised:
        env_fernet_keys("POKPONG_FIELD_KEYS")
    assert "not-a-key" not in str(raised.value) and "abc" not in str(raised.value)


def test_the_same_field_key_twice_is_refused(monkeypatch):
    monkeypatch.setenv("POKPONG_FIELD_KEYS", f"{GOOD_FERNET},{GOOD_FERNET}")
    with pytest.raises(ImproperlyConfigured, match="twice"):
        env_fernet_keys("POKPONG_FIELD_KEYS")


@pytest.mark.parametrize("value", ["short", "a" * 40])
def test_a_short_or_repetitive_hmac_key_is_refused(monkeypatch, value):
    monkeypatch.setenv("POKPONG_BLIND_INDEX_KEY", value)
    with pytest.raises(ImproperlyConfigured, match="POKPONG_BLIND_INDEX_KEY"):
        env_secret("POKPONG_BLIND_INDEX_KEY")


def test_audit_keys_are_read_as_first_entry_and_key(monkeypatch):
    monkeypatch.setenv("POKPONG_AUDIT_KEYS", f"1:{GOOD_SECRET}, 5001:{GOOD_SECRET[::-1]}")
    assert env_audit_keys("POKPONG_AUDIT_KEYS") == [(1, GOOD_SECRET), (5001, GOOD_SECRET[::-1])]


@pytest.mark.parametrize(
    "value",
    [
        GOOD_SECRET,  # no start number
        f"2:{GOOD_SECRET}",  # does not start at entry 1
        f"1:{GOOD_SECRET},1:{GOOD_SECRET[::-1]}",  # two keys from the same entry
        f"1:{GOOD_SECRET},9:{GOOD_SECRET}",  # the same key twice
        f"1:{GOOD_SECRET},9:short",
    ],
)
def test_malformed_audit_keys_are_refused(monkeypatch, value):
    monkeypatch.setenv("POKPONG_AUDIT_KEYS", value)
    with pytest.raises(ImproperlyConfigured, match="POKPONG_AUDIT_KEYS"):
        env_audit_keys("POKPONG_AUDIT_KEYS")


def test_a_malformed_key_set_by_a_settings_module_stops_the_start_too(settings):
    settings.POKPONG_FIELD_KEYS = ["typed-by-hand"]
    with pytest.raises(ImproperlyConfigured, match="POKPONG_FIELD_KEYS"):
        keys_validate()


@pytest.mark.parametrize("module", ["demo", "production"])
@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("POKPONG_FIELD_KEYS", "not-a-fernet-key"),
        ("POKPONG_AUDIT_KEY", "too-short"),
        ("POKPONG_BLIND_INDEX_KEY", "too-short"),
        ("POKPONG_AUDIT_KEYS", "5001:a-separate-audit-key-of-32-chars-or-more"),
    ],
)
def test_every_settings_module_refuses_to_start_with_a_malformed_key(module, variable, value):
    env = {**PRODUCTION, variable: value}
    if variable == "POKPONG_AUDIT_KEYS":
        del env["POKPONG_AUDIT_KEY"]
    result = _start(module, **env)
    assert result.returncode != 0
    assert variable in result.stderr
    assert value not in result.stderr


def test_production_starts_with_rotated_audit_keys():
    env = {k: v for k, v in PRODUCTION.items() if k != "POKPONG_AUDIT_KEY"}
    env["POKPONG_AUDIT_KEYS"] = f"1:{GOOD_SECRET},5001:{GOOD_SECRET[::-1]}"
    result = _start("production", **env)
    assert result.returncode == 0, result.stderr


def test_production_refuses_both_audit_key_variables_at_once():
    result = _start("production", **PRODUCTION, POKPONG_AUDIT_KEYS=f"1:{GOOD_SECRET[::-1]}")
    assert result.returncode != 0
    assert "not both" in result.stderr
