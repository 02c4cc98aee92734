"""The search pages ask whatever backend the `SEARCH_BACKEND` setting names, through
search/backends.py's interface; the database's own engines are the default."""

import pytest
from django.test import override_settings
from pytest_django.asserts import assertContains

from articles.models import Article
from search.backends import DatabaseSearchBackend, Found, search_backend
from tests.factories import article_factory

pytestmark = pytest.mark.django_db


class TitleBackend:
    """Another engine, as small as one can be: every word in the title, newest first."""

    def _ids(self, query) -> list[int]:
        rows = Article.objects.order_by("-published_at", "-pk").values_list("pk", "title")
        words = query.words
        return [pk for pk, title in rows if all(w in title.casefold().split() for w in words)]

    def search(self, query, selection, *, limit, offset, count_cap) -> Found:
        ids = self._ids(query)
        return Found(ids=ids[offset : offset + limit], rows=[("total", None, None, len(ids))])

    def ranked_ids(self, query, selection, *, limit, offset, count_cap) -> list[int]:
        return self._ids(query)[offset : offset + limit]

    def highlights(self, query, article_ids):
        return {}


def test_the_database_answers_by_default():
    assert isinstance(search_backend(), DatabaseSearchBackend)


@override_settings(SEARCH_BACKEND="tests.test_search_backends.TitleBackend")
def test_the_setting_names_the_backend_the_page_and_the_api_ask(client):
    article_factory(title="Trade winds", paragraphs=1)
    article_factory(title="Weather", paragraphs=1)

    page = client.get("/search/", {"q": "trade"})
    data = client.get("/api/articles/", {"q": "winds"}).json()

    assertContains(page, "1 editorial found for “trade”")
    assertContains(page, ">Trade winds</a>")
    assert [row["title"] for row in data["results"]] == ["Trade winds"]
    assert (data["count"], data["count_is_capped"]) == (1, False)
