"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls in test bodies are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def sign_in(live_server, page):
    """`sign_in(username, password)` through the real sign-in form; returns the page."""

    def do(username, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("[data-testid=sign-in]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do


def sign_out(page):
    page.click("[data-testid=sign-out]")
    expect(page.locator("[data-testid=sign-out]")).to_have_count(0)


@pytest.fixture
def page_errors(page):
    """(console errors, failed loads) seen by the page: CSP refusals and script errors show in
    the console; failed loads are checked by URL (the browser's /favicon.ico probe is ignored)."""
    console_errors, failed_loads = [], []
    page.on(
        "console",
        lambda msg: msg.type == "error"
        and not msg.text.startswith("Failed to load resource")
        and console_errors.append(msg.text),
    )
    page.on(
        "response",
        lambda r: r.status >= 400
        and not r.url.endswith("/favicon.ico")
        and failed_loads.append(r.url),
    )
    return console_errors, failed_loads
