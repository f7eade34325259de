"""Measure 7 of issue 20: first-load weight and Largest Contentful Paint of the main pages on a
slow phone line, in a real browser.

The app runs as in production: gunicorn, DEBUG off, the static files collected by whitenoise's
`CompressedManifestStaticFilesStorage` into a temporary folder (hashed names, gzip and brotli
copies; `bench/weight/settings.py`). Debian's headless Chromium loads each page in a fresh
browser context (no cache, new connections) with the network emulated over the DevTools
protocol: 400 ms latency, 400 kbit/s (50,000 bytes/s) down and up, the browser cache disabled.
A bench user is signed in with a session made directly in the database (no two-factor step).

For each page, after one warm-up load (not counted), `repeat` loads (5 unless
ctx.extra["weight_repeat"] says otherwise):
- the bytes the browser received for every response (HTML, CSS, JS, fonts, images: the
  DevTools `encodedDataLength`, headers included), reported in KB in the samples of a result
  named "(KB, not ms)" against the target of 60 KB; the note splits the bodies by kind;
- LCP, the `largest-contentful-paint` entries (buffered) read once the network is idle,
  in ms against the target of 2.5 s.

    DATABASE_URL=... .venv/bin/python bench/scale/run.py --only weight
    POKPONG_WEIGHT_CPU=4 ... (the same with the processor four times slower: a cheap phone)

Needs `chromium` on PATH (Debian: apt-get install chromium); without it the measure says so and
returns nothing. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scale.harness import Context, Result, percentile

ROOT = Path(__file__).resolve().parents[3]
LATENCY_MS = 400
BYTES_PER_S = 400_000 // 8  # 400 kbit/s
TARGET_KB = 60
TARGET_LCP_MS = 2500
# A slower phone's processor, for a second look (POKPONG_WEIGHT_CPU=4: four times slower, as
# Lighthouse's mobile preset); the measure is the network alone (1).
CPU_SLOWDOWN = float(os.environ.get("POKPONG_WEIGHT_CPU", "1"))
PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# Resolves with the last (largest) LCP entry the page has buffered, or null after 5 s.
LCP_JS = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    resolve({ms: last.startTime, element: last.element ? last.element.tagName.toLowerCase()
             + (last.element.className ? "." + String(last.element.className).split(" ")[0] : "")
             : (last.url || "(removed)")});
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(null), 5000);
})"""


@dataclass
class Page:
    label: str
    path: str
    username: str
    session_key: str = ""


@dataclass
class Load:
    """One first load: bytes per response (headers included) and the LCP."""

    transferred: int = 0
    bodies: dict[str, int] = field(default_factory=dict)  # kind → body bytes
    encodings: set[str] = field(default_factory=set)
    statuses: list[int] = field(default_factory=list)
    lcp_ms: float | None = None
    lcp_element: str = ""
    html_ms: float | None = None  # request sent → HTML headers in (the 400 ms latency included)


def _kind(url: str, mime: str) -> str:
    path = url.split("?", 1)[0]
    if path.endswith(".css") or "css" in mime:
        return "CSS"
    if path.endswith(".js") or "javascript" in mime:
        return "JS"
    if path.endswith((".woff2", ".woff", ".ttf")) or "font" in mime:
        return "font"
    if "html" in mime:
        return "HTML"
    if mime.startswith("image/"):
        return "image"
    return "other"


# --- the pages and who reads them (the ORM: before the browser's event loop starts) -----------


