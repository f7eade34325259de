"""Real-browser tests: Playwright for Python driving Debian's chromium (never a downloaded one)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
PHONE = {"width": 360, "height": 740}
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"  # axe-core, vendored from npm
SKIP_REASON = "browser tests skipped: no chromium on PATH (Debian: apt-get install chromium)"


def pytest_report_header() -> str:
    return f"browser tests: chromium at {CHROMIUM}" if CHROMIUM else SKIP_REASON


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests flush the database after each test: reload the reference lists first."""
    from django.apps import apps

    from tests.reference_data import load_reference_data

    load_reference_data(apps)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are ours.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized page (360×740, touch) in a new browser context."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def accessibility_violations(page: object) -> list[dict[str, object]]:
    """The serious and critical axe-core violations of the page as it is now (WCAG 2.1 AA rules
    and best practices). axe is evaluated through the DevTools protocol, so the page's strict
    Content-Security-Policy stays on and nothing of it is ever served by the app."""
    page.evaluate(AXE.read_text())  # type: ignore[attr-defined]
    found: list[dict[str, object]] = page.evaluate(  # type: ignore[attr-defined]
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""
    )
    return found


def assert_accessible(page: object) -> None:
    """No serious or critical accessibility violation on the page (axe-core)."""
    violations = accessibility_violations(page)
    assert not violations, "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in violations
    )


def screenshot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # The header is sticky: taken from the top, a full-page shot shows it once, at the top.
    page.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def sign_in(page: object, live_server: object, username: str, *, code: bool = False) -> None:
    """Sign in through the real form (and the two-factor step when asked)."""
    page.goto(f"{live_server.url}/")  # type: ignore[attr-defined]
    page.fill("input[name=login]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", "correct horse battery staple")  # type: ignore[attr-defined]
    page.click("main button[type=submit]")  # type: ignore[attr-defined]
    if code:
        from pokpong.accounts.tests.factories import totp_code

        page.wait_for_selector("input[name=code]")  # type: ignore[attr-defined]
        page.fill("input[name=code]", totp_code())  # type: ignore[attr-defined]
        page.click("main button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("h1")  # type: ignore[attr-defined]
