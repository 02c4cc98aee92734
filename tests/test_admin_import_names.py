"""File names as uploaded: any length kept in full, hidden characters shown escaped, and a zip
inside a zip refused with its reason, on every page and in the report."""

import csv
import io

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from imports.models import ImportBatch, Status
from tests.admin_import_support import confirm, editorial, text_file, upload, zip_file

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # right-to-left override: "invoice\u202etxt.exe" reads "invoiceexe.txt"
LONG_MEMBER = "archive/" * 70 + "editorial.txt"  # 573 characters


def report_rows(client, batch) -> list[dict]:
    response = client.get(f"/admin/imports/importbatch/{batch.pk}/report.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_member_path_over_500_characters_is_imported_and_kept_in_full(staff_client):
    preview = upload(staff_client, zip_file("z.zip", {LONG_MEMBER: editorial(3)}))
    assertContains(preview, "<strong>new</strong>", html=False)

    result = confirm(staff_client, preview.preview_url)

    assert Article.objects.count() == 1
    batch = ImportBatch.objects.get()
    assert batch.status == Status.DONE
    assert [(f.name, f.fate) for f in batch.files.all()] == [(f"z.zip:{LONG_MEMBER}", "imported")]
    assertContains(result, f"z.zip:{LONG_MEMBER}")
    assertNotContains(result, "Waiting")


def test_an_uploaded_file_name_too_long_for_the_disk_is_held_and_imported(staff_client):
    """Django keeps 255 characters of a name; in UTF-8 that can pass the 255-byte file limit."""
    name = "편집" * 120 + ".txt"
    preview = upload(staff_client, text_file(name, editorial(3)))
    assertContains(preview, name)
    confirm(staff_client, preview.preview_url)
    assert Article.objects.count() == 1


def test_hidden_characters_in_names_are_shown_escaped_on_the_preview(staff_client):
    response = upload(
        staff_client,
        zip_file("z.zip", {f"invoice{RLO}txt.exe.txt": editorial(3), "bell\a.txt": "junk\n"}),
    )
    assertContains(response, "z.zip:invoice\\u202etxt.exe.txt")
    assertContains(response, "z.zip:bell\\x07.txt")
    assertNotContains(response, RLO)
    assertNotContains(response, "\a")


def test_hidden_characters_in_names_are_shown_escaped_on_the_result_and_report(staff_client):
    preview = upload(staff_client, zip_file("z.zip", {f"a{RLO}b\u200b.txt": editorial(3)}))
    result = confirm(staff_client, preview.preview_url)

    assertContains(result, "z.zip:a\\u202eb\\u200b.txt")
    assertNotContains(result, RLO)
    [row] = report_rows(staff_client, ImportBatch.objects.get())
    assert row["file"] == "z.zip:a\\u202eb\\u200b.txt"


def test_a_zip_inside_a_zip_is_refused_with_a_reason_not_ignored(staff_client):
    inner = zip_file("inner.zip", {"x.txt": editorial(4)}).read()
    preview = upload(
        staff_client, zip_file("outer.zip", {"a.txt": editorial(3), "in/inner.zip": inner})
    )

    assertContains(preview, "outer.zip:in/inner.zip")
    assertContains(preview, "nested archive inner.zip: unpack it and upload its files")
    confirm(staff_client, preview.preview_url)

    assert Article.objects.count() == 1
    rows = report_rows(staff_client, ImportBatch.objects.get())
    assert [(row["file"], row["outcome"], row["reason"]) for row in rows] == [
        ("outer.zip:a.txt", "New", ""),
        (
            "outer.zip:in/inner.zip",
            "Refused",
            "nested archive inner.zip: unpack it and upload its files",
        ),
    ]
