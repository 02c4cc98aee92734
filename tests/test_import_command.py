"""`manage.py import_editorials`: the public interface of DESIGN.md, end to end."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Paragraph
from tests.sample_editorials import (
    SAMPLE_PATH,
    editorial_variant,
    sample_paragraphs,
    write_editorial,
)

KST = ZoneInfo("Asia/Seoul")
pytestmark = pytest.mark.django_db


def run_import(*paths, dry_run=False) -> tuple[int, list[str]]:
    """Exit status and printed lines of one run of the command."""
    out = io.StringIO()
    args = [str(path) for path in paths] + (["--dry-run"] if dry_run else [])
    try:
        call_command("import_editorials", *args, stdout=out)
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, out.getvalue().splitlines()


def test_sample_is_imported_field_by_field():
    status, lines = run_import(SAMPLE_PATH)
    assert (status, lines) == (0, ["imported 1, updated 0, unchanged 0, failed 0"])
    article = Article.objects.get()
    assert article.label == "Editorial"
    assert article.title == (
        "President Lee Should Also Pursue Pragmatic, National-Interest-First Diplomacy with Japan"
    )
    assert article.publication == "The Financial News"
    assert article.published_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=KST)
    assert article.revised_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=KST)
    assert article.dateline.isoformat() == "2026-01-13"
    assert article.deck == []
    assert article.caption_credit == "Photo by Newsis News Agency"
    assert article.caption_text.endswith(
        "during the G20 Summit in the Republic of South Africa last November."
    )
    assert article.slug.startswith("2026-01-12-president-lee-should-also-pursue")
    assert list(article.paragraphs.values_list("text", flat=True)) == sample_paragraphs()
    assert list(article.paragraphs.values_list("position", flat=True)) == list(range(1, 8))


def test_second_run_on_the_same_files_changes_nothing(tmp_path):
    write_editorial(tmp_path, "a.txt", editorial_variant())
    write_editorial(tmp_path, "b.txt", editorial_variant(input_time="2026-01-13 09:00:00"))
    assert run_import(tmp_path)[1] == ["imported 2, updated 0, unchanged 0, failed 0"]
    before = list(Article.objects.values_list("id", "slug", "updated_at", "content_hash"))
    paragraphs_before = list(Paragraph.objects.values_list("id", "article_id", "position", "text"))

    assert run_import(tmp_path) == (0, ["imported 0, updated 0, unchanged 2, failed 0"])
    assert list(Article.objects.values_list("id", "slug", "updated_at", "content_hash")) == before
    assert (
        list(Paragraph.objects.values_list("id", "article_id", "position", "text"))
        == paragraphs_before
    )


def test_refused_files_are_named_with_their_reason_and_the_rest_are_imported(tmp_path):
    write_editorial(tmp_path, "good.txt", editorial_variant())
    write_editorial(tmp_path, "empty.txt", "  \n\n ")
    write_editorial(tmp_path, "no-input.txt", editorial_variant().replace("Input\n", ""))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    status, lines = run_import(tmp_path)
    assert status == 1
    assert lines[-1] == "imported 1, updated 0, unchanged 0, failed 3"
    refusals = dict(line.split(": ", 1) for line in lines[:-1])
    assert set(refusals) == {str(tmp_path / n) for n in ("empty.txt", "no-input.txt", "binary.txt")}
    assert "empty" in refusals[str(tmp_path / "empty.txt")]
    assert "Input" in refusals[str(tmp_path / "no-input.txt")]
    assert Article.objects.count() == 1


def test_title_too_long_for_the_archive_is_refused_before_writing(tmp_path):
    write_editorial(tmp_path, "long.txt", editorial_variant(title="Word " * 120))
    status, lines = run_import(tmp_path)
    assert status == 1
    assert lines[0] == f"{tmp_path / 'long.txt'}: title is 599 characters long; the limit is 500"
    assert not Article.objects.exists()


def test_a_paragraph_longer_than_editors_may_write_is_refused_before_writing(tmp_path):
    paragraphs = ["A short first paragraph.", "Long " * 4_001]
    write_editorial(tmp_path, "long.txt", editorial_variant(paragraphs=paragraphs))
    status, lines = run_import(tmp_path)
    assert status == 1
    assert lines[0] == (
        f"{tmp_path / 'long.txt'}: paragraph 2 is 20,004 characters long; the limit is 20,000"
    )
    assert not Article.objects.exists()


def test_zip_archive_imports_its_members_and_refuses_a_climbing_one(tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("2026/one.txt", editorial_variant())
        bundle.writestr("2026/two.txt", editorial_variant(input_time="2026-01-14 10:00:00"))
        bundle.writestr("../three.txt", editorial_variant(input_time="2026-01-15 10:00:00"))
    status, lines = run_import(archive)
    assert status == 1
    assert lines == [
        f"{archive}:../three.txt: path leaves the archive's folder ('..')",
        "imported 2, updated 0, unchanged 0, failed 1",
    ]
    assert Article.objects.count() == 2


def test_dry_run_reports_the_outcome_and_writes_nothing(tmp_path):
    write_editorial(tmp_path, "a.txt", editorial_variant())
    status, lines = run_import(tmp_path, dry_run=True)
    assert status == 0
    assert lines == ["dry run: nothing was written", "imported 1, updated 0, unchanged 0, failed 0"]
    assert not Article.objects.exists()
    assert not Paragraph.objects.exists()


def test_missing_path_is_refused_and_exits_one(tmp_path):
    status, lines = run_import(tmp_path / "nowhere")
    assert status == 1
    assert lines == [
        f"{tmp_path / 'nowhere'}: no such file or folder",
        "imported 0, updated 0, unchanged 0, failed 1",
    ]


def test_many_files_across_batches_all_arrive_in_order(tmp_path):
    """More files than one write batch: every one is imported with its own paragraphs."""
    for n in range(300):
        write_editorial(
            tmp_path,
            f"{n:04}.txt",
            editorial_variant(
                input_time=f"2025-{1 + n // 28 % 12:02}-{1 + n % 28:02} 0{n % 10}:{n % 60:02}:00",
                title=f"Editorial number {n}",
            ),
        )
    status, lines = run_import(tmp_path)
    assert (status, lines) == (0, ["imported 300, updated 0, unchanged 0, failed 0"])
    assert Paragraph.objects.count() == 300 * 7
    article = Article.objects.get(title="Editorial number 123")
    assert list(article.paragraphs.values_list("text", flat=True)) == sample_paragraphs()


def zip_with(path, members: list[tuple[str, str | bytes]]):
    """A zip written member by member; a repeated name is written twice (zipfile warns)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        with zipfile.ZipFile(path, "w") as bundle:
            for name, data in members:
                bundle.writestr(name, data)
    return path


