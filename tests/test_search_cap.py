"""A search counts its matches only up to a cap (search.engines.COUNT_CAP): past it, the page
says "more than N", the API flags `count_is_capped`, facet counts are lower bounds counted
among the newest N matches, and the page is ranked among those; below it, every count is
exact. Tests lower the cap, so that a few editorials pass it."""

import html
import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Paragraph
from search import engines
from search.results import search_articles
from tests.factories import article_factory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
LIST = "/api/articles/"
CAP = 5
_hours = itertools.count()


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    monkeypatch.setattr(engines, "COUNT_CAP", CAP)


def editorial(title: str, text: str, *, year: int = 2025, **tags):
    """An editorial of mid-`year` with one paragraph, older than the one made before it."""
    published_at = datetime(year, 6, 1, tzinfo=UTC) - timedelta(hours=next(_hours))
    article = article_factory(title=title, paragraphs=0, published_at=published_at, **tags)
    Paragraph.objects.create(article=article, position=1, text=text)
    return article


def editorials(count: int, **tags) -> list:
    return [editorial(f"Report {n}", "Trade talks went on.", **tags) for n in range(count)]


def titles(response) -> list[str]:
    found = re.findall(r'class="summary-title"><a href="[^"]+">(.*?)</a>', response.text)
    return [html.unescape(re.sub(r"</?mark>", "", title)) for title in found]


def facet_counts(response, param: str) -> dict[str, str]:
    """A facet group's values as the page shows them: label -> count text ("3", "3+")."""
    group = re.search(rf'<h3 id="facet-{param}">.*?</ul>', response.text, re.S)
    found = re.findall(
        r'<span class="facet-label">([^<]+)</span> <span class="facet-count">([^<]+)</span>',
        group.group(0) if group else "",
    )
    return {html.unescape(label): count for label, count in found}


def test_at_the_cap_the_count_is_exact(client):
    editorials(CAP)

    response = client.get(SEARCH, {"q": "trade"})

    assertContains(response, f"{CAP} editorials found for “trade”, best matches first")
    assertNotContains(response, "More than")
    assert facet_counts(response, "year") == {"2025": str(CAP)}
    assertNotContains(response, "Counts marked +")


def test_one_past_the_cap_the_page_says_more_than_the_cap(client):
    made = editorials(CAP + 1)

    response = client.get(SEARCH, {"q": "trade"})

    assertContains(
        response,
        f"More than {CAP} editorials found for “trade”, the best of the newest {CAP} first",
    )
    # Ranked among the newest CAP matches (all tie here: newest first); the oldest is left out.
    newest = sorted(made, key=lambda article: article.pk, reverse=True)[:CAP]
    assert sorted(titles(response)) == sorted(article.title for article in newest)
    assertNotContains(response, 'rel="next"')


def test_past_the_cap_facet_counts_are_lower_bounds_and_say_so(client):
    editorials(CAP + 3, countries=["Japan"])

    response = client.get(SEARCH, {"q": "trade"})

    assert facet_counts(response, "country") == {"Japan": f"{CAP}+"}
    assert facet_counts(response, "year") == {"2025": f"{CAP}+"}
    assertContains(response, 'aria-label="Japan, at least 5 editorials"')
    assertContains(response, f"Counts marked + are counted among the newest {CAP} results only")


def test_below_the_cap_facet_counts_are_exact(client):
    editorials(2, countries=["Japan"], leaders=["Lee Jae-myung"])
    editorials(2, countries=["China"])
    editorial("Weather", "Rain all week.", countries=["China"])

    response = client.get(SEARCH, {"q": "trade"})

    assertContains(response, "4 editorials found")
    assert facet_counts(response, "country") == {"China": "2", "Japan": "2"}
    assert facet_counts(response, "leader") == {"Lee Jae-myung": "2"}
    assertContains(response, 'aria-label="Japan, 2 editorials"')


