"""Shared fixtures: query counting, reading list pages, and a real Chromium for browser tests."""

import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The admin import tests' fixtures (`import_settings`, `staff_client`), declared once.
pytest_plugins = ["tests.admin_import_support"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Skip browser tests where there is no Chromium, unless BROWSER_TESTS=required (CI)."""
    if Path(CHROMIUM).exists() or os.environ.get("BROWSER_TESTS") == "required":
        return
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}; set BROWSER_TESTS=required to make this an error"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: a page cached by one test never answers another."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield


@pytest.fixture
def editor(client):
    """An editor, signed in on the test client."""
    from tests.factories import user_factory

    user = user_factory("editor")
    client.force_login(user)
    return user


@pytest.fixture
def count_queries(db):
    """Return a function that calls `action()` and returns how many queries it ran."""

    def count(action) -> int:
        with CaptureQueriesContext(connection) as context:
            action()
        return len(context.captured_queries)

    return count


@pytest.fixture
def listed_titles():
    """Return a function giving the editorial titles a list page shows, in page order."""

    def titles(response) -> list[str]:
        return re.findall(r'class="summary-title"><a href="[^"]+">([^<]+)</a>', response.text)

    return titles


@pytest.fixture(scope="session")
def browser():
    """A headless system Chromium for the whole session."""
    # Playwright's sync API keeps an event loop running in this thread; Django would
    # otherwise refuse the ORM calls that tests make between page actions.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies and storage) for one test, which fails the test if
    the Content-Security-Policy refused anything on any page it showed."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    refused = []
    tab.on(
        "console",
        lambda message: (
            refused.append(f"{tab.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()
    assert not refused, "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
