"""API tokens in a real browser: make one, see it once, revoke it; the API's documentation page
loads its scripts from our own origin without breaking the Content-Security-Policy."""

import pytest

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.api.models import ApiToken
from pokpong.api.services import api_token_authenticate
from tests.browser.conftest import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_case_worker_makes_a_token_sees_it_once_and_revokes_it(phone, live_server):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    sign_in(phone, live_server, "noy")
    phone.goto(f"{live_server.url}/tokens/")
    phone.click("a[href='/tokens/new/']")
    phone.fill("input[name=name]", "Tablet of the Savannakhet office")
    phone.select_option("select[name=access]", "read_write")
    phone.click("main button[type=submit]")

    phone.wait_for_selector("[data-token-secret]")
    secret = phone.inner_text("[data-token-secret]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "api-token-created")
    token = api_token_authenticate(secret)
    assert token is not None and token.name == "Tablet of the Savannakhet office"

    phone.click("main a.button[href='/tokens/']")
    phone.wait_for_selector(".token-list")
    assert secret not in phone.content()
    screenshot(phone, "api-tokens")
    phone.click(".token-list button.button-danger")
    phone.wait_for_selector(".message-success")
    assert ApiToken.objects.get().revoked_at is not None
    assert api_token_authenticate(secret) is None


def test_the_api_documentation_page_runs_under_the_content_security_policy(phone, live_server):
    UserFactory(username="noy", roles=[Role.CASE_WORKER])
    refused: list[str] = []
    phone.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    sign_in(phone, live_server, "noy")
    response = phone.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    phone.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert phone.locator(".swagger-ui .opblock").count() >= 20
    scripts = phone.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert all(src.startswith(live_server.url) for src in scripts), scripts
    assert not refused, refused
