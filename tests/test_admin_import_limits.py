"""Limits on an upload, each with a clear message; one bad file never spoils the rest."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article
from tests.admin_import_support import (
    UPLOAD_URL,
    confirm,
    editorial,
    text_file,
    upload,
    zip_file,
)

pytestmark = pytest.mark.django_db


def refusal(response, name: str) -> str:
    """The fate cell text of the named file's row."""
    row = response.text.split(f'<th scope="row" class="file-name">{name}</th>', 1)[1]
    return row.split("</td>", 1)[0]


def test_too_many_files_are_refused_with_the_limit(staff_client, import_settings):
    import_settings.IMPORT_MAX_FILES = 2
    response = upload(staff_client, *[text_file(f"{d}.txt", editorial(d)) for d in (1, 2, 3)])
    assertContains(response, "3 files chosen; at most 2 may be uploaded at once")
    assert not list(import_settings.IMPORT_UPLOAD_DIR.glob("*"))


def test_too_large_an_upload_is_refused_with_the_limit(staff_client, import_settings):
    import_settings.IMPORT_MAX_UPLOAD_BYTES = 8_000
    response = upload(
        staff_client, text_file("a.txt", editorial(3)), text_file("b.txt", editorial(4))
    )
    assertContains(response, "one upload may hold at most 7.8\xa0KB")


def test_no_file_chosen_says_so(staff_client):
    response = staff_client.post(UPLOAD_URL, {})
    assertContains(response, "Choose at least one .txt or .zip file.")


def test_a_file_over_the_size_limit_is_refused_alone(staff_client, import_settings):
    import_settings.EDITORIAL_MAX_FILE_BYTES = 6_000
    big = editorial(4, paragraphs=["A long paragraph. " * 600])
    response = upload(staff_client, text_file("ok.txt", editorial(3)), text_file("big.txt", big))
    assert "larger than the limit of 6,000" in refusal(response, "big.txt")
    assert "new" in refusal(response, "ok.txt")


def test_non_text_files_are_refused(staff_client):
    response = upload(
        staff_client, text_file("photo.jpg", "\xff\xd8"), text_file("a.txt", editorial(3))
    )
    assert "only those are imported" in refusal(response, "photo.jpg")


def test_binary_content_in_a_txt_file_is_refused(staff_client):
    response = upload(staff_client, text_file("x.txt", "\x00\x01\x02 binary"))
    assert "refused" in refusal(response, "x.txt")


def test_archive_member_leaving_the_folder_is_refused(staff_client):
    response = upload(
        staff_client, zip_file("z.zip", {"../evil.txt": editorial(3), "ok.txt": editorial(4)})
    )
    assert "leaves the archive" in refusal(response, "z.zip:../evil.txt")
    assert "new" in refusal(response, "z.zip:ok.txt")


def test_archive_inflating_past_the_limit_is_stopped(staff_client, import_settings):
    import_settings.EDITORIAL_MAX_ARCHIVE_BYTES = 15_000
    members = {f"{d:02}.txt": editorial(d) for d in range(1, 6)}
    response = upload(staff_client, zip_file("bomb.zip", members))
    assert "inflates past the limit" in response.text
    assert "new" in refusal(response, "bomb.zip:01.txt")


def test_an_unreadable_zip_is_refused_and_the_rest_imported(staff_client):
    preview = upload(
        staff_client, text_file("broken.zip", "not a zip"), text_file("a.txt", editorial(3))
    )
    assert "not a readable zip archive" in refusal(preview, "broken.zip")
    confirm(staff_client, preview.preview_url)
    assert Article.objects.count() == 1


def test_editorials_past_the_count_limit_are_refused(staff_client, import_settings):
    import_settings.IMPORT_MAX_EDITORIALS = 2
    members = {f"{d:02}.txt": editorial(d) for d in range(1, 4)}
    preview = upload(staff_client, zip_file("z.zip", members))
    assert "more than 2 editorials" in refusal(preview, "z.zip:03.txt")
    confirm(staff_client, preview.preview_url)
    assert Article.objects.count() == 2


def test_an_unwritable_upload_folder_says_so_on_the_upload_page(
    staff_client, import_settings, tmp_path, caplog
):
    """The folder lies under a regular file, so even root cannot create it."""
    (tmp_path / "afile").write_text("not a folder")
    import_settings.IMPORT_UPLOAD_DIR = tmp_path / "afile" / "uploads"

    response = upload(staff_client, text_file("a.txt", editorial(3)))

    assertContains(response, "could not store the upload, so nothing was saved", status_code=503)
    assertContains(response, "Upload and preview", status_code=503)
    assert "Cannot hold an upload" in caplog.text
    assert (tmp_path / "afile").read_text() == "not a folder"
    assert not Article.objects.exists()
