"""The JSON API: the fields, formats and pagination DESIGN.md promises, page sizes, and list
rows that carry their paragraphs only when asked."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import article_factory

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"
FIELDS = {
    "slug",
    "title",
    "label",
    "publication",
    "published_at",
    "revised_at",
    "dateline",
    "deck",
    "caption",
    "paragraphs",
    "leaders",
    "countries",
    "agenda",
    "url",
}
# A list row: the detail's fields but the paragraphs (unless asked), and two of its own.
ROW_FIELDS = FIELDS - {"paragraphs"} | {"paragraph_count", "api_url"}
# Count, articles (with their paragraph counts), one query per tag kind; paragraphs if asked.
LIST_MAX_QUERIES = 5
LIST_WITH_PARAGRAPHS_MAX_QUERIES = 6
DETAIL_MAX_QUERIES = 5


def full_article(**overrides):
    fields = {
        "slug": "pragmatic-diplomacy",
        "title": "President Lee Should Pursue Pragmatic Diplomacy",
        "label": "Editorial",
        "publication": "The Financial News",
        "published_at": datetime(2026, 1, 12, 9, 32, 8, tzinfo=UTC),
        "revised_at": datetime(2026, 1, 13, 1, 0, tzinfo=UTC),
        "dateline": date(2026, 1, 13),
        "deck": ["Summit in Tokyo", "Shuttle diplomacy resumes"],
        "caption_text": "The leaders meet at the G20.",
        "caption_credit": "/ Photo by Newsis",
        "leaders": ["Sanae Takaichi", "Lee Jae-myung", "Nicolás Maduro"],
        "countries": ["Japan", "China"],
        "agenda": ["CPTPP"],
    }
    fields.update(overrides)
    return article_factory(paragraphs=2, **fields)


def test_detail_has_exactly_the_documented_fields_and_values(client):
    article = full_article()
    first, second = article.paragraphs.order_by("position")

    response = client.get(f"{LIST}pragmatic-diplomacy/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "slug": "pragmatic-diplomacy",
        "title": "President Lee Should Pursue Pragmatic Diplomacy",
        "label": "Editorial",
        "publication": "The Financial News",
        "published_at": "2026-01-12T18:32:08+09:00",
        "revised_at": "2026-01-13T10:00:00+09:00",
        "dateline": "2026-01-13",
        "deck": ["Summit in Tokyo", "Shuttle diplomacy resumes"],
        "caption": {"text": "The leaders meet at the G20.", "credit": "/ Photo by Newsis"},
        "paragraphs": [
            {"id": first.id, "position": 1, "text": first.text},
            {"id": second.id, "position": 2, "text": second.text},
        ],
        "leaders": ["Lee Jae-myung", "Nicolás Maduro", "Sanae Takaichi"],
        "countries": ["China", "Japan"],
        "agenda": ["CPTPP"],
        "url": "http://testserver/articles/pragmatic-diplomacy/",
    }


def test_detail_gives_null_for_absent_revision_dateline_and_caption(client):
    article_factory(slug="bare", revised_at=None, dateline=None)

    data = client.get(f"{LIST}bare/").json()

    assert set(data) == FIELDS
    assert data["revised_at"] is None
    assert data["dateline"] is None
    assert data["caption"] is None
    assert data["deck"] == []
    assert data["leaders"] == data["countries"] == data["agenda"] == []


def test_detail_writes_non_ascii_text_as_is(client):
    full_article()

    body = client.get(f"{LIST}pragmatic-diplomacy/").content.decode()

    assert "Nicolás Maduro" in body


def test_unknown_article_is_a_json_404(client):
    response = client.get(f"{LIST}no-such-editorial/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    "address", ["/api/articles/not a slug/", "/api/nothing/", "/api/leaders/a/b/"]
)
def test_an_address_not_in_the_api_is_a_json_404(client, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("address", ["/api/articles/not a slug/", "/api/nothing/"])
def test_an_address_not_in_the_api_is_a_json_404_with_debug_on_too(client, settings, address):
    """`make run` serves with DEBUG on, where Django answers with its technical 404 page."""
    settings.DEBUG = True
    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_a_missing_slash_under_the_api_is_still_added(client, settings):
    settings.DEBUG = True
    article_factory(slug="bare")

    response = client.get(f"{LIST}bare")

    assert response.status_code == 301
    assert response["Location"] == f"{LIST}bare/"


def test_a_page_outside_the_api_stays_the_archives_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_api_refuses_writes(client):
    article_factory(slug="bare")

    assert client.post(LIST).status_code == 405
    assert client.post(f"{LIST}?paragraphs=maybe").status_code == 405
    assert client.delete(f"{LIST}bare/").status_code == 405


def test_head_and_options_answer_the_list(client):
    article_factory()

    assert client.head(LIST, {"page_size": 1}).status_code == 200
    assert client.head(LIST, {"page_size": 0}).status_code == 400
    options = client.options(LIST)
    assert options.status_code == 200
    assert "GET" in options["Allow"]


def test_list_pages_20_newest_first_with_absolute_links(client):
    articles = [article_factory() for _ in range(45)]  # each older than the one before
    slugs = [article.slug for article in articles]

    first = client.get(LIST).json()
    second = client.get(LIST, {"page": 2}).json()
    last = client.get(LIST, {"page": 3}).json()

    assert first["count"] == 45
    assert [item["slug"] for item in first["results"]] == slugs[:20]
    assert [item["slug"] for item in second["results"]] == slugs[20:40]
    assert [item["slug"] for item in last["results"]] == slugs[40:]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/articles/?page=2"
    assert second["previous"] == "http://testserver/api/articles/?page=1"
    assert second["next"] == "http://testserver/api/articles/?page=3"
    assert last["next"] is None


def test_list_rows_are_the_detail_without_paragraphs_with_their_count_and_address(client):
    full_article()
    article_factory()

    results = client.get(LIST).json()["results"]

    detail = client.get(f"{LIST}pragmatic-diplomacy/").json()
    del detail["paragraphs"]
    assert results[0] == {
        **detail,
        "paragraph_count": 2,
        "api_url": "http://testserver/api/articles/pragmatic-diplomacy/",
    }
    assert all(set(item) == ROW_FIELDS for item in results)


def test_list_rows_carry_the_paragraphs_when_asked(client):
    full_article()

    row = client.get(LIST, {"paragraphs": "true"}).json()["results"][0]

    assert row["paragraphs"] == client.get(f"{LIST}pragmatic-diplomacy/").json()["paragraphs"]
    assert set(row) == ROW_FIELDS | {"paragraphs"}


def test_list_rows_leave_the_paragraphs_out_with_paragraphs_false(client):
    full_article()

    row = client.get(LIST, {"paragraphs": "false"}).json()["results"][0]

    assert "paragraphs" not in row


def test_an_unreadable_paragraphs_parameter_is_a_400_naming_it(client):
    response = client.get(LIST, {"paragraphs": "sometimes"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["paragraphs"]


def test_a_row_counts_an_article_without_paragraphs_as_zero(client):
    article_factory(paragraphs=0)

    assert client.get(LIST).json()["results"][0]["paragraph_count"] == 0


def test_page_size_sets_the_rows_per_page_and_stays_in_the_links(client):
    articles = [article_factory() for _ in range(12)]

    first = client.get(LIST, {"page_size": 5}).json()
    last = client.get(LIST, {"page_size": 5, "page": 3}).json()

    assert first["count"] == 12
    assert [item["slug"] for item in first["results"]] == [a.slug for a in articles[:5]]
    assert first["next"] == "http://testserver/api/articles/?page_size=5&page=2"
    assert [item["slug"] for item in last["results"]] == [a.slug for a in articles[10:]]
    assert last["previous"] == "http://testserver/api/articles/?page_size=5&page=2"


def test_page_size_may_be_100(client):
    for _ in range(101):
        article_factory(paragraphs=0)

    data = client.get(LIST, {"page_size": 100}).json()

    assert len(data["results"]) == 100
    assert data["next"] is not None


@pytest.mark.parametrize("size", ["0", "101", "-3", "ten", "2.5", ""])
def test_a_page_size_outside_1_to_100_is_a_400_saying_the_range(client, size):
    response = client.get(LIST, {"page_size": size})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"page_size": ["Give a whole number of rows from 1 to 100."]}


def test_empty_list(client):
    assert client.get(LIST).json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("page", ["0", "3", "two", "-1", "", "last"])
def test_list_page_out_of_range_or_not_a_number_is_a_json_404(client, page):
    for _ in range(21):
        article_factory()

    response = client.get(LIST, {"page": page})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Invalid page")


@pytest.mark.parametrize(
    ("params", "most"),
    [({}, LIST_MAX_QUERIES), ({"paragraphs": "true"}, LIST_WITH_PARAGRAPHS_MAX_QUERIES)],
    ids=["rows", "rows with paragraphs"],
)
def test_list_costs_the_same_queries_for_20_articles_as_for_2(
    client, count_queries, django_assert_num_queries, params, most
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    for _ in range(2):
        article_factory(paragraphs=5, **tags)
    small = count_queries(lambda: client.get(LIST, params))
    for _ in range(18):
        article_factory(paragraphs=5, **tags)

    with django_assert_num_queries(small):
        response = client.get(LIST, params)

    assert small <= most
    assert len(response.json()["results"]) == 20
    assert all(row["paragraph_count"] == 5 for row in response.json()["results"])


def test_detail_costs_the_same_queries_for_30_paragraphs_as_for_3(
    client, count_queries, django_assert_num_queries
):
    short = article_factory(paragraphs=3, leaders=["Lee Jae-myung"])
    long = article_factory(paragraphs=30, leaders=["Lee Jae-myung"])
    small = count_queries(lambda: client.get(f"{LIST}{short.slug}/"))

    with django_assert_num_queries(small):
        response = client.get(f"{LIST}{long.slug}/")

    assert small <= DETAIL_MAX_QUERIES
    assert len(response.json()["paragraphs"]) == 30
