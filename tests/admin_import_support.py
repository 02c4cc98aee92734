"""Shared helpers of the admin import tests (no tests here): users, files, upload and confirm.

Kept in one module so that each `test_admin_import_*.py` file states only its behaviours;
conftest.py registers it as a plugin, so its fixtures need no import.
"""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import user_factory
from tests.sample_editorials import editorial_variant

UPLOAD_URL = "/admin/imports/importbatch/upload/"
# Tasks queued in the database, as on a server, for the tests of what happens until a worker
# runs them (the suite's settings run tasks the moment they are queued).
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}
}


def input_time(day: int) -> str:
    return f"2026-01-{day:02} 09:00:00"


def editorial(day: int, **changes) -> str:
    """A valid editorial; its Input day makes it a distinct article."""
    return editorial_variant(input_time=input_time(day), **changes)


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def zip_file(name: str, members: dict[str, str | bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def importer_user():
    """A staff member holding the import permission."""
    user = user_factory("staff")
    user.user_permissions.add(Permission.objects.get(codename="add_importbatch"))
    return user


@pytest.fixture
def import_settings(settings, tmp_path):
    """Held uploads in a temporary folder; the import runs inside the request, as tasks do in
    the tests (tests/settings.py)."""
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings


@pytest.fixture
def staff_client(client, import_settings):
    user = importer_user()
    client.force_login(user)
    client.user = user
    return client


def work() -> None:
    """Run every queued task, as `manage.py db_worker --batch` does, then return."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, queue_name="*", reload=False, startup_delay=False)


def upload(client, *files, follow=True):
    """Upload files and return the preview page response (its URL is `response.preview_url`)."""
    response = client.post(UPLOAD_URL, {"files": list(files)}, follow=follow)
    if follow and response.redirect_chain:
        response.preview_url = response.redirect_chain[-1][0]
    return response


def confirm(client, preview_url, follow=True):
    return client.post(preview_url, follow=follow)
