"""An interrupted admin import is resumed (only the files it had not recorded) or undone (only
those it had); a worker that lost its batch to a resume stops without writing.

The state a killed worker leaves is made here by importing through the real worker and then
putting the last files back as not reached (their articles gone, their rows "Waiting"): each
write batch commits its articles with their rows, so that is exactly what a kill leaves.
tests/test_import_worker.py kills a real `db_worker` with SIGKILL.
"""

from datetime import timedelta

import pytest
from django.utils.timezone import now
from pytest_django.asserts import assertContains

from articles.models import Article
from imports.batches import Superseded, batch_start, files_import
from imports.models import FileFate, ImportBatch, Status, Upload
from imports.uploads import HeldUpload
from tests.admin_import_support import DATABASE_QUEUE, editorial, text_file, upload, work

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(staff_client, import_settings):
    """Five files confirmed on the database queue, not yet run."""
    import_settings.TASKS = DATABASE_QUEUE
    import_settings.IMPORT_WRITE_BATCH = 2
    preview = upload(staff_client, *[text_file(f"{d}.txt", editorial(d)) for d in range(1, 6)])
    staff_client.post(preview.preview_url)
    return ImportBatch.objects.get()


def interrupted_after(batch: ImportBatch, recorded: int) -> None:
    """Leave the batch as a worker killed after committing `recorded` files leaves it."""
    batch_start(batch.pk)
    held = HeldUpload.of(batch.upload)
    files_import(batch_id=batch.pk, attempt=1, held=held)
    lost = batch.files.order_by("position")[recorded:]
    Article.objects.filter(slug__in=[file.slug for file in lost]).delete()
    batch.files.filter(pk__in=[file.pk for file in lost]).update(fate=FileFate.PENDING, slug="")
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.RUNNING, done=recorded, heartbeat_at=now() - timedelta(hours=1)
    )


def resume(client, batch):
    return client.post(f"/admin/imports/importbatch/{batch.pk}/resume/", follow=True)


def test_resume_imports_only_the_files_not_recorded_and_none_twice(
    staff_client, queued, transactional_db
):
    interrupted_after(queued, recorded=2)
    assertContains(staff_client.get(queued.get_absolute_url()), "Resume this import")
    assert Article.objects.count() == 2

    response = resume(staff_client, queued)
    assertContains(response, "resumed: the files it had not reached")
    work()

    queued.refresh_from_db()
    assert (queued.status, queued.done, queued.attempt) == ("done", 5, 2)
    fates = list(queued.files.order_by("position").values_list("fate", flat=True))
    assert fates == ["imported"] * 5  # none "unchanged": nothing was imported twice
    assert Article.objects.count() == 5
    assert not Upload.objects.exists()


def test_undo_of_an_interrupted_batch_removes_what_it_recorded_and_drops_the_rest(
    staff_client, queued
):
    interrupted_after(queued, recorded=3)
    staff_client.get(queued.get_absolute_url())  # marks it interrupted

    response = staff_client.post(f"/admin/imports/importbatch/{queued.pk}/undo/", follow=True)

    assertContains(response, "3 removed")
    queued.refresh_from_db()
    assert queued.status == "partly_undone"
    assert "2 files the batch had not reached were not imported" in queued.undo_notes
    assert not Article.objects.exists()
    assert not queued.files.filter(fate=FileFate.PENDING).exists()
    assert not Upload.objects.exists()
    assertContains(resume(staff_client, queued), "was not resumed")


def test_a_batch_whose_files_are_gone_cannot_be_resumed(staff_client, queued):
    interrupted_after(queued, recorded=2)
    staff_client.get(queued.get_absolute_url())
    HeldUpload.of(queued.upload).discard()

    page = staff_client.get(queued.get_absolute_url())

    assertContains(page, "no longer held, so it cannot be resumed")
    assertContains(resume(staff_client, queued), "was not resumed")
    queued.refresh_from_db()
    assert queued.status == "interrupted"


def test_a_worker_whose_batch_was_resumed_elsewhere_writes_nothing(staff_client, queued):
    """A worker paused long enough to be declared gone must not write beside its successor."""
    batch_start(queued.pk)
    ImportBatch.objects.filter(pk=queued.pk).update(attempt=2)  # resumed and taken meanwhile

    with pytest.raises(Superseded):
        files_import(batch_id=queued.pk, attempt=1, held=HeldUpload.of(queued.upload))

    assert not Article.objects.exists()
    assert not queued.files.exclude(fate=FileFate.PENDING).exists()


def test_resume_is_a_post_and_needs_the_import_permission(client, staff_client, queued):
    assert staff_client.get(f"/admin/imports/importbatch/{queued.pk}/resume/").status_code == 405
    from tests.factories import user_factory

    client.force_login(user_factory("staff"))
    assert client.post(f"/admin/imports/importbatch/{queued.pk}/resume/").status_code == 403


def test_the_sweep_task_marks_silent_batches_and_keeps_their_upload_for_a_resume(
    staff_client, queued, import_settings
):
    from imports.tasks import uploads_sweep_task

    interrupted_after(queued, recorded=2)
    Upload.objects.update(touched_at=now() - timedelta(days=2))

    uploads_sweep_task.call()

    queued.refresh_from_db()
    assert queued.status == "interrupted"
    assert Upload.objects.exists()  # within IMPORT_RESUME_TTL_SECONDS (a week)
    import_settings.IMPORT_RESUME_TTL_SECONDS = 24 * 3600
    assert uploads_sweep_task.call() == 1
    queued.refresh_from_db()
    assert queued.upload is None and not queued.resumable