def _pages() -> list[Page]:
    from allauth.mfa.utils import is_mfa_enabled
    from django.urls import reverse

    from pokpong.accounts.models import Role, User
    from pokpong.accounts.policy import (
        can_screen_person,
        can_view_dashboard,
        cases_fully_visible_to,
        requires_mfa,
        roles_of,
    )
    from pokpong.cases.models import Case

    users = list(User.objects.filter(is_active=True).order_by("username"))

    def usable(user: User) -> bool:
        if user.must_change_password:
            return False
        return not requires_mfa(user) or is_mfa_enabled(user, ["totp"])

    # A bench case worker when the generator made them (bench.case_worker.VT), else any.
    workers = sorted(
        (u for u in users if Role.CASE_WORKER in roles_of(u) and usable(u)),
        key=lambda u: (not u.username.startswith("bench.case_worker."), u.username),
    )
    for worker in workers:
        case = (
            cases_fully_visible_to(worker, Case.objects.select_related("person"))
            .order_by("-pk")
            .first()
        )
        if case is not None and can_screen_person(worker, case.person):
            break
    else:
        raise RuntimeError("no case worker with a case in the database: seed or generate first")
    reader = next((u for u in users if can_view_dashboard(u) and usable(u)), None)
    person = case.person
    pages = [
        Page("home", reverse("desk:home"), worker.username),
        Page("inbox", reverse("desk:inbox"), worker.username),
        Page("person list", reverse("people:list"), worker.username),
        Page("person page", reverse("people:detail", args=[person.pk]), worker.username),
        Page("case list", reverse("cases:case_list"), worker.username),
        Page("case page", reverse("cases:case_detail", args=[case.pk]), worker.username),
        Page("new person form", reverse("people:register"), worker.username),
        Page("screening form", reverse("cases:screening_new", args=[person.pk]), worker.username),
    ]
    if reader is not None:
        pages.append(Page("dashboard", reverse("monitoring:dashboard"), reader.username))
    return pages


