"""Undo: created articles removed, updated ones restored, annotated ones never lost silently."""

import pytest
from pytest_django.asserts import assertContains

from annotations.models import Annotation
from articles.models import Article
from imports.models import ImportBatch, Status
from tests.admin_import_support import (
    confirm,
    editorial,
    text_file,
    upload,
)
from tests.factories import annotation_factory
from tests.sample_editorials import sample_paragraphs

pytestmark = pytest.mark.django_db


def run(client, *files) -> ImportBatch:
    confirm(client, upload(client, *files).preview_url)
    return ImportBatch.objects.order_by("-id").first()


def undo_url(batch: ImportBatch) -> str:
    return f"/admin/imports/importbatch/{batch.pk}/undo/"


def corrected_paragraphs() -> list[str]:
    paragraphs = sample_paragraphs()
    return [paragraphs[0] + " (corrected)", *paragraphs[1:6]]


@pytest.fixture
def updated(staff_client):
    """An article imported, then corrected (first paragraph changed, last removed) by a batch."""
    run(staff_client, text_file("a.txt", editorial(3)))
    article = Article.objects.get()
    ids = list(article.paragraphs.order_by("position").values_list("id", flat=True))
    batch = run(
        staff_client,
        text_file("a2.txt", editorial(3, title="Corrected", paragraphs=corrected_paragraphs())),
        text_file("new.txt", editorial(4)),
    )
    return batch, article, ids


def test_undo_page_lists_what_it_would_do(staff_client, updated):
    batch, _, _ = updated
    response = staff_client.get(undo_url(batch))
    assertContains(response, "To remove: 1")
    assertContains(response, "To restore: 1")


def test_undo_removes_created_and_restores_updated_keeping_paragraph_ids(staff_client, updated):
    batch, article, ids = updated

    response = staff_client.post(undo_url(batch), follow=True)

    assertContains(response, "undone: 1 removed, 1 restored, 0 left in place")
    assert list(Article.objects.values_list("title", flat=True)) == [
        "President Lee Should Also Pursue Pragmatic, National-Interest-First Diplomacy with Japan"
    ]
    article.refresh_from_db()
    rows = list(article.paragraphs.order_by("position").values_list("id", "text"))
    assert [text for _, text in rows] == sample_paragraphs()
    # Paragraphs 2-6 never changed text: they keep their rows throughout.
    assert [row_id for row_id, _ in rows][1:6] == ids[1:6]
    batch.refresh_from_db()
    assert batch.status == Status.UNDONE
    assert batch.undone_by == staff_client.user


def test_undo_refuses_when_an_updated_article_was_annotated_since(staff_client, updated):
    batch, article, _ = updated
    annotation_factory(paragraph=article.paragraphs.get(position=2))

    response = staff_client.post(undo_url(batch))

    assertContains(response, "Undo was refused", status_code=409)
    assertContains(response, f"{article.slug}: has 1 annotation", status_code=409)
    assert Article.objects.count() == 2
    assert Article.objects.get(pk=article.pk).title == "Corrected"


def test_undo_with_confirmation_restores_and_keeps_the_annotations(staff_client, updated):
    batch, article, _ = updated
    note = annotation_factory(paragraph=article.paragraphs.get(position=2))

    staff_client.post(undo_url(batch), {"keep_annotations": "on"})

    article.refresh_from_db()
    assert article.title.startswith("President Lee")
    note = Annotation.objects.get(pk=note.pk)
    assert note.paragraph.text == sample_paragraphs()[1]


def test_annotated_created_article_is_never_removed(staff_client, updated):
    batch, _, _ = updated
    created = Article.objects.get(title__startswith="President Lee", published_at__day=4)
    annotation_factory(paragraph=created.paragraphs.first())

    page = staff_client.get(undo_url(batch))
    assertContains(page, "created by this import and annotated since")
    staff_client.post(undo_url(batch))

    assert Article.objects.filter(pk=created.pk).exists()
    assert Annotation.objects.filter(article=created).count() == 1
    batch.refresh_from_db()
    assert batch.status == Status.PARTLY_UNDONE
    assert "annotated since" in batch.undo_notes[0]


def test_article_changed_by_a_later_import_is_left_alone(staff_client, updated):
    batch, article, _ = updated
    run(staff_client, text_file("a3.txt", editorial(3, title="Later still")))

    staff_client.post(undo_url(batch))

    assert Article.objects.get(pk=article.pk).title == "Later still"
    batch.refresh_from_db()
    assert any("changed since this import" in note for note in batch.undo_notes)


def test_a_batch_is_undone_only_once(staff_client, updated):
    batch, _, _ = updated
    staff_client.post(undo_url(batch))
    response = staff_client.post(undo_url(batch))
    assertContains(response, "cannot be undone", status_code=409)


def test_undo_retags_the_restored_text(staff_client):
    """Automatic tags follow the restored paragraphs, as they followed the imported ones."""
    from tests.factories import country_factory

    country_factory(name="Japan")
    run(staff_client, text_file("a.txt", editorial(3)))
    article = Article.objects.get()
    assert list(article.countries.names()) == ["Japan"]
    no_japan = [p.replace("Japan", "the neighbour") for p in sample_paragraphs()]
    batch = run(staff_client, text_file("a2.txt", editorial(3, paragraphs=no_japan)))
    assert list(article.countries.names()) == []

    staff_client.post(undo_url(batch))

    assert list(article.countries.names()) == ["Japan"]
