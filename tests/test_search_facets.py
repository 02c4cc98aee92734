"""Facets on the search page: counts per leader, country, agenda item and year, that narrow
the results and combine with the query and with each other; the URL carries the state."""

import html
import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.http import QueryDict
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Paragraph
from search.facets import FacetSelection, facet_url
from tests.factories import article_factory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
_hours = itertools.count()


def editorial(title: str, text: str, year: int = 2025, **tags):
    """An editorial of mid-`year`, a little older than the one made before it."""
    published_at = datetime(year, 6, 1, tzinfo=UTC) - timedelta(hours=next(_hours))
    article = article_factory(title=title, paragraphs=0, published_at=published_at, **tags)
    Paragraph.objects.create(article=article, position=1, text=text)
    return article


def titles(response) -> list[str]:
    found = re.findall(r'class="summary-title"><a href="[^"]+">(.*?)</a>', response.text)
    return sorted(html.unescape(re.sub(r"</?mark>", "", title)) for title in found)


def facet_links(response, param: str) -> dict[str, tuple[int, str, bool]]:
    """A facet group's values: label -> (count, link, selected), as the page shows them."""
    group = re.search(rf'<h3 id="facet-{param}">.*?</ul>', response.text, re.S)
    if group is None:
        return {}
    values = {}
    for link, current, label, count in re.findall(
        r'<a class="facet-value" href="([^"]+)" aria-label="[^"]*"( aria-current="true")?>'
        r'<span class="facet-label">([^<]+)</span> <span class="facet-count">(\d+)',
        group.group(0),
    ):
        values[html.unescape(label)] = (int(count), html.unescape(link), bool(current))
    return values


@pytest.fixture
def archive():
    """Five editorials on trade, tagged with overlapping entities over three years."""
    editorial(
        "Lee and Xi on trade",
        "Trade talks.",
        2026,
        leaders=["Lee Jae-myung", "Xi Jinping"],
        countries=["China", "South Korea"],
        agenda=["Rare-earth export controls"],
    )
    editorial(
        "Lee in Tokyo",
        "Trade and history.",
        2026,
        leaders=["Lee Jae-myung"],
        countries=["Japan", "South Korea"],
        agenda=["CPTPP"],
    )
    editorial(
        "Takaichi and CPTPP",
        "Trade pact.",
        2025,
        leaders=["Sanae Takaichi"],
        countries=["Japan"],
        agenda=["CPTPP"],
    )
    editorial(
        "Xi's exports",
        "Trade curbs.",
        2024,
        leaders=["Xi Jinping"],
        countries=["China"],
        agenda=["Rare-earth export controls"],
    )
    editorial(
        "Weather", "Rain all week.", 2024, leaders=["Lee Jae-myung"], countries=["South Korea"]
    )


def test_facets_count_the_results_per_leader_country_agenda_item_and_year(client, archive):
    response = client.get(SEARCH, {"q": "trade"})

    leaders = facet_links(response, "leader")
    assert {name: count for name, (count, _, _) in leaders.items()} == {
        "Lee Jae-myung": 2,
        "Xi Jinping": 2,
        "Sanae Takaichi": 1,
    }
    countries = facet_links(response, "country")
    assert {name: count for name, (count, _, _) in countries.items()} == {
        "China": 2,
        "Japan": 2,
        "South Korea": 2,
    }
    agenda = facet_links(response, "agenda")
    assert {name: count for name, (count, _, _) in agenda.items()} == {
        "CPTPP": 2,
        "Rare-earth export controls": 2,
    }
    years = facet_links(response, "year")
    assert list(years) == ["2026", "2025", "2024"]  # newest first
    assert [count for count, _, _ in years.values()] == [2, 1, 1]


def test_most_frequent_values_come_first(client, archive):
    editorial("More Lee", "Trade again.", leaders=["Lee Jae-myung"])

    leaders = facet_links(client.get(SEARCH, {"q": "trade"}), "leader")

    assert list(leaders) == ["Lee Jae-myung", "Xi Jinping", "Sanae Takaichi"]


def test_choosing_a_facet_narrows_the_results_and_the_other_counts(client, archive):
    response = client.get(SEARCH, {"q": "trade", "country": "japan"})

    assert titles(response) == ["Lee in Tokyo", "Takaichi and CPTPP"]
    assertContains(response, "2 editorials found for “trade”")
    leaders = facet_links(response, "leader")
    assert {name: count for name, (count, _, _) in leaders.items()} == {
        "Lee Jae-myung": 1,
        "Sanae Takaichi": 1,
    }
    assert facet_links(response, "country")["Japan"][0] == 2


def test_facets_combine_with_each_other(client, archive):
    response = client.get(SEARCH, {"q": "trade", "country": "south-korea", "leader": "xi-jinping"})

    assert titles(response) == ["Lee and Xi on trade"]


def test_two_values_of_one_facet_are_both_required(client, archive):
    response = client.get(SEARCH, {"q": "trade", "leader": ["lee-jae-myung", "xi-jinping"]})

    assert titles(response) == ["Lee and Xi on trade"]


