"""Sign-in: username or e-mail, lockout per username and address, two-factor, forced change."""

import datetime as dt

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.services import user_password_reset
from pokpong.accounts.tests.factories import UserFactory, totp_code, with_totp
from pokpong.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
LOGIN = reverse("account_login")


def _sign_in(client, login: str, password: str = PASSWORD, address: str = "10.20.0.1"):
    return client.post(LOGIN, {"login": login, "password": password}, REMOTE_ADDR=address)


def test_sign_in_with_username_or_email(client):
    UserFactory(username="noy", email="noy@example.la", roles=[Role.CASE_WORKER])
    assert _sign_in(client, "noy").url == reverse("desk:home")
    client.post(reverse("account_logout"))
    assert _sign_in(client, "NOY@example.la").url == reverse("desk:home")
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN).count() == 2


def test_a_wrong_password_is_refused_and_audited(client):
    UserFactory(username="noy")
    response = _sign_in(client, "noy", "not the password at all")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.extra == {"login": "noy"}
    assert entry.ip_address == "10.20.0.1"


def test_repeated_failures_lock_that_username_from_that_address_only(client):
    UserFactory(username="noy")
    UserFactory(username="keo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "noy", "wrong guess number")
    locked = _sign_in(client, "noy")  # even the right password
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT).exists()
    # Many phones share one carrier address: other users there are not locked out...
    assert _sign_in(client, "keo").status_code == 302
    client.post(reverse("account_logout"))
    # ...and the same user from another address can still sign in.
    assert _sign_in(client, "noy", address="10.99.0.7").status_code == 302


def test_an_administrator_unlocks_a_locked_account(client, administrator):
    noy = UserFactory(username="noy")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "noy", "wrong guess number")
    assert _sign_in(client, "noy").status_code == 429

    admin_client = type(client)()
    admin_client.force_login(administrator)
    detail = admin_client.get(reverse("accounts:user_detail", args=[noy.pk]))
    assert detail.context["is_locked"]
    admin_client.post(reverse("accounts:user_unlock", args=[noy.pk]))
    assert _sign_in(client, "noy").status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.UNLOCK, object_id=str(noy.pk)).exists()


def test_long_passphrases_are_accepted(client):
    passphrase = "ມ່ວນຊື່ນ ນ້ຳຂອງ ໄຫຼຜ່ານ ວຽງຈັນ " * 8
    user = UserFactory(username="noy", password=passphrase)
    assert len(passphrase) > 200
    assert _sign_in(client, "noy", passphrase).status_code == 302
    assert user.pk


def test_managers_without_an_authenticator_must_set_one_up_first(client):
    UserFactory(username="manager", roles=[Role.PROVINCIAL_MANAGER])
    _sign_in(client, "manager")
    response = client.get(reverse("desk:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password once more before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(response.url, {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert client.get(reverse("desk:home")).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.PROVINCIAL_MANAGER, Role.NATIONAL_SECRETARIAT, Role.ADMINISTRATOR]
)
def test_roles_that_require_two_factor_must_give_a_code(client, role):
    with_totp(UserFactory(username="boss", roles=[role]))
    response = _sign_in(client, "boss")
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == 302
    assert client.get(reverse("desk:home")).status_code == 200


def test_case_workers_are_not_forced_to_use_two_factor(client):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    _sign_in(client, "noy")
    assert client.get(reverse("desk:home")).status_code == 200


def test_after_an_administrator_reset_the_user_must_choose_a_new_password(client):
    noy = UserFactory(username="noy", roles=[Role.CASE_WORKER])
    temporary = user_password_reset(user=noy)
    _sign_in(client, "noy", temporary)
    response = client.get(reverse("desk:home"))
    assert response.url == reverse("account_change_password")
    new = "ນ້ຳຕົກຕາດ ຄອນພະເພັງ ງາມຫຼາຍ"
    client.post(
        reverse("account_change_password"),
        {"oldpassword": temporary, "password1": new, "password2": new},
    )
    noy.refresh_from_db()
    assert not noy.must_change_password
    assert noy.check_password(new)
    assert client.get(reverse("desk:home")).status_code == 200


def test_an_idle_session_expires(client):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        _sign_in(client, "noy")
        clock.shift(dt.timedelta(minutes=20))
        assert client.get(reverse("desk:home")).status_code == 200  # activity renews it
        clock.shift(dt.timedelta(minutes=settings.SESSION_COOKIE_AGE // 60 + 1))
        response = client.get(reverse("desk:home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_sign_out_everywhere_ends_the_sessions_on_other_devices(client):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    phone = type(client)()
    _sign_in(client, "noy")
    _sign_in(phone, "noy")
    assert phone.get(reverse("desk:home")).status_code == 200
    client.post(reverse("accounts:sign_out_everywhere"))
    assert phone.get(reverse("desk:home")).status_code == 302
    assert client.get(reverse("desk:home")).status_code == 302
    assert not UserSession.objects.filter(user__username="noy").exists()


def test_self_service_password_reset_by_email_is_off(client):
    response = client.get(reverse("account_reset_password"))
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/password_reset_off.html"


def test_nobody_can_sign_themselves_up(client):
    response = client.post(
        reverse("account_signup"),
        {"username": "intruder", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    from pokpong.accounts.models import User

    assert not User.objects.filter(username="intruder").exists()


def test_passwords_are_hashed_with_argon2_outside_the_test_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_password_typed_as_the_login_is_kept_nowhere(client):
    from axes.models import AccessAttempt, AccessFailureLog

    UserFactory(username="noy")
    typed = "Secr3t-Passw0rd-typed-in-the-wrong-box"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _sign_in(client, typed, "whatever was typed here")
    entries = AuditEntry.objects.filter(action__in=[AuditAction.LOGIN_FAILED, AuditAction.LOCKOUT])
    assert entries.exists()
    kept = [str(e.extra) + str(e.changes) + e.object_label for e in AuditEntry.objects.all()]
    kept += [str(vars(a)) for a in AccessAttempt.objects.all()]
    kept += [str(vars(a)) for a in AccessFailureLog.objects.all()]
    assert not any(typed.lower() in text.lower() for text in kept)
    assert {e.extra["login"] for e in entries} == {"(unknown)"}


def test_an_email_typed_as_the_login_is_audited_and_locked_as_the_account(client):
    UserFactory(username="noy", email="noy@example.la")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "NOY@example.la", "wrong guess number")
    assert _sign_in(client, "noy").status_code == 429
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert {e.extra["login"] for e in failed} == {"noy"}
