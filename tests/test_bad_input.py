"""Bad input gets a clear 4xx, never a 500: page numbers past any page, control characters in
addresses, parameters and forms, and cookies no page set.

Each case here once answered 500 on SQLite, on PostgreSQL or on both.
"""

import pytest
from pytest_django.asserts import assertContains

from annotations.models import Annotation
from search.facets import FacetSelection
from tests.factories import (
    agenda_item_factory,
    article_factory,
    country_factory,
    leader_factory,
    user_factory,
)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.fixture
def archive():
    """An editorial of January 2026 tagged with a leader, a country and an agenda item."""
    leader, country, agenda = leader_factory(), country_factory(), agenda_item_factory()
    article = article_factory(leaders=[leader], countries=[country], agenda=[agenda])
    return {"article": article, "leader": leader, "country": country, "agenda": agenda}


PAGINATED = [
    "/",
    "/search/?q=summit",
    "/search/?leader={leader}",
    "/leaders/{leader}/",
    "/countries/{country}/",
    "/agenda/{agenda}/",
    "/archive/2026/",
    "/archive/2026/1/",
    "/annotations/",
    "/api/articles/",
    "/api/articles/?q=summit",
    "/api/articles/?year=2026",
]


def address(template: str, archive) -> str:
    return template.format(**{name: entity.slug for name, entity in archive.items()})


def with_page(url: str, page: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}page={page}"


@pytest.mark.parametrize("url", PAGINATED)
def test_a_page_number_too_large_for_a_database_integer_is_not_found(client, archive, url):
    response = client.get(with_page(address(url, archive), HUGE))

    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/api/articles/", "/api/articles/?q=summit"])
def test_the_api_says_the_page_number_is_too_large(client, archive, url):
    response = client.get(with_page(url, HUGE))

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page: That page number is too large."}


def test_the_search_page_says_the_page_number_is_too_large(client, archive):
    response = client.get("/search/", {"q": "summit", "page": HUGE})

    assertContains(
        response,
        "There is no such page of results: that page number is too large. "
        '<a href="?q=summit">See the first page</a>.',
        status_code=404,
    )


def test_a_page_number_of_thousands_of_digits_is_not_found(client, archive):
    """Python's int() refuses strings of more than 4,300 digits."""
    response = client.get("/search/", {"q": "summit", "page": "9" * 5000})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "page", ["\N{SUPERSCRIPT TWO}", "\N{ARABIC-INDIC DIGIT TWO}", "\N{FULLWIDTH DIGIT TWO}"]
)
def test_a_page_number_in_other_digits_is_not_a_page_number(client, page):
    for _ in range(21):
        article_factory()

    response = client.get("/api/articles/", {"page": page})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page: That page number is not an integer."}


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/search/", "leader"),
        ("/search/", "country"),
        ("/search/", "agenda"),
        ("/search/", "q"),
        ("/search/", "year"),
        ("/search/", "page"),
        ("/annotations/", "author"),
        ("/annotations/", "article"),
        ("/", "page"),
    ],
)
def test_a_nul_in_a_query_parameter_is_a_bad_request_naming_it(client, url, param):
    response = client.get(url, {"q": "summit", param: "a\x00b"})

    assertContains(
        response,
        f"The query parameter “{param}” contains a control character (U+0000).",
        status_code=400,
    )


@pytest.mark.parametrize("param", ["leader", "country", "q"])
def test_a_nul_in_an_api_query_parameter_is_a_json_bad_request(client, param):
    response = client.get("/api/articles/", {param: "\x00"})

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"The query parameter “{param}” contains a control character (U+0000)."
    }


def test_a_nul_in_a_parameter_name_is_a_bad_request(client):
    response = client.get("/search/?q=summit&lea%00der=x")

    assertContains(
        response,
        "The name of a query parameter contains a control character (U+0000).",
        status_code=400,
    )


@pytest.mark.parametrize(
    "path", ["/leaders/%00/", "/countries/%00/feed/", "/agenda/a%00/", "/articles/%00/"]
)
def test_a_nul_in_the_address_is_a_bad_request(client, path):
    response = client.get(path)

    assertContains(response, "The address contains a control character (U+0000).", status_code=400)


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_other_control_characters_are_a_bad_request(client, char):
    response = client.get("/search/", {"q": f"summit{char}"})

    assertContains(
        response,
        f"The query parameter “q” contains a control character (U+{ord(char):04X}).",
        status_code=400,
    )


def test_a_long_parameter_name_is_shortened_in_the_message(client):
    response = client.get("/search/", {"x" * 100: "\x00"})

    assertContains(response, f"“{'x' * 39}…” contains a control character", status_code=400)


def test_a_nul_in_a_form_field_is_refused_and_nothing_is_written(client):
    paragraph = article_factory().paragraphs.get(position=1)
    client.force_login(user_factory("editor"))

    response = client.post(
        f"/articles/{paragraph.article.slug}/p1/annotate/",
        {"kind": "note", "body": "A note\x00 with a NUL."},
    )

    assertContains(
        response,
        "The form field “body” contains a control character (U+0000).",
        status_code=400,
    )
    assert not Annotation.objects.exists()


def test_tabs_and_line_breaks_in_a_form_field_are_accepted(client):
    paragraph = article_factory().paragraphs.get(position=1)
    client.force_login(user_factory("editor"))

    response = client.post(
        f"/articles/{paragraph.article.slug}/p1/annotate/",
        {"kind": "note", "body": "A note\twith a tab,\r\nand a line break."},
    )

    assert response.status_code == 302
    assert Annotation.objects.get().body == "A note\twith a tab,\r\nand a line break."


def test_a_session_cookie_holding_a_nul_is_ignored(client):
    client.cookies["sessionid"] = "abcdefghijklmnop\x00qrstuvwxyz"

    response = client.get("/")

    assertContains(response, "Sign in")


def test_facets_drop_slugs_holding_a_nul():
    selection = FacetSelection.from_params({"leader": ["a\x00b", "moon-jae-in"]})

    assert selection.entities == (("leader", "moon-jae-in"),)


@pytest.mark.parametrize(
    "year", ["99999", "-1", "0999", "10000", "\N{SUPERSCRIPT TWO}", "2O26", "9" * 5000]
)
def test_a_year_facet_that_names_no_year_is_ignored_on_the_page_and_refused_by_the_api(
    client, archive, year
):
    page = client.get("/search/", {"q": "summit", "year": year})
    response = client.get("/api/articles/", {"q": "summit", "year": year})

    assert page.status_code == 200
    assert response.status_code == 400
    assert response.json() == {"year": ["Give a year from 1000 to 9999."]}


@pytest.mark.parametrize(
    "path",
    [
        "/archive/2026/13/",
        "/archive/2026/0/",
        "/archive/0/",
        "/archive/0/1/",
        "/archive/99999/",
        "/archive/10000/1/",
        f"/archive/{'9' * 5000}/",
        f"/archive/2026/{'9' * 5000}/",
    ],
)
def test_an_archive_date_no_calendar_has_is_not_found(client, archive, path):
    assert client.get(path).status_code == 404


def test_a_bad_request_carries_the_headers_of_any_page(client):
    response = client.get("/search/", {"q": "\x00"})

    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_bad_form_is_refused_before_the_csrf_check(client):
    client = type(client)(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "a\x00", "password": "x"})

    assertContains(
        response,
        "The form field “username” contains a control character (U+0000).",
        status_code=400,
    )
