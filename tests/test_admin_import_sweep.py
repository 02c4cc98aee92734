"""Held uploads are swept when they expire: by `manage.py sweep_uploads` on a schedule, and
whenever someone previews or confirms; an upload being imported is kept."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils.timezone import now
from pytest_django.asserts import assertContains

from imports.models import Upload
from tests.admin_import_support import DATABASE_QUEUE, editorial, text_file, upload

pytestmark = pytest.mark.django_db

HOUR = 3600


def held_folders(settings) -> set[str]:
    return {path.name for path in settings.IMPORT_UPLOAD_DIR.iterdir()}


def held_tokens() -> set[str]:
    return set(Upload.objects.values_list("token", flat=True))


def age(token: str, seconds: float) -> None:
    """Make a held upload look as if it was last touched `seconds` ago."""
    then = now() - timedelta(seconds=seconds)
    Upload.objects.filter(token=token).update(created_at=then, touched_at=then)


def token_of(preview) -> str:
    return preview.preview_url.rstrip("/").rsplit("/", 1)[1]


def sweep() -> list[str]:
    out = io.StringIO()
    call_command("sweep_uploads", stdout=out)
    return out.getvalue().splitlines()


def test_sweep_command_removes_expired_uploads_and_keeps_fresh_ones(staff_client, import_settings):
    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    old = token_of(upload(staff_client, text_file("old.txt", editorial(3))))
    fresh = token_of(upload(staff_client, text_file("fresh.txt", editorial(4))))
    age(old, 2 * HOUR)

    lines = sweep()

    assert held_folders(import_settings) == held_tokens() == {fresh}
    assert lines[0].startswith(f"removed {old} (untouched since ")
    assert lines[-1] == "removed 1 expired upload (unconfirmed for 3,600 seconds)"


def test_sweep_command_leaves_what_is_not_a_held_upload(staff_client, import_settings):
    """A misconfigured IMPORT_UPLOAD_DIR must not lose anyone's other files."""
    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    root = import_settings.IMPORT_UPLOAD_DIR
    (root / "keep-me").mkdir(parents=True)
    then = time.time() - 2 * HOUR
    os.utime(root / "keep-me", (then, then))

    assert sweep() == ["removed 0 expired uploads (unconfirmed for 3,600 seconds)"]
    assert held_folders(import_settings) == {"keep-me"}


def test_previewing_sweeps_other_expired_uploads(staff_client, import_settings):
    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    old = token_of(upload(staff_client, text_file("old.txt", editorial(3))))
    preview = upload(staff_client, text_file("fresh.txt", editorial(4)))
    age(old, 2 * HOUR)

    response = staff_client.get(preview.preview_url)

    assertContains(response, "fresh.txt")
    assert held_folders(import_settings) == held_tokens() == {token_of(preview)}


def test_an_upload_being_imported_is_kept_while_it_makes_progress(staff_client, import_settings):
    """A confirmed upload is claimed; the claim is renewed as the import goes."""
    from imports.uploads import held_upload

    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    token = token_of(upload(staff_client, text_file("a.txt", editorial(3))))
    held = held_upload(token=token, user_id=staff_client.user.pk)
    age(token, 2 * HOUR)
    held.claim()

    sweep()
    assert held_folders(import_settings) == held_tokens() == {token}


def test_each_upload_schedules_a_sweep_for_when_it_expires(staff_client, import_settings):
    from django_tasks_db.models import DBTaskResult

    import_settings.TASKS = DATABASE_QUEUE
    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    before = now()
    upload(staff_client, text_file("a.txt", editorial(3)))

    (scheduled,) = DBTaskResult.objects.all()
    assert scheduled.task_path == "imports.tasks.uploads_sweep_task"
    assert before + timedelta(seconds=HOUR) < scheduled.run_after
    assert scheduled.run_after < now() + timedelta(seconds=HOUR + 120)


def test_a_sweep_leaves_the_upload_of_a_running_batch_however_old(staff_client, import_settings):
    from imports.models import ImportBatch

    import_settings.IMPORT_UPLOAD_TTL_SECONDS = HOUR
    import_settings.IMPORT_RESUME_TTL_SECONDS = HOUR
    token = token_of(upload(staff_client, text_file("a.txt", editorial(3))))
    held = Upload.objects.get(token=token)
    ImportBatch.objects.create(created_by=staff_client.user, upload=held, status="running")
    Upload.objects.update(claimed_at=now())
    age(token, 3 * HOUR)

    sweep()

    assert held_tokens() == {token}
    ImportBatch.objects.update(status="interrupted")
    sweep()
    assert held_tokens() == set()
