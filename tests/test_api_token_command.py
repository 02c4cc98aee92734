"""`manage.py api_token USERNAME` (issue 12): a new token for scripts, alone on stdout."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from people.models import ApiToken
from tests.factories import user_factory

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parent.parent


def api_token(*args) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_token_alone_that_signs_its_account_in():
    alice = user_factory("editor", username="alice")

    printed = api_token("alice")

    token = printed.strip()
    assert printed == token + "\n" and token.startswith("ea_") and " " not in token
    assert ApiToken.objects.get(user=alice).name == "manage.py api_token"
    response = Client().get("/api/articles/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_the_command_names_the_token_and_makes_it_read_only_when_asked():
    alice = user_factory("editor", username="alice")

    token = api_token("alice", "--name", "  nightly   export ", "--read-only").strip()

    row = ApiToken.objects.get(user=alice)
    assert (row.name, row.read_only) == ("nightly export", True)
    response = Client().post("/api/articles/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_an_unknown_user_is_an_error_naming_them():
    with pytest.raises(CommandError, match="no account with the username “nobody”"):
        api_token("nobody")
    assert not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token():
    user_factory("editor", username="alice", is_active=False)

    with pytest.raises(CommandError, match="not active"):
        api_token("alice")


def test_a_name_the_page_refuses_is_refused():
    user_factory("editor", username="alice")

    with pytest.raises(CommandError, match="at most 100 characters"):
        api_token("alice", "--name", "x" * 101)


@pytest.mark.django_db(transaction=True)
def test_the_token_can_be_captured_from_a_shell():
    """`TOKEN=$(manage.py api_token alice)` keeps the token and nothing else."""
    from django.conf import settings

    user_factory("editor", username="alice")
    database = settings.DATABASES["default"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    if database["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    else:
        host = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
        account = f"{database['USER']}:{database['PASSWORD']}"
        env["DATABASE_URL"] = f"postgres://{account}@{host}/{database['NAME']}"

    shell = subprocess.run(
        ["sh", "-c", f'TOKEN=$({sys.executable} manage.py api_token alice) && printf %s "$TOKEN"'],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert shell.stdout.startswith("ea_") and shell.stdout.isprintable()
    assert ApiToken.objects.get().prefix == shell.stdout[:10]
