"""A zip may hold the same member name twice: each member is its own row, kept apart by position."""

import io
import warnings
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from articles.models import Article
from imports.models import ImportBatch, Status
from tests.admin_import_support import confirm, editorial, text_file, upload, zip_file

pytestmark = pytest.mark.django_db


def twice_named_zip(name: str, members: list[tuple[str, str]]) -> SimpleUploadedFile:
    """A zip whose members may repeat a name (zipfile warns, and writes both)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, text in members:
                archive.writestr(member, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def two_different_editorials_of_one_name() -> SimpleUploadedFile:
    return twice_named_zip(
        "z.zip",
        [
            ("a.txt", editorial(3, title="The First Member")),
            ("a.txt", editorial(4, title="The Second Member", paragraphs=["Only the second."])),
        ],
    )


def test_both_members_of_one_name_are_previewed_with_their_own_paragraphs(staff_client):
    response = upload(staff_client, two_different_editorials_of_one_name())

    assertContains(response, "<strong>new</strong>", count=2, html=False)
    first, second = response.text.split("The First Member", 1)[1].split("The Second Member", 1)
    assert "Only the second." not in first
    assert "<li>Only the second.</li>" in second


def test_both_members_of_one_name_are_imported_and_the_batch_has_no_waiting_row(staff_client):
    preview = upload(staff_client, two_different_editorials_of_one_name())

    result = confirm(staff_client, preview.preview_url)

    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "The First Member",
        "The Second Member",
    ]
    batch = ImportBatch.objects.get()
    assert batch.status == Status.DONE
    assert [(f.position, f.fate, f.title) for f in batch.files.order_by("position")] == [
        (1, "imported", "The First Member"),
        (2, "imported", "The Second Member"),
    ]
    assert "Waiting" not in result.text


def test_undo_removes_the_articles_of_both_members(staff_client):
    confirm(staff_client, upload(staff_client, two_different_editorials_of_one_name()).preview_url)
    batch = ImportBatch.objects.get()

    response = staff_client.post(f"/admin/imports/importbatch/{batch.pk}/undo/", follow=True)

    assertContains(response, "undone: 2 removed, 0 restored, 0 left in place")
    assert not Article.objects.exists()


def test_the_second_member_of_one_name_is_shown_as_such(staff_client):
    """Two rows reading the same would leave the editor guessing which is which."""
    response = upload(staff_client, two_different_editorials_of_one_name())
    assertContains(response, '<th scope="row" class="file-name">z.zip:a.txt</th>', html=False)
    assertContains(
        response, '<th scope="row" class="file-name">z.zip:a.txt (duplicate 2)</th>', html=False
    )


def test_a_refused_and_a_good_member_of_one_name_keep_their_own_fates(staff_client):
    preview = upload(
        staff_client, twice_named_zip("z.zip", [("a.txt", "junk\n"), ("a.txt", editorial(3))])
    )
    confirm(staff_client, preview.preview_url)

    batch = ImportBatch.objects.get()
    assert [f.fate for f in batch.files.order_by("position")] == ["failed", "imported"]
    assert Article.objects.count() == 1


def test_a_file_named_like_an_archive_member_is_kept_apart_from_it(staff_client):
    """`z.zip:a.txt` can be an uploaded file's own name as well as a member of z.zip."""
    preview = upload(
        staff_client,
        text_file("z.zip:a.txt", editorial(3, title="The Loose File")),
        zip_file("z.zip", {"a.txt": editorial(4, title="The Member", paragraphs=["Inside."])}),
    )
    loose = preview.text.split("The Loose File", 1)[1].split("</details>", 1)[0]
    assert "Inside." not in loose

    confirm(staff_client, preview.preview_url)

    batch = ImportBatch.objects.get()
    assert [(f.name, f.fate) for f in batch.files.order_by("position")] == [
        ("z.zip:a.txt", "imported"),
        ("z.zip:a.txt", "imported"),
    ]
    assert Article.objects.count() == 2


def test_a_later_version_under_the_same_name_points_at_the_earlier_row_by_number(staff_client):
    response = upload(
        staff_client,
        twice_named_zip(
            "z.zip", [("a.txt", editorial(3)), ("a.txt", editorial(3, title="Corrected"))]
        ),
    )
    assertContains(response, "a later version of file #1 (z.zip:a.txt) in this upload")
