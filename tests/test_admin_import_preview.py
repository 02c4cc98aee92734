"""The preview: one row per file with what the parser made of it and its fate; nothing written
but the held upload's own row."""

import pytest
from django.apps import apps
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from imports.models import Upload
from tests.admin_import_support import (
    confirm,
    editorial,
    text_file,
    upload,
    zip_file,
)
from tests.factories import country_factory
from tests.sample_editorials import sample_paragraphs

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model, plus sessions; but the held uploads,
    which an upload writes by design (any app server can then show its preview)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label == "imports.Upload":
            continue
        if model._meta.db_table in connection.introspection.table_names():
            counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_preview_writes_nothing_to_any_table(staff_client):
    upload(staff_client, text_file("seed.txt", editorial(2)))
    confirm(staff_client, upload(staff_client, text_file("seed.txt", editorial(2))).preview_url)
    before, uploads_before = row_counts(), Upload.objects.count()

    response = upload(
        staff_client,
        text_file("new.txt", editorial(3)),
        text_file("update.txt", editorial(2, title="A Corrected Title")),
        text_file("bad.txt", "not an editorial\n"),
        zip_file("more.zip", {"c.txt": editorial(4), "../evil.txt": editorial(5)}),
    )

    assert response.status_code == 200
    assert row_counts() == before
    assert Upload.objects.count() == uploads_before + 1


def test_each_file_gets_a_row_with_what_the_parser_read(staff_client):
    response = upload(staff_client, text_file("sample.txt", editorial(3)))

    assertContains(response, "sample.txt")
    assertContains(response, "President Lee Should Also Pursue Pragmatic")
    assertContains(response, "2026-01-03 09:00 KST")
    assertContains(response, "Photo by Newsis News Agency")
    assertContains(response, "<strong>new</strong>", html=False)
    assertContains(response, "<td>7</td>", html=False)


def test_a_row_opens_to_show_its_paragraphs(staff_client):
    response = upload(staff_client, text_file("sample.txt", editorial(3)))
    assertContains(response, "<details><summary>", html=False)
    assertContains(response, sample_paragraphs()[-1][:60])


def test_refused_file_shows_the_reason_and_line(staff_client):
    broken = editorial(3).replace("Input\n2026-01-03 09:00:00", "Input\nyesterday")
    response = upload(staff_client, text_file("broken.txt", broken))
    assertContains(response, "<strong>refused</strong>", html=False)
    assert "line " in response.text


def test_update_says_what_changes(staff_client):
    confirm(staff_client, upload(staff_client, text_file("a.txt", editorial(3))).preview_url)
    paragraphs = sample_paragraphs()
    corrected = [paragraphs[0] + " Corrected.", *paragraphs[1:], "A new closing paragraph."]
    response = upload(
        staff_client,
        text_file(
            "a2.txt",
            editorial(3, title="A Corrected Title", paragraphs=corrected).replace(
                "Updated\n2026-01-03 09:00:00", "Updated\n2026-01-03 10:00:00"
            ),
        ),
    )
    assertContains(response, "<strong>update</strong>", html=False)
    assertContains(response, "A Corrected Title")
    assertContains(response, "paragraphs changed: 1")
    assertContains(response, "paragraphs added: 8")
    assertContains(response, "revised: 2026-01-03 09:00 → 2026-01-03 10:00")


def test_reuploading_an_imported_file_is_unchanged(staff_client):
    confirm(staff_client, upload(staff_client, text_file("a.txt", editorial(3))).preview_url)
    response = upload(staff_client, text_file("a.txt", editorial(3)))
    assertContains(response, "<strong>unchanged</strong>", html=False)


def test_unchanged_and_refused_rows_can_be_hidden_without_javascript(staff_client):
    confirm(staff_client, upload(staff_client, text_file("old.txt", editorial(3))).preview_url)
    response = upload(
        staff_client,
        text_file("old.txt", editorial(3)),
        text_file("fresh.txt", editorial(4)),
        text_file("junk.txt", "junk\n"),
    )
    hidden = staff_client.get(response.preview_url, {"hide": "1"})

    assertContains(hidden, "fresh.txt")
    assertNotContains(hidden, "old.txt")
    assertNotContains(hidden, "junk.txt")
    assertContains(hidden, 'name="hide" value="1" id="hide-rows" checked', html=False)


def test_entities_column_lists_what_the_import_would_tag(staff_client):
    """The sample names Japan and China; the import's own matcher finds them."""
    country_factory(name="Japan")
    country_factory(name="China")
    response = upload(staff_client, text_file("a.txt", editorial(3)))
    row = response.text.split('class="file-name">a.txt</th>', 1)[1].split("</tr>", 1)[0]
    assert "Japan (country)" in row
    assert "China (country)" in row


def test_preview_page_query_count_does_not_grow_with_rows(
    staff_client, django_assert_max_num_queries
):
    files = [text_file(f"{day}.txt", editorial(day)) for day in range(1, 29)]
    preview_url = upload(staff_client, *files).preview_url
    # The session, the user, their permissions (2), the held upload with its plan, the sweep.
    with django_assert_max_num_queries(6):
        staff_client.get(preview_url)
