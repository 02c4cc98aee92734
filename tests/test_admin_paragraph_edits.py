"""Editing paragraphs in the admin keeps ids and moves annotations, as a re-import does."""

import pytest
from django.urls import reverse

from annotations.models import Annotation
from articles.models import Article
from tests.factories import annotation_factory, article_factory
from tests.test_admin import change_form_data

pytestmark = pytest.mark.django_db


def test_admin_paragraph_edit_keeps_ids_and_re_anchors_annotations(admin_client):
    article = article_factory(paragraphs=3)
    second = article.paragraphs.get(position=2)
    note = annotation_factory(paragraph=second, quote="historical issues")
    ids_before = list(article.paragraphs.values_list("id", flat=True))
    edited = "A sentence added first. " + second.text

    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, **{"paragraphs-1-text": edited}),
    )

    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert list(article.paragraphs.values_list("id", flat=True)) == ids_before
    assert article.paragraphs.get(position=2).text == edited
    note.refresh_from_db()
    assert note.paragraph_id == second.id
    assert edited[note.quote_start : note.quote_end] == "historical issues"


def test_deleting_an_annotated_paragraph_in_the_admin_orphans_its_note_not_a_guess(admin_client):
    article = article_factory(paragraphs=3)
    third = article.paragraphs.get(position=3)
    note = annotation_factory(paragraph=third, quote="two neighbours")

    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, **{"paragraphs-2-DELETE": "on"}),
    )

    assert response.status_code == 302
    assert article.paragraphs.count() == 2
    note.refresh_from_db()
    # The same words, in the same context, stand in both other paragraphs: look-alikes the
    # correction left alone, not the deleted paragraph's words moved. Nothing is guessed.
    assert note.paragraph is None and note.quote_exact == "two neighbours"
    assert note.revisions.filter(action="orphan").exists()
    assert note in Annotation.objects.orphaned()