def test_a_chosen_year_counts_its_own_results_exactly_while_the_years_are_capped(client):
    editorials(CAP + 1)  # 2025
    editorials(2, year=2024)

    response = client.get(SEARCH, {"q": "trade", "year": "2024"})

    assertContains(response, "2 editorials found for “trade”")
    assert facet_counts(response, "year")["2025"].endswith("+")


def test_past_the_cap_the_api_flags_the_count(client):
    editorials(CAP + 1)

    capped = client.get(LIST, {"q": "trade"}).json()
    narrowed = client.get(LIST, {"q": "trade", "page_size": 2, "page": 3}).json()

    assert list(capped)[:2] == ["count", "count_is_capped"]
    assert capped["count"] == CAP
    assert capped["count_is_capped"] is True
    assert all(value["count_is_capped"] for value in capped["facets"]["year"])
    assert len(capped["results"]) == CAP
    assert len(narrowed["results"]) == 1
    assert narrowed["next"] is None


def test_below_the_cap_the_api_count_is_exact_and_not_flagged(client):
    editorials(CAP)

    data = client.get(LIST, {"q": "trade"}).json()

    assert data["count"] == CAP
    assert data["count_is_capped"] is False
    assert data["facets"]["year"][0]["count"] == CAP


def test_the_cap_can_be_given_per_call():
    editorials(4)

    capped = search_articles(query="trade", count_cap=3)
    exact = search_articles(query="trade", count_cap=4)

    assert (capped.total, capped.total_capped) == (3, True)
    assert (exact.total, exact.total_capped) == (4, False)


def test_within_the_cap_the_best_match_comes_first():
    editorial("Trade", "Trade, trade and more trade.")
    editorials(CAP - 1)

    assert search_articles(query="trade").hits[0].article.title == "Trade"


def test_a_filter_only_search_is_capped_too(client):
    editorials(CAP + 2, countries=["Japan"])

    response = client.get(SEARCH, {"country": "japan"})

    assertContains(response, f"More than {CAP} editorials found, newest first")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_on_sqlite_each_term_is_matched_once_over_the_whole_index():
    """Each term's posting list is read from its start once; bm25() then reads only the rows
    from the oldest candidate on (FTS5's rowid bound, `>` in its plan)."""
    editorials(CAP + 2)
    editorial("Other", "Trade and tariffs, without China.")

    for q, terms in (("trade", 1), ("trade tariffs", 2), ("trade -china", 2)):
        with CaptureQueriesContext(connection) as captured:
            search_articles(query=q, snippets=False, articles=None)
        [statement] = [query["sql"] for query in captured if "search_facet" in query["sql"]]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + statement)
            plan = [row[-1] for row in cursor.fetchall() if "search_fts VIRTUAL TABLE" in row[-1]]
        whole = [step for step in plan if not step.rstrip().endswith(">")]
        assert len(whole) == terms, plan
        assert len(plan) - len(whole) == 1 + (q == "trade tariffs"), plan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_capped_search_page_has_no_serious_accessibility_violations(
    page, live_server, monkeypatch, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    editorials(CAP + 3, countries=["Japan"], leaders=["Lee Jae-myung"])
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{SEARCH}?q=trade")

    assert page.get_by_text(f"More than {CAP} editorials found").is_visible()
    assert page.get_by_role("link", name=f"Japan, at least {CAP} editorials").is_visible()
    assert page.get_by_text("Counts marked + are counted among the newest").is_visible()
    violations = [
        violation["id"]
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert violations == []


def test_the_schema_describes_the_capped_count_next_to_the_count(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    page = schema["paths"]["/api/articles/"]["get"]["responses"]["200"]["content"]
    name = page["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]

    assert list(properties)[:2] == ["count", "count_is_capped"]
    assert properties["count_is_capped"]["type"] == "boolean"
    value = properties["facets"]["properties"]["year"]["items"]
    assert "count_is_capped" in value["required"]
