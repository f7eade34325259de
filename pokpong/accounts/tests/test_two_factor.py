"""Two-factor codes: limited guesses, a lockout per account that an administrator lifts, secrets
encrypted at rest, and a used code refused everywhere."""

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.urls import reverse

from pokpong.accounts.mfa import authenticators_reencrypt, secret_decrypt
from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import TEST_TOTP_SECRET, UserFactory, totp_code, with_totp
from pokpong.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _password_step(client, username="boss", address="10.20.0.1"):
    client.post(
        reverse("account_login"),
        {"login": username, "password": PASSWORD},
        REMOTE_ADDR=address,
    )


def _code(client, code, address="10.20.0.1"):
    return client.post(reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=address)


def _wrong(n: int) -> str:
    return f"{(123456 + n * 7919) % 1000000:06d}"


def _guess_from_many_addresses(client_class, count: int, start: int = 0) -> None:
    """`count` wrong codes, each from a new address and session, a minute apart."""
    for n in range(start, start + count):
        address = f"10.30.{n}.1"
        guesser = client_class()
        _password_step(guesser, address=address)
        _code(guesser, _wrong(n), address=address)


@pytest.fixture
def boss(db):
    return with_totp(UserFactory(username="boss", roles=[Role.PROVINCIAL_MANAGER]))


def test_guessing_codes_quickly_is_refused_per_account(client, boss):
    _password_step(client)
    for n in range(5):  # MFA_RATE_LIMITS["code"]: 5 a minute per account
        _code(client, _wrong(n))
    refused = _code(client, totp_code())
    assert "_auth_user_id" not in client.session
    assert refused.status_code == 200
    assert refused.context["form"].errors


def test_guessing_codes_quickly_is_refused_per_address_across_accounts(client):
    for name in ["boss1", "boss2", "boss3"]:
        with_totp(UserFactory(username=name, roles=[Role.PROVINCIAL_MANAGER]))
    for n, name in enumerate(["boss1"] * 5 + ["boss2"] * 5):
        guesser = type(client)()
        _password_step(guesser, username=name)
        _code(guesser, _wrong(n))
    _password_step(client, username="boss3")  # its own count is untouched
    refused = _code(client, totp_code())
    assert "_auth_user_id" not in client.session
    assert refused.context["form"].errors
    _password_step(client, username="boss3", address="10.77.0.1")
    assert _code(client, totp_code(), address="10.77.0.1").status_code == 302


def test_many_wrong_codes_from_many_addresses_lock_the_account_until_an_administrator_unlocks(
    client, boss, administrator
):
    limit = settings.POKPONG_MFA_LOCKOUT_FAILURES
    with time_machine.travel(START, tick=False) as clock:
        for n in range(limit):
            clock.shift(dt.timedelta(minutes=1))
            _guess_from_many_addresses(type(client), 1, start=n)
        clock.shift(dt.timedelta(minutes=1))
        # Locked: even the right code, from a fresh address, is refused.
        _password_step(client, address="10.99.0.9")
        refused = _code(client, totp_code(), address="10.99.0.9")
        assert "_auth_user_id" not in client.session
        assert refused.context["form"].has_error("code", "locked")

        failures = AuditEntry.objects.filter(
            action=AuditAction.LOGIN_FAILED, object_id=str(boss.pk)
        )
        assert failures.count() == limit
        assert all(e.extra["step"] == "sign_in" for e in failures)
        assert AuditEntry.objects.filter(
            action=AuditAction.LOCKOUT, object_id=str(boss.pk)
        ).exists()

        admin = type(client)()
        admin.force_login(administrator)
        detail = admin.get(reverse("accounts:user_detail", args=[boss.pk]))
        assert detail.context["is_locked"]
        admin.post(reverse("accounts:user_unlock", args=[boss.pk]))
        clock.shift(dt.timedelta(minutes=1))
        _password_step(client, address="10.99.0.9")
        assert _code(client, totp_code(), address="10.99.0.9").status_code == 302
        assert client.session["_auth_user_id"] == str(boss.pk)


def test_a_locked_account_cannot_reauthenticate_with_a_code_either(client, boss):
    client.force_login(boss)
    with time_machine.travel(START, tick=False) as clock:
        for n in range(settings.POKPONG_MFA_LOCKOUT_FAILURES):
            clock.shift(dt.timedelta(minutes=1))
            client.post(reverse("mfa_reauthenticate"), {"code": _wrong(n)})
        clock.shift(dt.timedelta(minutes=1))
        response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code()})
    assert response.status_code == 200
    assert response.context["form"].has_error("code", "locked")
    steps = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).values_list(
        "extra", flat=True
    )
    assert {e["step"] for e in steps} == {"reauthenticate"}


