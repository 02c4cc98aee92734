"""Confirm refuses, saying what changed, when the held files or the archive moved on."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article
from imports.models import ImportBatch, Upload
from tests.admin_import_support import (
    confirm,
    editorial,
    text_file,
    upload,
)

pytestmark = pytest.mark.django_db


def held_folder(settings):
    (folder,) = settings.IMPORT_UPLOAD_DIR.iterdir()
    return folder


def test_a_held_file_changed_on_the_server_is_refused(staff_client, import_settings):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    (held_folder(import_settings) / "0" / "upload.txt").write_text(editorial(4), encoding="utf-8")

    response = confirm(staff_client, preview.preview_url)

    assert response.status_code == 409
    assertContains(response, "a.txt: the held file changed since the preview", status_code=409)
    assert not Article.objects.exists()
    assert not ImportBatch.objects.exists()


def test_an_article_imported_by_someone_else_meanwhile_is_refused(staff_client):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    confirm(staff_client, upload(staff_client, text_file("other.txt", editorial(3))).preview_url)

    response = confirm(staff_client, preview.preview_url)

    assertContains(response, "a.txt: this editorial was imported by someone else", status_code=409)
    assert ImportBatch.objects.count() == 1


def test_an_article_updated_by_another_import_since_the_preview_is_refused(staff_client):
    confirm(staff_client, upload(staff_client, text_file("a.txt", editorial(3))).preview_url)
    preview = upload(staff_client, text_file("a2.txt", editorial(3, title="Mine")))
    confirm(
        staff_client,
        upload(staff_client, text_file("b.txt", editorial(3, title="Theirs"))).preview_url,
    )

    response = confirm(staff_client, preview.preview_url)

    assertContains(response, "was changed by another import since the preview", status_code=409)
    assert Article.objects.get().title == "Theirs"


def test_an_expired_upload_is_refused(staff_client, import_settings):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    import_settings.IMPORT_UPLOAD_TTL_SECONDS = -1

    response = confirm(staff_client, preview.preview_url)

    assertContains(response, "This upload expired before it was confirmed")
    assert not Article.objects.exists()
    assert not list(import_settings.IMPORT_UPLOAD_DIR.iterdir())


def test_a_made_up_token_is_refused(staff_client):
    response = staff_client.post("/admin/imports/importbatch/upload/..manifest.json/")
    assertContains(response, "This upload does not exist.")
    assert not Article.objects.exists()


def test_a_second_confirm_of_the_same_preview_imports_nothing_more(staff_client):
    """A double click or a second tab: the held upload is claimed by the first confirm."""
    from imports.uploads import held_upload

    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    token = preview.preview_url.rstrip("/").rsplit("/", 1)[1]
    held_upload(token=token, user_id=staff_client.user.pk).claim()

    response = confirm(staff_client, preview.preview_url)

    assertContains(response, "already been confirmed")
    assert not ImportBatch.objects.exists()


def test_a_refused_confirm_discards_the_held_upload(staff_client, import_settings):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    (held_folder(import_settings) / "0" / "upload.txt").write_text("changed", encoding="utf-8")
    confirm(staff_client, preview.preview_url)
    assert not list(import_settings.IMPORT_UPLOAD_DIR.iterdir())


def test_a_planned_file_not_found_again_is_refused_never_left_waiting(
    staff_client, import_settings
):
    """Whatever the cause, a finished batch has no row still "Waiting" and says why."""
    preview = upload(
        staff_client, text_file("a.txt", editorial(3)), text_file("b.txt", editorial(4))
    )
    held = Upload.objects.get()
    held.plan[1]["origin"] = [99]
    held.save()

    result = confirm(staff_client, preview.preview_url)

    batch = ImportBatch.objects.get()
    assert (batch.status, batch.done, batch.total) == ("done", 2, 2)
    assert [(f.name, f.fate) for f in batch.files.order_by("position")] == [
        ("a.txt", "imported"),
        ("b.txt", "failed"),
    ]
    assertContains(result, "not imported: the file was not found again in the held upload")
    assert Article.objects.count() == 1


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_a_held_upload_without_a_readable_plan_is_refused_not_an_error(
    staff_client, import_settings, damage
):
    preview = upload(staff_client, text_file("a.txt", editorial(3)))
    Upload.objects.update(plan=None if damage == "missing" else [{"garbled": True}])

    said = "The preview of this upload cannot be read; upload the files again."
    assertContains(staff_client.get(preview.preview_url), said)
    assertContains(confirm(staff_client, preview.preview_url), said)
    assert not ImportBatch.objects.exists()
