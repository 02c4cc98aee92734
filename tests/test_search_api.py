"""The JSON list endpoint takes the search page's parameters: `q` and the facets, with the
list's own `page_size` and `paragraphs`."""

from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Paragraph
from tests.factories import article_factory

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"
FIELDS = {"slug", "title", "label", "publication", "published_at", "revised_at", "dateline"}
FIELDS |= {"deck", "caption", "leaders", "countries", "agenda", "url"}
FIELDS |= {"paragraph_count", "api_url"}
# Total, facet counts and one page of ids (one statement), the articles (with their paragraph
# counts) and three tag kinds; one more to look up chosen facet values, one more for the
# paragraphs when asked.
SEARCH_QUERIES = 5
SEARCH_QUERIES_WITH_FACETS = 6
SEARCH_QUERIES_WITH_PARAGRAPHS = 6


def editorial(title: str, *paragraphs: str, days_ago: int = 0, **tags):
    article = article_factory(
        title=title,
        paragraphs=0,
        published_at=datetime(2026, 1, 10, tzinfo=UTC) - timedelta(days=days_ago),
        **tags,
    )
    Paragraph.objects.bulk_create(
        Paragraph(article=article, position=position, text=text)
        for position, text in enumerate(paragraphs, start=1)
    )
    return article


def slugs(data: dict) -> list[str]:
    return [item["slug"] for item in data["results"]]


def test_without_search_parameters_the_list_is_unchanged(client):
    editorial("One", "Text.")

    data = client.get(LIST).json()

    assert set(data) == {"count", "next", "previous", "results"}


def test_q_lists_matches_best_first_with_the_same_fields(client):
    passing = editorial("Notes", "A word about semiconductors, among many others.", days_ago=0)
    central = editorial("Semiconductors", "Semiconductors and more semiconductors.", days_ago=5)
    editorial("Other", "Nothing.")

    data = client.get(LIST, {"q": "semiconductor"}).json()

    assert slugs(data) == [central.slug, passing.slug]
    assert data["count"] == 2
    assert all(set(item) == FIELDS for item in data["results"])


def test_search_rows_carry_their_paragraphs_when_asked(client):
    editorial("Semiconductors", "Semiconductors and more semiconductors.", "And chips.")

    data = client.get(LIST, {"q": "semiconductor", "paragraphs": "true"}).json()

    [row] = data["results"]
    assert [p["text"] for p in row["paragraphs"]] == [
        "Semiconductors and more semiconductors.",
        "And chips.",
    ]
    assert row["paragraph_count"] == 2


def test_search_results_carry_facet_counts(client):
    editorial("Tokyo", "Trade.", leaders=["Lee Jae-myung"], countries=["Japan"], agenda=["CPTPP"])
    editorial("Seoul", "Trade.", leaders=["Lee Jae-myung"], countries=["South Korea"])

    data = client.get(LIST, {"q": "trade", "country": "japan"}).json()

    assert data["count"] == 1
    assert data["facets"] == {
        "leader": [
            {
                "value": "lee-jae-myung",
                "name": "Lee Jae-myung",
                "count": 1,
                "count_is_capped": False,
                "selected": False,
            }
        ],
        "country": [
            {
                "value": "japan",
                "name": "Japan",
                "count": 1,
                "count_is_capped": False,
                "selected": True,
            }
        ],
        "agenda": [
            {
                "value": "cptpp",
                "name": "CPTPP",
                "count": 1,
                "count_is_capped": False,
                "selected": False,
            }
        ],
        "year": [
            {"value": 2026, "name": "2026", "count": 1, "count_is_capped": False, "selected": False}
        ],
    }


def test_facets_alone_list_matches_newest_first(client):
    older = editorial("Older", "Text.", days_ago=3, countries=["Japan"])
    newer = editorial("Newer", "Text.", days_ago=1, countries=["Japan"])
    editorial("Elsewhere", "Text.", countries=["China"])

    data = client.get(LIST, {"country": "japan"}).json()

    assert slugs(data) == [newer.slug, older.slug]
    assert "facets" in data


