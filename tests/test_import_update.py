"""Re-importing a corrected editorial updates it in place and keeps unchanged paragraphs' ids."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.importing import Candidate, Fate, editorials_import, new_articles_write
from articles.models import Article
from articles.parsing import parse_editorial
from articles.signals import paragraphs_changed
from articles.sources import opened_sources
from tests.sample_editorials import editorial_variant, sample_paragraphs, write_editorial

KST = ZoneInfo("Asia/Seoul")
pytestmark = pytest.mark.django_db


def import_texts(tmp_path, *texts: str):
    """Import each text as its own file, in order, in one run; return the report."""
    folder = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    for number, text in enumerate(texts):
        write_editorial(folder, f"{number:03}.txt", text)
    with opened_sources([folder]) as sources:
        return editorials_import(sources=sources)


def paragraph_ids(article: Article) -> dict[str, int]:
    return dict(article.paragraphs.values_list("text", "id"))


@pytest.fixture
def imported(tmp_path):
    report = import_texts(tmp_path, editorial_variant())
    assert report.summary() == "imported 1, updated 0, unchanged 0, failed 0"
    return Article.objects.get()


@pytest.fixture
def signals_received():
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    paragraphs_changed.connect(listener)
    yield received
    paragraphs_changed.disconnect(listener)


def test_corrected_paragraph_updates_the_article_and_keeps_every_row(tmp_path, imported):
    ids_before = list(imported.paragraphs.values_list("id", flat=True))
    corrected = sample_paragraphs()
    corrected[2] = corrected[2].replace("some 130 Koreans", "some 136 Koreans")
    report = import_texts(
        tmp_path, editorial_variant(updated_time="2026-01-13 08:00:00", paragraphs=corrected)
    )
    assert report.summary() == "imported 0, updated 1, unchanged 0, failed 0"
    article = Article.objects.get()
    assert article.id == imported.id and article.slug == imported.slug
    assert article.revised_at == datetime(2026, 1, 13, 8, 0, tzinfo=KST)
    assert list(article.paragraphs.values_list("text", flat=True)) == corrected
    assert list(article.paragraphs.values_list("id", flat=True)) == ids_before


def test_inserted_and_removed_paragraphs_leave_unchanged_ones_with_their_ids(tmp_path, imported):
    before = paragraph_ids(imported)
    original = sample_paragraphs()
    corrected = [original[0], "A new paragraph added by the desk.", *original[1:5], original[6]]
    import_texts(tmp_path, editorial_variant(paragraphs=corrected))
    article = Article.objects.get()
    after = paragraph_ids(article)
    assert list(article.paragraphs.values_list("text", flat=True)) == corrected
    for text in original[:5] + original[6:]:
        assert after[text] == before[text]
    assert original[5] not in after
    assert list(article.paragraphs.values_list("position", flat=True)) == list(range(1, 8))


def test_reordered_paragraphs_keep_their_ids(tmp_path, imported):
    before = paragraph_ids(imported)
    reordered = list(reversed(sample_paragraphs()))
    import_texts(tmp_path, editorial_variant(paragraphs=reordered))
    article = Article.objects.get()
    assert list(article.paragraphs.values_list("text", flat=True)) == reordered
    assert paragraph_ids(article) == before


def test_update_announces_old_and_new_texts(tmp_path, imported, signals_received):
    corrected = sample_paragraphs()[:-1]
    import_texts(tmp_path, editorial_variant(paragraphs=corrected))
    [signal] = signals_received
    assert signal["article"].id == imported.id
    assert list(signal["old_texts"]) == sample_paragraphs()
    assert list(signal["new_texts"]) == corrected
    assert [p.text for p in signal["paragraphs"]] == corrected


def test_unchanged_reimport_announces_nothing(tmp_path, imported, signals_received):
    report = import_texts(tmp_path, editorial_variant())
    assert report.summary() == "imported 0, updated 0, unchanged 1, failed 0"
    assert signals_received == []


def test_title_correction_keeps_the_address(tmp_path, imported):
    import_texts(tmp_path, editorial_variant(title="A Corrected Title"))
    article = Article.objects.get()
    assert (article.title, article.slug) == ("A Corrected Title", imported.slug)


def test_older_version_than_the_archived_one_is_refused(tmp_path):
    import_texts(tmp_path, editorial_variant(updated_time="2026-01-14 09:00:00"))
    stale = editorial_variant(updated_time="2026-01-13 09:00:00", title="Stale Title")
    report = import_texts(tmp_path, stale)
    [outcome] = report.failures
    assert report.summary() == "imported 0, updated 0, unchanged 0, failed 1"
    assert outcome.reason.startswith("older than the archived version")
    assert Article.objects.get().title != "Stale Title"


def test_two_versions_in_one_run_apply_in_file_order(tmp_path):
    corrected = sample_paragraphs()[:6]
    report = import_texts(
        tmp_path,
        editorial_variant(),
        editorial_variant(updated_time="2026-01-12 20:00:00", paragraphs=corrected),
    )
    assert report.summary() == "imported 1, updated 1, unchanged 0, failed 0"
    assert list(Article.objects.get().paragraphs.values_list("text", flat=True)) == corrected


def test_batch_meeting_an_article_created_meanwhile_falls_back_file_by_file(tmp_path, imported):
    """If another import created one of a batch's articles first, the rest still go in."""
    texts = [
        editorial_variant(updated_time="2026-01-12 19:00:00", title="Changed meanwhile"),
        editorial_variant(input_time="2026-02-01 10:00:00", title="Another editorial"),
    ]
    candidates = [
        Candidate.of(f"{n}.txt", parse_editorial(text.encode())) for n, text in enumerate(texts)
    ]
    outcomes = new_articles_write(candidates)
    assert [(o.name, o.fate) for o in outcomes] == [
        ("0.txt", Fate.UPDATED),
        ("1.txt", Fate.IMPORTED),
    ]
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Changed meanwhile",
        "Another editorial",
    }