def test_two_members_of_one_name_are_both_imported_and_told_apart(tmp_path):
    archive = zip_with(
        tmp_path / "twice.zip",
        [
            ("a.txt", editorial_variant(title="First of the name")),
            ("a.txt", "junk\n"),
            ("a.txt", editorial_variant(input_time="2026-01-14 10:00:00", title="Third")),
        ],
    )
    status, lines = run_import(archive)
    assert status == 1
    assert lines[0].startswith(f"{archive}:a.txt (duplicate 2): ")
    assert lines[-1] == "imported 2, updated 0, unchanged 0, failed 1"
    assert sorted(Article.objects.values_list("title", flat=True)) == ["First of the name", "Third"]


def test_hidden_characters_in_names_are_printed_escaped(tmp_path):
    archive = zip_with(tmp_path / "z.zip", [("bad\u202e\x1b[2J.txt", "junk\n")])
    _, lines = run_import(archive)
    assert lines[0].startswith(f"{archive}:bad\\u202e\\x1b[2J.txt: ")
    assert "\x1b" not in "".join(lines)
    assert "\u202e" not in "".join(lines)


def test_a_zip_inside_a_zip_is_refused_with_a_reason(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as bundle:
        bundle.writestr("x.txt", editorial_variant())
    archive = zip_with(tmp_path / "outer.zip", [("deep/inner.ZIP", inner.getvalue())])
    status, lines = run_import(archive)
    assert (status, lines) == (
        1,
        [
            f"{archive}:deep/inner.ZIP: nested archive inner.ZIP: unpack it and upload its files",
            "imported 0, updated 0, unchanged 0, failed 1",
        ],
    )
