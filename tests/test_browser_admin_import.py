"""The admin import in a real Chromium: upload a zip, read the preview, confirm, see the result."""

import io
import zipfile

import pytest
from django.conf import settings as django_settings
from django.test import Client

from articles.models import Article
from tests.accessibility import serious_violations
from tests.admin_import_support import DATABASE_QUEUE, editorial, importer_user, work

pytestmark = [pytest.mark.browser]


@pytest.fixture
def importer(transactional_db, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return importer_user()


def signed_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": live_server.url,
            }
        ]
    )


def mixed_zip(folder) -> str:
    """Three good editorials and two bad files, laid out in folders as a real export would be."""
    path = folder / "editorials.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for day in (3, 4, 5):
            archive.writestr(f"2026/01/fnnews-{day:02}.txt", editorial(day))
        archive.writestr("2026/01/empty.txt", "")
        archive.writestr("2026/01/garbled.txt", "Editorial without any of its fields\n")
    return str(path)


def test_staff_uploads_a_zip_previews_confirms_and_sees_the_result(
    page, live_server, importer, tmp_path
):
    signed_in(page, live_server, importer)
    page.goto(f"{live_server.url}/admin/imports/importbatch/upload/")
    assert serious_violations(page) == []

    page.get_by_label("Editorial files").set_input_files(mixed_zip(tmp_path))
    assert page.locator("[data-chosen] li").inner_text().startswith("editorials.zip")
    page.get_by_role("button", name="Upload and preview").click()

    page.wait_for_url("**/upload/*/")
    assert "3 new, 0 updates" in " ".join(page.locator(".import-summary").inner_text().split())
    assert page.locator("tr.fate-refused").count() == 2
    page.get_by_text("editorials.zip:2026/01/fnnews-03.txt").wait_for()
    page.locator("tr.fate-new summary").first.click()
    assert page.locator("tr.fate-new details ol li").first.is_visible()
    assert serious_violations(page) == []

    page.get_by_label("Hide unchanged and refused files").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**hide=1")
    assert page.locator("tr.fate-refused").count() == 0
    assert Article.objects.count() == 0

    page.get_by_role("button", name="Confirm: import 3 new").click()

    page.wait_for_url("**/result/")
    assert Article.objects.count() == 3
    assert page.locator("tr.fate-imported").count() == 3
    assert page.locator("tr.fate-failed").count() == 2
    assert page.get_by_role("link", name="Download the report (CSV)").is_visible()
    assert serious_violations(page) == []

    page.get_by_role("link", name="Undo this import").click()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Undo import").click()
    page.wait_for_url("**/result/")
    assert Article.objects.count() == 0


def test_drop_zone_takes_dropped_files(page, live_server, importer, tmp_path):
    signed_in(page, live_server, importer)
    page.goto(f"{live_server.url}/admin/imports/importbatch/upload/")
    assert page.locator("[data-drop-hint]").is_visible()
    data = io.BytesIO(editorial(3).encode())
    handle = page.evaluate_handle(
        """(text) => { const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.txt', {type: 'text/plain'})); return dt; }""",
        data.getvalue().decode(),
    )
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": handle})
    assert page.locator("[data-chosen] li").inner_text().startswith("dropped.txt")
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url("**/upload/*/")
    assert "1 new" in page.locator(".import-summary").inner_text()


def queued_import(page, live_server, importer, settings, folder) -> None:
    """Upload the mixed zip and confirm it, on the database queue: no worker has run it."""
    settings.TASKS = DATABASE_QUEUE
    signed_in(page, live_server, importer)
    page.goto(f"{live_server.url}/admin/imports/importbatch/upload/")
    page.get_by_label("Editorial files").set_input_files(mixed_zip(folder))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url("**/upload/*/")
    page.get_by_role("button", name="Confirm: import 3 new").click()
    page.wait_for_url("**/result/")


def test_progress_page_follows_a_queued_import_to_its_result(
    page, live_server, importer, settings, tmp_path
):
    """With the database queue, the result page waits for a worker, then follows it."""
    queued_import(page, live_server, importer, settings, tmp_path)

    assert page.locator("[data-batch-status]").inner_text() == "Waiting for a worker"
    assert serious_violations(page) == []
    work()
    page.get_by_role("link", name="Download the report (CSV)").wait_for(timeout=15_000)
    assert page.locator("tr.fate-imported").count() == 3


def test_an_unwritable_upload_folder_is_said_on_the_page_after_a_script_upload(
    page, live_server, importer, settings, tmp_path
):
    """The upload goes by XMLHttpRequest; its 503 answer must still reach the user."""
    (tmp_path / "afile").write_text("not a folder")
    settings.IMPORT_UPLOAD_DIR = tmp_path / "afile" / "uploads"
    signed_in(page, live_server, importer)
    page.goto(f"{live_server.url}/admin/imports/importbatch/upload/")
    page.get_by_label("Editorial files").set_input_files(mixed_zip(tmp_path))
    page.get_by_role("button", name="Upload and preview").click()

    page.get_by_role("alert").get_by_text("could not store the upload").wait_for()
    assert page.get_by_role("button", name="Upload and preview").is_visible()
    assert Article.objects.count() == 0


def test_an_interrupted_import_is_resumed_from_its_page_with_the_keyboard(
    page, live_server, importer, settings, tmp_path
):
    """A worker killed after the first two files: the page says so, and Resume finishes it."""
    from imports.models import FileFate, ImportBatch

    queued_import(page, live_server, importer, settings, tmp_path)
    batch = ImportBatch.objects.get()
    # What a worker killed after committing the refused files and one editorial leaves.
    first = batch.files.filter(fate=FileFate.PENDING).order_by("position").first()
    batch.files.filter(pk=first.pk).update(fate=FileFate.FAILED, reason="set aside")
    ImportBatch.objects.filter(pk=batch.pk).update(status="interrupted", done=3)

    page.reload()
    assert page.locator("[data-batch-status]").inner_text() == "Interrupted"
    assert "2 files not reached yet" in page.locator(".import-resume").inner_text()
    assert serious_violations(page) == []
    resume = page.get_by_role("button", name="Resume this import")
    resume.focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/result/")
    page.get_by_text("resumed: the files it had not reached").wait_for()
    work()
    page.get_by_role("link", name="Download the report (CSV)").wait_for(timeout=15_000)
    assert page.locator("tr.fate-imported").count() == 2
    assert serious_violations(page) == []
