"""Re-importing a corrected editorial keeps every annotation: moved by its quote, or orphaned."""

import pytest
from django.urls import reverse

from annotations.models import Action, Annotation
from articles.importing import editorials_import
from articles.models import Article
from articles.sources import opened_sources
from tests.factories import annotation_factory, user_factory
from tests.sample_editorials import editorial_variant, sample_paragraphs, write_editorial

pytestmark = pytest.mark.django_db


def import_text(folder, text: str) -> str:
    folder.mkdir(exist_ok=True)
    name = f"{len(list(folder.iterdir())):03}.txt"
    write_editorial(folder, name, text)
    with opened_sources([folder / name]) as sources:
        return editorials_import(sources=sources).summary()


@pytest.fixture
def article(tmp_path):
    import_text(tmp_path / "imports", editorial_variant())
    return Article.objects.get()


def paragraph(article, position):
    return article.paragraphs.get(position=position)


def annotate(article, position, quote=""):
    return annotation_factory(paragraph=paragraph(article, position), quote=quote)


def reimport(tmp_path, paragraphs):
    summary = import_text(tmp_path / "imports", editorial_variant(paragraphs=paragraphs))
    assert summary == "imported 0, updated 1, unchanged 0, failed 0"


def where(annotation):
    """(paragraph position or None, the quoted text as it now stands in that paragraph)."""
    annotation.refresh_from_db()
    if annotation.paragraph is None:
        return None, annotation.quote_exact
    text = annotation.paragraph.text
    quoted = text[annotation.quote_start : annotation.quote_end] if annotation.has_quote else ""
    return annotation.paragraph.position, quoted


def test_corrected_editorial_moves_fixes_and_orphans_but_deletes_nothing(tmp_path, article):
    original = sample_paragraphs()
    unchanged = annotate(article, 3, "Josei Coal Mine")
    corrected_words = annotate(article, 3, "the remains of some 130 Koreans who were forcibly")
    whole_moved = annotate(article, 5)
    quote_moved = annotate(article, 4, "Comprehensive and Progressive Agreement")
    removed_quote = annotate(article, 6, "Prime Minister Takaichi made the outrageous claim")
    split_quote = annotate(article, 1, "four-day state visit to China")
    reply = annotation_factory(paragraph=paragraph(article, 5), body="x")  # a second thread
    before = Annotation.objects.count()

    first_sentence, rest = original[0].split(". ", 1)
    corrected = [
        first_sentence + ".",  # paragraph 1 split in two
        rest,
        original[1],
        original[2].replace("some 130 Koreans", "some 136 Koreans"),
        original[4],  # paragraphs 4 and 5 swapped
        original[3],
        "This diplomatic environment demands a responsible attitude from both countries.",
        original[6],
    ]
    reimport(tmp_path, corrected)

    assert Annotation.objects.count() == before
    assert where(unchanged) == (4, "Josei Coal Mine")
    position, quoted = where(corrected_words)
    assert position == 4 and "136 Koreans" in quoted and quoted.startswith("the remains")
    assert where(whole_moved) == (5, "")
    assert where(quote_moved) == (6, "Comprehensive and Progressive Agreement")
    assert where(split_quote) == (2, "four-day state visit to China")
    assert where(removed_quote) == (None, "Prime Minister Takaichi made the outrageous claim")
    assert where(reply)[0] == 5
    flagged = {
        name: (annotation.needs_review, annotation.move_method)
        for name, annotation in [
            ("unchanged", unchanged),
            ("corrected_words", corrected_words),
            ("whole_moved", whole_moved),
            ("quote_moved", quote_moved),
            ("split_quote", split_quote),
        ]
    }
    # Only the corrected words wait for an editor; words found exactly in their context
    # (also after a split, a swap or a shift) move silently.
    assert flagged == {
        "unchanged": (False, ""),
        "corrected_words": (True, "context"),
        "whole_moved": (False, ""),
        "quote_moved": (False, ""),
        "split_quote": (False, ""),
    }


def test_every_move_and_orphaning_is_a_revision_by_the_archive(tmp_path, article):
    moved = annotate(article, 5, "export controls on rare-earth elements")
    lost = annotate(article, 6, "Prime Minister Takaichi made the outrageous claim")
    original = sample_paragraphs()
    merged = f"{original[3]} {original[4]}"
    reimport(tmp_path, [*original[:3], merged, "A new paragraph.", original[6]])

    assert where(moved) == (4, "export controls on rare-earth elements")
    [move] = moved.revisions.filter(action=Action.REANCHOR)
    assert move.actor is None
    assert move.reason == "Placed by exact match in paragraph 4."
    assert move.previous["paragraph"] != move.content["paragraph"]
    assert move.content["quote"]["start"] == merged.index("export controls on rare-earth")
    [orphaning] = lost.revisions.filter(action=Action.ORPHAN)
    assert orphaning.previous["quote"]["exact"] == (
        "Prime Minister Takaichi made the outrageous claim"
    )


def test_unchanged_paragraphs_keep_their_annotations_without_new_revisions(tmp_path, article):
    kept = annotate(article, 2, "back-to-back visits")
    original = sample_paragraphs()
    reimport(tmp_path, original[:6])  # only the last paragraph goes
    assert where(kept) == (2, "back-to-back visits")
    assert kept.revisions.count() == 1


def test_orphans_are_listed_for_editors_and_reattached_by_their_author(client, tmp_path, article):
    lost = annotate(article, 6, "Prime Minister Takaichi made the outrageous claim")
    original = sample_paragraphs()
    reimport(tmp_path, [*original[:5], "Recently, the prime minister spoke.", original[6]])
    client.force_login(user_factory("editor"))
    listing = client.get(reverse("annotations:orphans"))
    assert "Prime Minister Takaichi made the outrageous claim" in listing.content.decode()
    editor = lost.author
    client.force_login(editor)

    listing = client.get(reverse("annotations:orphans"))
    assert "Prime Minister Takaichi made the outrageous claim" in listing.content.decode()

    response = client.post(
        reverse("annotations:reattach", args=[lost.pk]),
        {"position": 6, "quote": "the prime minister spoke"},
    )
    assert response.status_code == 302
    assert where(lost) == (6, "the prime minister spoke")
    assert lost.revisions.filter(action=Action.REATTACH, actor=editor).exists()


def test_orphans_page_is_not_for_readers(client):
    client.force_login(user_factory("reader"))
    assert client.get(reverse("annotations:orphans")).status_code == 403


def test_a_reimport_that_corrects_quoted_words_lists_the_annotation_for_review(
    client, tmp_path, article
):
    corrected_words = annotate(article, 3, "the remains of some 130 Koreans who were forcibly")
    original = sample_paragraphs()
    reimport(tmp_path, [*original[:2], original[2].replace("some 130", "some 136"), *original[3:]])

    [move] = corrected_words.revisions.filter(action=Action.REANCHOR)
    assert move.reason.startswith("Placed by the words around it")
    assert move.content["needs_review"] and not move.previous["needs_review"]
    client.force_login(user_factory("editor"))
    listing = client.get(reverse("annotations:moved")).content.decode()
    assert '<span class="visually-hidden">removed: </span>130 </del>' in listing
    assert '<span class="visually-hidden">added: </span>136 </ins>' in listing
