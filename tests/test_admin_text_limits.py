"""The admin's free-text fields have limits: an over-long value is a form error that names
the field and the limit, and nothing is saved."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.models.articles import CAPTION_MAX_CHARS, PARAGRAPH_MAX_CHARS
from tests.factories import article_factory, country_factory
from tests.test_admin import change_form_data

pytestmark = pytest.mark.django_db


def post_change(admin_client, article, **overrides):
    return admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form_data(article, **overrides),
    )


def test_a_paragraph_over_the_limit_is_refused_and_nothing_changes(admin_client):
    article = article_factory(paragraphs=2)
    before = list(article.paragraphs.values_list("text", flat=True))

    response = post_change(
        admin_client, article, **{"paragraphs-0-text": "w" * (PARAGRAPH_MAX_CHARS + 1)}
    )

    assert response.status_code == 200
    assert f"has at most {PARAGRAPH_MAX_CHARS} characters" in response.content.decode()
    assert list(article.paragraphs.values_list("text", flat=True)) == before


def test_a_paragraph_at_the_limit_is_saved(admin_client):
    article = article_factory(paragraphs=2)
    response = post_change(
        admin_client, article, **{"paragraphs-0-text": "w" * PARAGRAPH_MAX_CHARS}
    )
    assert response.status_code == 302


def test_a_caption_over_the_limit_is_refused(admin_client):
    article = article_factory()
    response = post_change(admin_client, article, caption_text="c" * (CAPTION_MAX_CHARS + 1))
    assert response.status_code == 200
    assert f"has at most {CAPTION_MAX_CHARS} characters" in response.content.decode()
    assert Article.objects.get(pk=article.pk).caption_text == article.caption_text


def test_an_over_long_deck_line_is_refused_with_its_number(admin_client):
    article = article_factory()
    response = post_change(admin_client, article, deck="A fine line\n" + "d" * 301)
    assert response.status_code == 200
    assert "Line 2 has 301 characters; the limit is 300." in response.content.decode()
    assert Article.objects.get(pk=article.pk).deck == article.deck


def test_an_entity_description_over_the_limit_is_refused(admin_client):
    country = country_factory()
    response = admin_client.post(
        reverse("admin:articles_country_change", args=[country.pk]),
        {"name": country.name, "slug": country.slug, "description": "x" * 2001, "aliases": ""},
    )
    assert response.status_code == 200
    assert "has at most 2000 characters (it has 2001)" in response.content.decode()
