"""Settings from the environment, and the demo sign-in that `make run` prints."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

PROJECT = Path(__file__).resolve().parent.parent


# Variables a developer's or CI's shell may have set, which these tests choose for themselves.
CHOSEN_HERE = {
    "DEBUG",
    "SECRET_KEY",
    "PG_RANDOM_PAGE_COST",
    "DJANGO_SETTINGS_MODULE",
    # The browser tests set it for Playwright; check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
A_PRODUCTION_KEY = "k3y-for-tests-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2


def settings_in_subprocess(env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    """Import the settings with the given environment (DEBUG on unless it says otherwise) and
    print one expression."""
    clean = {k: v for k, v in os.environ.items() if k not in CHOSEN_HERE}
    return subprocess.run(
        [sys.executable, "-c", f"from editorial_archive import settings; print({expression})"],
        cwd=PROJECT,
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_development_secret_key():
    result = settings_in_subprocess({"DEBUG": "0"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_with_a_secret_key_uses_compressed_manifest_static_files():
    result = settings_in_subprocess(
        {"DEBUG": "0", "SECRET_KEY": A_PRODUCTION_KEY},
        "settings.STORAGES['staticfiles']['BACKEND']",
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_database_url_selects_the_database():
    result = settings_in_subprocess(
        {"DATABASE_URL": "postgres://someone@db.example:5433/archive"},
        "settings.DATABASES['default']['HOST'], settings.DATABASES['default']['NAME']",
    )
    assert result.stdout.strip() == "db.example archive"


@pytest.mark.parametrize(
    ("setting", "options"),
    [
        ({}, "-c random_page_cost=1.1"),
        ({"PG_RANDOM_PAGE_COST": "2"}, "-c random_page_cost=2.0"),
        ({"PG_RANDOM_PAGE_COST": ""}, "None"),
    ],
)
def test_postgresql_is_told_that_random_reads_are_cheap_unless_left_to_the_server(setting, options):
    result = settings_in_subprocess(
        {"DATABASE_URL": "postgres://someone@db.example:5433/archive", **setting},
        "settings.DATABASES['default'].get('OPTIONS', {}).get('options')",
    )
    assert result.stdout.strip() == options


@pytest.mark.django_db
def test_demo_accounts_creates_an_editor_who_can_sign_in(client, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    assert "username 'editor' and password 'editorial-archive'" in out.getvalue()
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.change_article")
    assert not editor.has_perm("articles.delete_article")
    response = client.post(
        "/accounts/login/", {"username": "editor", "password": "editorial-archive"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_accounts_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("demo_accounts", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_editor_may_use_the_admin_import(settings):
    settings.DEBUG = True
    call_command("demo_accounts", stdout=io.StringIO())
    assert get_user_model().objects.get(username="editor").has_perm("imports.add_importbatch")


@pytest.mark.django_db
def test_demo_accounts_annotate_and_moderate_through_their_groups(settings):
    """Staff alone grants no annotation power: the demo accounts hold theirs by group."""
    settings.DEBUG = True
    call_command("demo_accounts", stdout=io.StringIO())
    users = get_user_model().objects
    editor, moderator = users.get(username="editor"), users.get(username="moderator")
    assert set(editor.groups.values_list("name", flat=True)) == {"Editors"}
    assert editor.has_perm("annotations.add_annotation")
    assert not editor.has_perm("annotations.moderate_annotation")
    assert set(moderator.groups.values_list("name", flat=True)) == {"Moderators"}
    assert moderator.has_perm("annotations.moderate_annotation")
    assert not moderator.is_staff


@pytest.mark.django_db
def test_demo_accounts_reset_an_older_demo_editor_to_the_editor_role(settings):
    from django.contrib.auth.models import Group, Permission

    settings.DEBUG = True
    older = get_user_model().objects.create_user(username="editor", is_staff=True)
    older.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    older.user_permissions.add(Permission.objects.get(codename="change_annotation"))
    call_command("demo_accounts", stdout=io.StringIO())
    editor = get_user_model().objects.get(username="editor")
    assert set(editor.groups.values_list("name", flat=True)) == {"Editors"}
    assert not editor.has_perm("annotations.change_annotation")
    assert editor.has_perm("imports.add_importbatch")
