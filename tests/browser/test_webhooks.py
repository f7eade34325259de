"""An administrator adds a webhook for the organisation, copies its secret, sends a test event and
reads the delivery in the log (a local receiver checks the signature)."""

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.exchange.tests.receiver import running_receiver
from pokpong.exchange.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
PENDING = Path(__file__).resolve().parents[2] / "locale" / "pending" / "webhooks.po"


@pytest.fixture
def pending_lao(settings, tmp_path):
    """Until the lead folds locale/pending/webhooks.po into the catalogue, serve it compiled."""
    if PENDING.exists():
        folder = tmp_path / "locale" / "lo" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with PENDING.open("rb") as source, (folder / "django.mo").open("wb") as target:
            write_mo(target, read_po(source))
        settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]


@pytest.fixture
def receiver(settings):
    settings.POKPONG_WEBHOOKS_ALLOW_PRIVATE = True
    settings.POKPONG_WEBHOOKS_ALLOW_HTTP = True
    with running_receiver() as running:
        yield running


def test_an_administrator_adds_a_webhook_and_sees_a_test_delivery_in_the_log(
    phone, live_server, receiver, pending_lao
):
    office = OrganisationFactory(name_lo="ສູນພັກພິງ ແສງຫວັງ", name_en="New Hope Shelter")
    with_totp(UserFactory(username="admin", organisation=office, roles=[Role.ADMINISTRATOR]))
    phone.set_default_timeout(30_000)  # a shared, busy machine
    sign_in(phone, live_server, "admin", code=True)

    phone.click("summary.menu-button")
    phone.click("nav a[href='/exchange/webhooks/']")
    phone.click("main a[href='/exchange/webhooks/new/']")
    phone.fill("input[name=name]", "Shelter case register")
    phone.fill("input[name=url]", receiver.url)
    phone.check("input[name=events][value='referral.sent']")
    phone.check("input[name=events][value='case.closed']")
    phone.click("main form.form button[type=submit]")

    phone.wait_for_selector("[data-testid=webhook-secret]")
    secret = phone.inner_text("[data-testid=webhook-secret]")
    endpoint = WebhookEndpoint.objects.get()
    assert secret == endpoint.secret and endpoint.organisation == office
    assert endpoint.events == ["case.closed", "referral.sent"]
    phone.click("main a.button")

    phone.click("form[action$='/test/'] button")
    phone.wait_for_selector(".delivery-delivered")
    [got] = receiver.requests
    expected = "sha256=" + hmac.new(secret.encode(), got.body, hashlib.sha256).hexdigest()
    assert got.headers["X-Pokpong-Signature"] == expected
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert json.loads(got.body)["delivery"] == str(delivery.uid)
    assert str(delivery.uid) in phone.inner_text(".delivery-log")
    assert "HTTP 200" in phone.inner_text(".delivery-log")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "webhook-deliveries")
