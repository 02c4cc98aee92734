"""Reader pages carry an ETag and Last-Modified for anonymous readers and answer a browser's
unchanged copy with 304 Not Modified, until a write changes what the page shows."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date, parse_http_date

from articles.models import Country
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return article_factory(paragraphs=3, countries=["Japan"])


def reader_pages(article) -> list[str]:
    japan = Country.objects.get(name="Japan")
    return [
        article.get_absolute_url(),
        article.get_absolute_url() + "?mentions=on",
        "/",
        "/?page=1",
        japan.get_absolute_url(),
        reverse("articles:country_feed", args=[japan.slug]),
        reverse("articles:archive"),
    ]


def test_every_reader_page_has_validators_and_answers_its_etag_with_304(client, article):
    for url in reader_pages(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('"'), url
        parse_http_date(response["Last-Modified"])
        assert "no-cache" in response["Cache-Control"], url

        again = client.get(url, headers={"if-none-match": response["ETag"]})

        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == response["ETag"]


def test_a_page_modified_since_a_day_before_is_sent_and_since_its_date_is_not(client, article):
    url = article.get_absolute_url()
    modified = client.get(url)["Last-Modified"]
    day_before = http_date(parse_http_date(modified) - timedelta(days=1).total_seconds())

    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(url, headers={"if-modified-since": day_before}).status_code == 200


def test_after_a_new_annotation_the_old_etag_gets_the_new_page(client, article):
    url = article.get_absolute_url()
    first = client.get(url)

    annotation_factory(paragraph=article.paragraphs.first(), body="Since your last visit.")
    again = client.get(
        url,
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Since your last visit." in again.content.decode()


def test_the_highlighted_page_has_its_own_etag(client, article):
    plain = client.get(article.get_absolute_url())["ETag"]
    highlighted = client.get(article.get_absolute_url() + "?mentions=on")

    assert highlighted["ETag"] != plain
    assert (
        client.get(
            article.get_absolute_url() + "?mentions=on", headers={"if-none-match": plain}
        ).status_code
        == 200
    )
    assert "Stop highlighting mentions" in highlighted.content.decode()


def test_a_signed_in_editor_gets_no_validators_and_never_a_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    editor = Client()
    editor.force_login(user_factory("editor"))

    response = editor.get(article.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")
    assert "Annotate paragraph 1" in response.content.decode()


def test_head_answers_an_unchanged_copy_with_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]

    response = client.head(article.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == 304


def test_a_missing_editorial_is_a_404_without_validators(client):
    response = client.get("/articles/2026-01-01-no-such-editorial/")

    assert response.status_code == 404
    assert not response.has_header("ETag")


def test_parameters_the_page_does_not_read_get_it_uncached_and_without_validators(client, article):
    response = client.get(article.get_absolute_url() + "?utm_source=newsletter")

    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_pages_vary_by_cookie_so_shared_caches_keep_readers_apart(client, article):
    first = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    for response in (first, cached):
        assert "Cookie" in response["Vary"]
