"""Confirm imports exactly what was previewed, from the held upload, and shows each outcome."""

from datetime import timedelta

import pytest
from django.utils.timezone import now
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from imports.models import ImportBatch, Status, Upload
from tests.admin_import_support import (
    DATABASE_QUEUE,
    confirm,
    editorial,
    text_file,
    upload,
    work,
    zip_file,
)

pytestmark = pytest.mark.django_db


def test_confirm_imports_exactly_the_previewed_files(staff_client):
    preview = upload(
        staff_client,
        text_file("a.txt", editorial(3)),
        zip_file("b.zip", {"b1.txt": editorial(4), "b2.txt": editorial(5), "bad.txt": "junk"}),
        text_file("photo.png", "\x89PNG"),
    )

    result = confirm(staff_client, preview.preview_url)

    keys = set(Article.objects.values_list("import_key", flat=True))
    assert len(keys) == 3
    assert {key.split("|")[1][:10] for key in keys} == {"2026-01-03", "2026-01-04", "2026-01-05"}
    batch = ImportBatch.objects.get()
    assert batch.status == Status.DONE
    assert batch.created_by == staff_client.user
    assert [(f.name, f.fate) for f in batch.files.order_by("position")] == [
        ("a.txt", "imported"),
        ("b.zip:b1.txt", "imported"),
        ("b.zip:b2.txt", "imported"),
        ("b.zip:bad.txt", "failed"),
        ("photo.png", "failed"),
    ]
    assertContains(result, "b.zip:b2.txt")
    assertContains(result, "Download the report (CSV)")


def test_confirm_does_not_need_the_files_again(staff_client):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    response = staff_client.post(preview.preview_url, {})
    assert response.status_code == 302
    assert Article.objects.count() == 1


def test_confirm_updates_the_previewed_article(staff_client):
    confirm(staff_client, upload(staff_client, text_file("a.txt", editorial(3))).preview_url)
    preview = upload(staff_client, text_file("a.txt", editorial(3, title="Corrected")))
    confirm(staff_client, preview.preview_url)
    assert Article.objects.get().title == "Corrected"
    assert ImportBatch.objects.first().files.get().fate == "updated"


def test_a_held_upload_is_gone_once_confirmed(staff_client):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    confirm(staff_client, preview.preview_url)
    again = confirm(staff_client, preview.preview_url)
    assertContains(again, "no longer held")
    assert ImportBatch.objects.count() == 1


def test_result_page_has_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries):
    files = [text_file(f"{day}.txt", editorial(day)) for day in range(1, 29)]
    batch_url = confirm(staff_client, upload(staff_client, *files).preview_url).redirect_chain[-1][
        0
    ]
    with django_assert_max_num_queries(8):
        response = staff_client.get(batch_url)
    assertContains(response, "28.txt")


def test_running_batch_page_refreshes_itself_without_javascript(staff_client):
    batch = ImportBatch.objects.create(
        created_by=staff_client.user, total=10, done=3, status="running", heartbeat_at=now()
    )
    response = staff_client.get(batch.get_absolute_url())
    assertContains(response, '<meta http-equiv="refresh" content="2">', html=False)
    assertContains(response, 'value="3"', html=False)
    progress = staff_client.get(f"/admin/imports/importbatch/{batch.pk}/progress.json").json()
    assert progress == {"status": "running", "done": 3, "total": 10, "finished": False}


def test_on_a_server_the_import_waits_for_a_worker_and_the_worker_runs_it(
    staff_client, import_settings, transactional_db
):
    """With the database queue, confirm only queues the batch; `db_worker` imports it."""
    import_settings.TASKS = DATABASE_QUEUE
    preview = upload(staff_client, *[text_file(f"{d}.txt", editorial(d)) for d in range(1, 6)])
    staff_client.post(preview.preview_url)
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.done, Article.objects.count()) == ("queued", 0, 0)
    assertContains(staff_client.get(batch.get_absolute_url()), "Waiting for a worker")

    work()

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.attempt) == ("done", 5, 5, 1)
    assert Article.objects.count() == 5
    assert not Upload.objects.exists()  # a finished batch's held files go


def test_a_running_batch_whose_worker_fell_silent_is_shown_as_interrupted(
    staff_client, import_settings
):
    """A killed worker stops saying it is alive; the page says so and offers resume and undo."""
    import_settings.IMPORT_INTERRUPTED_AFTER_SECONDS = 60
    held = upload(staff_client, text_file("a.txt", editorial(3)))
    token = held.preview_url.rstrip("/").rsplit("/", 1)[1]
    batch = ImportBatch.objects.create(
        created_by=staff_client.user,
        total=10,
        done=3,
        status="running",
        upload=Upload.objects.get(token=token),
        heartbeat_at=now() - timedelta(seconds=61),
    )
    response = staff_client.get(batch.get_absolute_url())
    assertContains(response, "Interrupted")
    assertContains(response, "The worker running this import stopped")
    assertContains(response, "Resume this import")
    assertContains(response, "Undo this import")
    batch.refresh_from_db()
    assert batch.status == "interrupted"


def test_a_running_batch_heard_from_lately_is_not_interrupted(staff_client, import_settings):
    import_settings.IMPORT_INTERRUPTED_AFTER_SECONDS = 60
    batch = ImportBatch.objects.create(
        created_by=staff_client.user,
        total=10,
        status="running",
        heartbeat_at=now() - timedelta(seconds=50),
    )
    response = staff_client.get(batch.get_absolute_url())
    assertNotContains(response, "Resume this import")
    batch.refresh_from_db()
    assert batch.status == "running"
