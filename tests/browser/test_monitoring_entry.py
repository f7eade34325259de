"""The M&E officer on a phone: the indicator catalogue, a value entered by hand and a target."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.monitoring.models import ManualValue, Target
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_the_me_officer_enters_a_value_and_sets_a_target(phone, live_server):
    UserFactory(username="me", organisation=None, roles=[Role.ME_OFFICER])
    sign_in(phone, live_server, "me")
    phone.goto(f"{live_server.url}/me/catalogue/")
    phone.wait_for_selector("text=PS.5.2-23")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "indicator-catalogue")

    phone.click("text=PS.5.2-23")
    phone.wait_for_selector("input[name=value-period]")
    phone.fill("input[name=value-period]", "FY2027Q1")
    phone.fill("input[name=value-value]", "1")
    phone.fill("input[name=value-note]", "ແຜນດຳເນີນງານແຫ່ງຊາດ")
    phone.click("form[action$='/values/'] button[type=submit]")
    phone.wait_for_selector(".message-success")
    value = ManualValue.objects.get()
    assert (value.period, value.value, value.entered_by.username) == ("FY2027Q1", 1, "me")

    phone.fill("input[name=target-period]", "FY2027")
    phone.fill("input[name=target-value]", "2")
    phone.click("form[action$='/targets/'] button[type=submit]")
    phone.wait_for_selector(".message-success")
    assert Target.objects.get().value == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "indicator-entry")