def test_wrong_recovery_codes_count_towards_the_lockout(client, boss):
    RecoveryCodes.activate(boss)
    with time_machine.travel(START, tick=False) as clock:
        for n in range(settings.POKPONG_MFA_LOCKOUT_FAILURES):
            clock.shift(dt.timedelta(minutes=1))
            guesser = type(client)()
            _password_step(guesser, address=f"10.40.{n}.1")
            _code(guesser, f"{n:08d}", address=f"10.40.{n}.1")
        clock.shift(dt.timedelta(minutes=1))
        code = RecoveryCodes(Authenticator.objects.get(type="recovery_codes")).get_unused_codes()[0]
        _password_step(client)
        refused = _code(client, code)
        assert "_auth_user_id" not in client.session
    assert refused.context["form"].has_error("code", "locked")


def test_a_right_code_starts_the_count_again(client, boss):
    with time_machine.travel(START, tick=False) as clock:
        _guess_from_many_addresses(type(client), settings.POKPONG_MFA_LOCKOUT_FAILURES - 1)
        clock.shift(dt.timedelta(minutes=1))
        _password_step(client)
        assert _code(client, totp_code()).status_code == 302
        client.post(reverse("account_logout"))
        clock.shift(dt.timedelta(minutes=1))
        _guess_from_many_addresses(type(client), 1, start=50)
        clock.shift(dt.timedelta(minutes=1))
        _password_step(client)
        assert _code(client, totp_code()).status_code == 302


def test_two_factor_secrets_are_not_stored_in_clear(boss):
    RecoveryCodes.activate(boss)
    rows = list(Authenticator.objects.filter(user=boss).values_list("data", flat=True))
    stored = json.dumps(rows)
    assert TEST_TOTP_SECRET not in stored
    totp = Authenticator.objects.get(user=boss, type="totp")
    assert secret_decrypt(totp.data["secret"]) == TEST_TOTP_SECRET
    recovery = Authenticator.objects.get(user=boss, type="recovery_codes")
    assert secret_decrypt(recovery.data["seed"]) not in stored


def test_secrets_stored_in_clear_before_still_work_and_get_encrypted(client):
    user = UserFactory(username="boss", roles=[Role.PROVINCIAL_MANAGER])
    Authenticator.objects.create(user=user, type="totp", data={"secret": TEST_TOTP_SECRET})
    _password_step(client)
    assert _code(client, totp_code()).status_code == 302
    assert authenticators_reencrypt() == 1
    assert Authenticator.objects.get(user=user).data["secret"] != TEST_TOTP_SECRET
    assert TOTP(Authenticator.objects.get(user=user)).validate_code(_wrong(1)) is False


def test_key_rotation_reencrypts_the_secrets_with_the_new_key(settings, boss):
    from pokpong.accounts.mfa import authenticators_rotate
    from pokpong.core.crypto import new_key

    old = Authenticator.objects.get(user=boss).data["secret"]
    settings.POKPONG_FIELD_KEYS = [new_key(), *settings.POKPONG_FIELD_KEYS]
    call_command("rotate_field_keys", stdout=StringIO())
    again = authenticators_rotate(dry_run=True, batch_size=100)["two-factor secrets"]
    assert (again.rotated, again.current) == (0, 1)
    settings.POKPONG_FIELD_KEYS = settings.POKPONG_FIELD_KEYS[:1]
    new = Authenticator.objects.get(user=boss).data["secret"]
    assert new != old
    assert secret_decrypt(new) == TEST_TOTP_SECRET


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pokpong_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    caches.close_all()
    yield
    caches.close_all()


def test_a_code_used_once_is_refused_by_another_worker(database_cache, boss):
    code = totp_code()
    first_worker = TOTP(Authenticator.objects.get(user=boss, type="totp"))
    assert first_worker.validate_code(code)
    # Another process: a new connection to the shared cache, sharing nothing in memory.
    other = DatabaseCache("pokpong_test_cache", {})
    assert other.get(first_worker._get_used_cache_key(code)) == "y"
    del caches["default"]
    assert isinstance(caches["default"], DatabaseCache)
    second_worker = TOTP(Authenticator.objects.get(user=boss, type="totp"))
    assert not second_worker.validate_code(code)


def test_production_shares_the_database_cache_by_default(monkeypatch):
    from config.env import cache_from_env

    monkeypatch.delenv("POKPONG_CACHE_URL", raising=False)
    config = cache_from_env("POKPONG_CACHE_URL", default="db://pokpong_cache")
    assert config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("POKPONG_CACHE_URL", "memcached://nowhere")
    with pytest.raises(Exception, match="POKPONG_CACHE_URL"):
        cache_from_env("POKPONG_CACHE_URL", default="db://pokpong_cache")


def test_the_production_settings_use_the_database_cache():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "p" * 30 + "roduction-settings-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "pokpong.example.la",
        "POKPONG_AUDIT_KEY": "a" * 20 + "udit-key-for-the-check-0123",
        "POKPONG_BLIND_INDEX_KEY": "b" * 20 + "lind-index-key-for-check-01",
        "POKPONG_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY=",
        "POKPONG_SITE_URL": "https://pokpong.example.la",
    }
    env.pop("POKPONG_CACHE_URL", None)
    code = "import config.settings.production as p; print(p.CACHES['default']['BACKEND'])"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
