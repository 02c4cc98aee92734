"""Secure defaults: DEBUG off unless asked for, no weak key with DEBUG off, a clean
`check --deploy` with the README's production variables, and a Content-Security-Policy."""

import os
import subprocess
import sys

import pytest

from tests.factories import article_factory
from tests.test_settings_and_accounts import (
    A_PRODUCTION_KEY,
    CHOSEN_HERE,
    PROJECT,
    settings_in_subprocess,
)

# What the README's "Serving in production" section sets.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": A_PRODUCTION_KEY,
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
    "DATABASE_URL": "postgres://archive@127.0.0.1:5432/archive",
    "TRUSTED_PROXY_COUNT": "1",
}


def test_debug_is_off_when_the_environment_does_not_set_it():
    clean = {k: v for k, v in os.environ.items() if k not in CHOSEN_HERE}
    result = subprocess.run(
        [sys.executable, "-c", "from editorial_archive import settings; print(settings.DEBUG)"],
        cwd=PROJECT,
        env={**clean, "SECRET_KEY": A_PRODUCTION_KEY},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "it is empty"),
        ("x", "it has 1 characters, and at least 50 are needed"),
        ("s3cr3t-but-only-forty-nine-characters-long-123456", "at least 50 are needed"),
        ("ab" * 40, "it uses 2 different characters"),
        ("django-insecure-" + "q7" * 30, "the development key"),
    ],
)
def test_debug_off_refuses_to_start_with_a_weak_secret_key(key, reason):
    result = settings_in_subprocess({"DEBUG": "0", "SECRET_KEY": key}, "settings.DEBUG")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
    assert reason in result.stderr


def test_debug_on_without_a_key_uses_the_development_key():
    result = settings_in_subprocess({}, "settings.SECRET_KEY.startswith('django-insecure')")
    assert result.stdout.strip() == "True", result.stderr


def test_check_deploy_is_clean_with_the_readme_production_variables():
    clean = {k: v for k, v in os.environ.items() if k not in CHOSEN_HERE}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("settings.SECURE_SSL_REDIRECT", "True"),
        ("settings.SECURE_PROXY_SSL_HEADER", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("settings.SECURE_HSTS_SECONDS >= 31536000", "True"),
        ("settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
    ],
)
def test_production_serves_https_only(expression, value):
    result = settings_in_subprocess(PRODUCTION_ENV, expression)
    assert result.stdout.strip() == value, result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_policy_that_allows_no_inline_script(client):
    article = article_factory()
    for url in ("/", article.get_absolute_url(), "/search/?q=summit", "/accounts/login/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert directives["object-src"] == "'none'", url
        assert directives["frame-ancestors"] == "'none'", url


@pytest.mark.parametrize(
    ("count", "order"),
    [("0", "('REMOTE_ADDR',)"), ("1", "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')")],
)
def test_the_forwarded_for_header_counts_only_behind_trusted_proxies(count, order):
    result = settings_in_subprocess(
        {"TRUSTED_PROXY_COUNT": count}, "settings.AXES_IPWARE_META_PRECEDENCE_ORDER"
    )
    assert result.stdout.strip() == order, result.stderr
