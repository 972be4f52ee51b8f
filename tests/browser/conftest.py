"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), never a download."""

import os
import shutil
import threading

import pytest
from django.core.management import call_command

from tests.conftest import skip_or_fail

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the live server's database access
# happens in its own thread, and the test's own ORM calls are synchronous by design.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """A live server on a free port over the demo content, loaded and committed once for the
    whole test module, emptied (`flush`, as after a transactional test) when the module ends.

    For tests that only read the demo through the browser: they take this fixture instead of
    `live_server` (which empties the database after every test) and need no database mark.
    A test that writes must use `live_server` and load its own data."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            # Requests still closing their kept-alive connections let go of the database first
            # (on SQLite in memory they share the tests' connection, until `stop()`).
            for thread in threading.enumerate():
                if thread.name.endswith("(process_request_thread)"):
                    thread.join(timeout=10)
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
