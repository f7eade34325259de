"""Main path of identity and access: an administrator signs in with a code and adds a user."""

import pytest

from pokpong.accounts.models import Role, User
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, totp_code, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from tests.browser.conftest import PHONE, screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_an_administrator_signs_in_with_a_code_and_creates_a_user(phone, live_server):
    with_totp(UserFactory(username="admin", roles=[Role.ADMINISTRATOR]))
    organisation = OrganisationFactory(name_lo="ຫ້ອງການແຮງງານ ເມືອງໄກສອນ")

    phone.goto(f"{live_server.url}/")
    screenshot(phone, "sign-in")
    phone.fill("input[name=login]", "admin")
    phone.fill("input[name=password]", "correct horse battery staple")
    phone.click("main button[type=submit]")

    phone.wait_for_selector("input[name=code]")
    screenshot(phone, "two-factor")
    phone.fill("input[name=code]", totp_code())
    phone.click("main button[type=submit]:has-text('ເຂົ້າສູ່ລະບົບ')")

    phone.click("summary.menu-button")  # the menu is behind a button on a phone
    phone.click("nav >> text=ຜູ້ໃຊ້")
    phone.click("text=ຜູ້ໃຊ້ໃໝ່")
    phone.fill("input[name=username]", "vilay")
    phone.fill("input[name=first_name]", "Vilay")
    phone.fill("input[name=last_name]", "Inthavong")
    phone.fill("input[name=display_name_lo]", "ວິໄລ ອິນທະວົງ")
    phone.select_option("select[name=organisation]", str(organisation.pk))
    phone.click("main button[type=submit]:has-text('ບັນທຶກ')")

    phone.wait_for_selector(".secret-box code")
    temporary = phone.inner_text(".secret-box code")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "temporary-password")
    user = User.objects.get(username="vilay")
    assert user.check_password(temporary)
    assert user.must_change_password
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(user.pk)).exists()

    phone.click("text=ສຳເລັດ")
    phone.wait_for_selector("h1:has-text('vilay')")
    screenshot(phone, "user-detail")


def test_a_new_user_must_replace_the_temporary_password(phone, live_server):
    UserFactory(username="keo", roles=[Role.CASE_WORKER], must_change_password=True)
    phone.goto(f"{live_server.url}/")
    phone.fill("input[name=login]", "keo")
    phone.fill("input[name=password]", "correct horse battery staple")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("input[name=password1]")
    screenshot(phone, "change-password")
    new = "ດອກຈຳປາ ບານ ຢູ່ ປາກເຊ"
    phone.fill("input[name=oldpassword]", "correct horse battery staple")
    phone.fill("input[name=password1]", new)
    phone.fill("input[name=password2]", new)
    phone.click("main button[type=submit]")
    phone.wait_for_selector("h1:has-text('ຍິນດີຕ້ອນຮັບ')")
    assert not User.objects.get(username="keo").must_change_password