def test_search_pages_link_with_the_query_kept(client):
    for day in range(25):
        editorial(f"Trade {day}", "Trade talks.", days_ago=day)

    first = client.get(LIST, {"q": "trade"}).json()
    second = client.get(LIST, {"q": "trade", "page": 2}).json()

    assert first["count"] == 25
    assert first["next"] == "http://testserver/api/articles/?q=trade&page=2"
    assert len(second["results"]) == 5
    assert second["previous"] == "http://testserver/api/articles/?q=trade&page=1"
    assert not set(slugs(first)) & set(slugs(second))


def test_search_pages_take_a_page_size(client):
    for day in range(12):
        editorial(f"Trade {day}", "Trade talks.", days_ago=day)

    first = client.get(LIST, {"q": "trade", "page_size": 5}).json()
    last = client.get(LIST, {"q": "trade", "page_size": 5, "page": 3}).json()

    assert len(first["results"]) == 5
    assert first["next"] == "http://testserver/api/articles/?q=trade&page_size=5&page=2"
    assert len(last["results"]) == 2
    assert last["next"] is None
    assert not set(slugs(first)) & set(slugs(last))


@pytest.mark.parametrize("size", ["0", "101", "many"])
def test_a_search_with_a_page_size_outside_1_to_100_is_a_400(client, size):
    editorial("Trade", "Trade talks.")

    response = client.get(LIST, {"q": "trade", "page_size": size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give a whole number of rows from 1 to 100."]}


@pytest.mark.parametrize("year", ["999", "10000", "last year"])
def test_a_year_that_names_no_year_is_a_400_naming_it(client, year):
    """The search page ignores it (tests/test_bad_input.py); a program is told, as the
    schema's 1000 to 9999 says."""
    editorial("Now", "Text.", days_ago=1)

    response = client.get(LIST, {"year": year})

    assert response.status_code == 400
    assert response.json() == {"year": ["Give a year from 1000 to 9999."]}


def test_a_year_lists_that_years_editorials(client):
    this_year = editorial("Now", "Text.", days_ago=1)
    editorial("Then", "Text.", days_ago=400)

    data = client.get(LIST, {"year": 2026}).json()

    assert slugs(data) == [this_year.slug]
    assert data["facets"]["year"][0] == {
        "value": 2026,
        "name": "2026",
        "count": 1,
        "count_is_capped": False,
        "selected": True,
    }


@pytest.mark.parametrize("page", ["0", "3", "two", "-1"])
def test_a_search_page_out_of_range_is_a_json_404(client, page):
    for day in range(21):
        editorial(f"Trade {day}", "Trade talks.", days_ago=day)

    response = client.get(LIST, {"q": "trade", "page": page})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid page")


def test_odd_queries_are_answered(client):
    editorial("Trade", "Trade talks.")

    for q in ['"open', "NEAR(", "-", "a:b*", "' OR 1=1 --"]:
        assert client.get(LIST, {"q": q}).status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, SEARCH_QUERIES),
        ({"leader": "lee-jae-myung"}, SEARCH_QUERIES_WITH_FACETS),
        ({"paragraphs": "true"}, SEARCH_QUERIES_WITH_PARAGRAPHS),
    ],
    ids=["query", "query and facet", "query with paragraphs"],
)
def test_search_costs_the_same_queries_for_20_results_as_for_2(
    client, django_assert_num_queries, params, expected
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    for day in range(2):
        editorial(f"Trade {day}", "Trade talks.", "More trade.", days_ago=day, **tags)
    with django_assert_num_queries(expected):
        small = client.get(LIST, {"q": "trade", **params}).json()
    for day in range(2, 30):
        editorial(f"Trade {day}", "Trade talks.", "More trade.", days_ago=day, **tags)

    with django_assert_num_queries(expected):
        large = client.get(LIST, {"q": "trade", **params}).json()

    assert len(small["results"]) == 2
    assert len(large["results"]) == 20