def test_the_year_counts_ignore_the_chosen_year_and_a_year_link_replaces_it(client, archive):
    response = client.get(SEARCH, {"q": "trade", "year": "2026"})

    assert titles(response) == ["Lee and Xi on trade", "Lee in Tokyo"]
    years = facet_links(response, "year")
    assert years["2026"] == (2, "?q=trade", True)
    assert years["2025"] == (1, "?q=trade&year=2025", False)
    leaders = facet_links(response, "leader")
    assert leaders["Lee Jae-myung"][0] == 2
    assert "Sanae Takaichi" not in leaders


def test_links_add_and_remove_a_value_and_go_back_to_the_first_page(client, archive):
    response = client.get(SEARCH, {"q": "trade", "country": "japan", "page": "1"})

    countries = facet_links(response, "country")
    assert countries["Japan"] == (2, "?q=trade", True)
    leaders = facet_links(response, "leader")
    assert leaders["Sanae Takaichi"][1] == "?q=trade&country=japan&leader=sanae-takaichi"


def test_chosen_values_are_listed_as_removable_filters_and_kept_by_the_form(client, archive):
    response = client.get(SEARCH, {"q": "trade", "country": "japan", "year": "2025"})

    assertContains(response, "Filtered by:")
    assertContains(
        response,
        '<a href="?q=trade&amp;year=2025">Japan<span class="visually-hidden"> (remove this '
        'filter)</span><span aria-hidden="true"> \N{MULTIPLICATION SIGN}</span></a>',
    )
    assertContains(response, '<input type="hidden" name="country" value="japan">')
    assertContains(response, '<input type="hidden" name="year" value="2025">')


def test_facet_groups_are_labelled_lists_with_readable_counts(client, archive):
    response = client.get(SEARCH, {"q": "trade", "country": "japan"})

    assertContains(response, '<aside class="facets" aria-labelledby="facets-title">')
    assertContains(response, '<section class="facet-group" aria-labelledby="facet-leader">')
    assertContains(response, '<h3 id="facet-leader">Leaders</h3>')
    assertContains(
        response,
        'aria-label="Japan, 2 editorials, selected: remove this filter" aria-current="true">',
    )
    assertContains(response, 'aria-current="true"', count=1)
    assertContains(response, 'aria-label="Sanae Takaichi, 1 editorial">')


def test_facets_without_a_query_list_every_match_newest_first(client, archive):
    response = client.get(SEARCH, {"leader": "lee-jae-myung"})

    found = re.findall(r'class="summary-title"><a href="[^"]+">([^<]*)</a>', response.text)
    assert found == ["Lee and Xi on trade", "Lee in Tokyo", "Weather"]
    assertContains(response, "3 editorials found, newest first")
    assertContains(response, "<title>Search: Lee Jae-myung \N{EN DASH} Editorial Archive</title>")


def test_unknown_values_and_impossible_years_are_ignored(client, archive):
    response = client.get(SEARCH, {"q": "trade", "leader": "nobody", "year": "twenty"})

    assert len(titles(response)) == 4
    assertNotContains(response, "Filtered by:")


def test_the_year_is_the_year_in_korea(client):
    # 16:00 UTC on New Year's Eve is already 1 January in Seoul.
    article = article_factory(title="New Year", published_at=datetime(2025, 12, 31, 16, tzinfo=UTC))
    Paragraph.objects.create(article=article, position=9, text="Fireworks.")

    response = client.get(SEARCH, {"q": "fireworks"})
    chosen = client.get(SEARCH, {"q": "fireworks", "year": "2026"})

    assert list(facet_links(response, "year")) == ["2026"]
    assert titles(chosen) == ["New Year"]


def test_selection_is_read_from_the_url_leniently():
    params = QueryDict(
        "leader=a&leader=a&leader=b&country=&agenda=%20c%20&year=2026&year=x&unknown=1"
    )

    assert FacetSelection.from_params(params) == FacetSelection(
        entities=(("leader", "a"), ("leader", "b"), ("agenda", "c")), year=None
    )
    assert FacetSelection.from_params(QueryDict("year=2026")).year == 2026
    assert FacetSelection.from_params(QueryDict("year=٢٠٢٦")).year is None


def test_facet_urls_keep_the_rest_of_the_state_and_drop_the_page():
    params = QueryDict("q=trade&leader=a&year=2025&page=3")

    assert (
        facet_url(params, "leader", "b", selected=False) == "?q=trade&leader=a&leader=b&year=2025"
    )
    assert facet_url(params, "leader", "a", selected=True) == "?q=trade&year=2025"
    assert facet_url(params, "year", "2026", selected=False) == "?q=trade&leader=a&year=2026"
    assert facet_url(params, "year", "2025", selected=True) == "?q=trade&leader=a"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_chosen_facets_has_no_serious_accessibility_violations(
    page, live_server, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    for number in range(25):
        editorial(
            f"Trade {number}",
            "Trade talks <with> Japan & more.",
            2025 + number % 2,
            leaders=["Lee Jae-myung"],
            countries=["Japan", "China" if number % 3 else "South Korea"],
        )
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{SEARCH}?q=trade&country=japan&year=2026")

    chosen = page.get_by_role("link", name="Japan, 12 editorials, selected: remove this filter")
    assert chosen.get_attribute("aria-current") == "true"
    violations = [
        violation["id"]
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert violations == []