def _sign_in(pages: list[Page]) -> None:
    """A session straight in the database for each user (what a sign-in with two-factor leaves)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from pokpong.accounts.models import User

    keys: dict[str, str] = {}
    for page in pages:
        if page.username not in keys:
            user = User.objects.get(username=page.username)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys[page.username] = str(session.session_key)
        page.session_key = keys[page.username]


# --- the server ------------------------------------------------------------------------------


def _env(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.weight.settings",
        POKPONG_WEIGHT_STATIC_ROOT=static_root,
        PYTHONPATH=str(ROOT),
    )
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving() -> Iterator[str]:
    """Collect the static files as production does, start gunicorn, yield its address."""
    with tempfile.TemporaryDirectory(prefix="pokpong-weight-") as static_root:
        env = _env(static_root)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 (a fixed command)
            [
                *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
                # One process, so that the warm-up load fills the one local-memory cache (the
                # dashboard's cold first request is measure 4's business, not this one's).
                *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
                *("--worker-class", "gthread", "--threads", "8", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(f"{base}/health/", server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a request still waiting on the database
                server.kill()
                server.wait()


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our http://127.0.0.1)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within 60 s")


# --- the browser -----------------------------------------------------------------------------


def first_load(browser: Any, base: str, page: Page, *, cookie_name: str) -> Load:
    """One first load of the page over the emulated phone line, in a fresh context."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True)
    context.add_cookies([{"name": cookie_name, "value": page.session_key, "url": base}])
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": BYTES_PER_S,
            "uploadThroughput": BYTES_PER_S,
        },
    )
    if CPU_SLOWDOWN > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sent: dict[str, float] = {}
    responses: dict[str, dict[str, Any]] = {}
    finished: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: sent.setdefault(e["requestId"], e["timestamp"]))
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e))
    cdp.on(
        "Network.loadingFinished",
        lambda e: finished.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    load = Load()
    try:
        tab.goto(base + page.path, wait_until="load", timeout=60_000)
        tab.wait_for_load_state("networkidle", timeout=60_000)
        lcp = tab.evaluate(LCP_JS)
        if lcp:
            load.lcp_ms, load.lcp_element = float(lcp["ms"]), str(lcp["element"])
        if tab.url.split("?")[0] != base + page.path:
            raise RuntimeError(f"{page.label}: {page.path} went to {tab.url} (not signed in?)")
    finally:
        context.close()
    for request_id, total in finished.items():
        event = responses.get(request_id)
        if event is None:  # e.g. a data: URL
            continue
        response = event["response"]
        headers = {k.lower(): v for k, v in response["headers"].items()}
        body = max(0, total - int(response.get("encodedDataLength", 0)))
        kind = _kind(response["url"], response.get("mimeType", ""))
        load.transferred += total
        load.bodies[kind] = load.bodies.get(kind, 0) + body
        load.statuses.append(int(response["status"]))
        if "content-encoding" in headers:
            load.encodings.add(headers["content-encoding"])
        if kind == "HTML" and load.html_ms is None and request_id in sent:
            load.html_ms = (float(event["timestamp"]) - sent[request_id]) * 1000
    return load


def measure(pages: list[Page], base: str, repeat: int) -> dict[str, list[Load]]:
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    found: dict[str, list[Load]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        try:
            for page in pages:
                first_load(browser, base, page, cookie_name=settings.SESSION_COOKIE_NAME)  # warm
                found[page.label] = [
                    first_load(browser, base, page, cookie_name=settings.SESSION_COOKIE_NAME)
                    for _ in range(repeat)
                ]
        finally:
            browser.close()
    return found


def _kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def results(found: dict[str, list[Load]]) -> list[Result]:
    out: list[Result] = []
    for label, loads in found.items():
        kinds = sorted({k for load in loads for k in load.bodies})
        parts = ", ".join(
            f"{kind} {_kb(percentile([ld.bodies.get(kind, 0) for ld in loads], 50) or 0)}"
            for kind in kinds
        )
        bodies = percentile([sum(ld.bodies.values()) for ld in loads], 50) or 0
        encodings = "/".join(sorted({e for ld in loads for e in ld.encodings})) or "none"
        out.append(
            Result(
                measure=f"7. first-load weight (KB, not ms), {label}",
                samples_ms=[load.transferred / 1024 for load in loads],
                target=f"≤ {TARGET_KB} KB",
                target_ms=TARGET_KB,
                note=(
                    f"KB received with headers; bodies {_kb(bodies)} KB = {parts} "
                    f"({len(loads[0].statuses)} responses, {encodings})"
                ),
            )
        )
        elements = sorted({ld.lcp_element for ld in loads if ld.lcp_element})
        html_ms = percentile([ld.html_ms for ld in loads if ld.html_ms is not None], 50)
        cpu = f", CPU {CPU_SLOWDOWN:g}× slower" if CPU_SLOWDOWN > 1 else ""
        out.append(
            Result(
                measure=f"7. LCP at 400 kbit/s, 400 ms latency{cpu}, {label}",
                samples_ms=[ld.lcp_ms for ld in loads if ld.lcp_ms is not None],
                target=f"p95 ≤ {TARGET_LCP_MS:,} ms",
                target_ms=TARGET_LCP_MS,
                note=(
                    f"largest element: {', '.join(elements) or '?'}; HTML headers in after "
                    f"{html_ms or 0:,.0f} ms (p50, {LATENCY_MS} ms of it the latency)"
                ),
            )
        )
    return out


def run(ctx: Context) -> list[Result]:
    if not shutil.which("chromium"):
        print("weight: no chromium on PATH (Debian: apt-get install chromium): skipped")
        return []
    from django.contrib.sessions.models import Session

    pages = _pages()
    # POKPONG_WEIGHT_PAGES="case page,person page": only those (e.g. on a shared database).
    only = {p.strip() for p in os.environ.get("POKPONG_WEIGHT_PAGES", "").split(",") if p.strip()}
    pages = [page for page in pages if not only or page.label in only]
    _sign_in(pages)
    repeat = int(ctx.extra.get("weight_repeat", 5))
    # Playwright's sync API runs an event loop in this thread; the ORM work is done above.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with serving() as base:
            found = measure(pages, base, repeat)
    finally:  # the bench sessions go (the pages' audit entries stay, as for any reader)
        Session.objects.filter(session_key__in={page.session_key for page in pages}).delete()
    return results(found)
