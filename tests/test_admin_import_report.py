"""The outcome of a batch as a CSV report: one row per file, with reasons and lines."""

import csv
import io

import pytest

from articles.models import Article
from imports.models import ImportBatch
from tests.admin_import_support import (
    confirm,
    editorial,
    text_file,
    upload,
    zip_file,
)

pytestmark = pytest.mark.django_db


def report(client, batch) -> list[dict]:
    response = client.get(f"/admin/imports/importbatch/{batch.pk}/report.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="import-{batch.pk}.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_report_has_a_row_per_file_with_the_same_outcome_as_the_page(staff_client):
    broken = editorial(5).replace("Input\n2026-01-05 09:00:00", "Input\nsoon")
    preview = upload(
        staff_client,
        text_file("a.txt", editorial(3)),
        zip_file("z.zip", {"b.txt": editorial(4), "broken.txt": broken}),
    )
    confirm(staff_client, preview.preview_url)

    rows = report(staff_client, ImportBatch.objects.get())

    assert [(row["file"], row["outcome"]) for row in rows] == [
        ("a.txt", "New"),
        ("z.zip:b.txt", "New"),
        ("z.zip:broken.txt", "Refused"),
    ]
    assert rows[2]["reason"]
    assert rows[2]["line"].isdigit()
    slug = Article.objects.get(published_at__day=3).slug
    assert rows[0]["article"] == f"http://testserver/articles/{slug}/"


def test_no_report_while_the_batch_runs(staff_client):
    batch = ImportBatch.objects.create(created_by=staff_client.user, total=3)
    response = staff_client.get(f"/admin/imports/importbatch/{batch.pk}/report.csv")
    assert response.status_code == 404


def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(staff_client):
    """OWASP CSV injection: a leading =, +, -, @, tab or CR becomes text with a single quote."""
    preview = upload(
        staff_client,
        text_file("=cmd.txt", editorial(3, title='=HYPERLINK("http://evil.example","Click")')),
        text_file("@sum.txt", editorial(4, title="+1 for Diplomacy")),
        text_file("-dash.txt", editorial(5, title="-Minus Title")),
    )
    confirm(staff_client, preview.preview_url)

    rows = report(staff_client, ImportBatch.objects.get())

    assert [(row["file"], row["title"]) for row in rows] == [
        ("'=cmd.txt", '\'=HYPERLINK("http://evil.example","Click")'),
        ("'@sum.txt", "'+1 for Diplomacy"),
        ("'-dash.txt", "'-Minus Title"),
    ]
    assert rows[0]["position"] == "1"
