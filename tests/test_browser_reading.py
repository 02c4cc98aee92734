"""Reading in a real browser: links, permalinks, keyboard use, layout and accessibility (axe)."""

from datetime import UTC, date, datetime

import pytest

from tests.accessibility import serious_violations
from tests.factories import article_factory

pytestmark = [pytest.mark.browser]

PUBLISHED = datetime(2026, 1, 12, 9, 32, 8, tzinfo=UTC)  # 18:32 KST


@pytest.fixture
def editorial(transactional_db):
    """A tagged editorial with a deck and caption, and two others, committed for live_server."""
    article = article_factory(
        slug="pragmatic-diplomacy",
        title="President Lee Should Also Pursue Pragmatic Diplomacy with Japan",
        published_at=PUBLISHED,
        dateline=date(2026, 1, 13),
        deck=["Summit in Nara", "Shuttle diplomacy resumes"],
        caption_text="The leaders of South Korea and Japan at the G20.",
        caption_credit="/ Photo by Newsis News Agency",
        paragraphs=12,
        leaders=["Lee Jae-myung"],
        countries=["Japan"],
        agenda=["CPTPP"],
    )
    article_factory(title="Rate Freeze Buys Time", published_at=datetime(2026, 1, 9, tzinfo=UTC))
    article_factory(title="AI Basic Act", published_at=datetime(2025, 12, 30, tzinfo=UTC))
    return article


def test_reader_follows_an_article_link_and_a_paragraph_permalink(page, live_server, editorial):
    page.goto(live_server.url)
    page.get_by_role("link", name=editorial.title).click()

    page.wait_for_url(f"**{editorial.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == editorial.title
    page.get_by_role("link", name="Link to paragraph 3", exact=True).click()

    assert page.url.endswith("#p3")
    assert page.evaluate("document.querySelector(':target').id") == "p3"
    page.wait_for_function(
        "() => { const r = document.getElementById('p3').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )


def test_the_stylesheet_is_served_and_applied(page, live_server, editorial):
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")

    assert "Charter" in page.evaluate("getComputedStyle(document.body).fontFamily")


@pytest.mark.parametrize(("width", "beside"), [(1280, True), (390, False)])
def test_margin_column_is_beside_paragraphs_on_wide_screens_and_below_on_narrow(
    page, live_server, editorial, width, beside
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")

    paragraph = page.locator("#p1").bounding_box()
    margin = page.locator("#p1 + .para-margin").bounding_box()

    if beside:
        assert margin["x"] >= paragraph["x"] + paragraph["width"]
        assert margin["y"] == pytest.approx(paragraph["y"], abs=1)
    else:
        assert margin["y"] >= paragraph["y"] + paragraph["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, live_server, editorial):
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")

    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.hash]")
    assert focused == ["Skip to main content", "#main"]
    assert page.locator(".skip-link").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_search_box_works_by_keyboard(page, live_server, editorial):
    page.goto(live_server.url)

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("pragmatic")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=pragmatic")
    assert page.get_by_text("1 editorial found for “pragmatic”").is_visible()
    assert page.get_by_role("link", name=editorial.title).is_visible()


PAGES = {
    "home": "/",
    "article": "/articles/pragmatic-diplomacy/",
    "article, mentions highlighted": "/articles/pragmatic-diplomacy/?mentions=on",
    "leader": "/leaders/lee-jae-myung/",
    "country": "/countries/japan/",
    "agenda": "/agenda/cptpp/",
    "archive index": "/archive/",
    "archive year": "/archive/2026/",
    "archive month": "/archive/2026/1/",
    "search results": "/search/?q=summit",
    "not found": "/no-such-page/",
    "admin login": "/admin/login/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_accessibility_violations(page, live_server, editorial, path, scheme):
    for day in range(1, 21):  # enough editorials for the lists to show their pagination
        article_factory(published_at=datetime(2025, 12, day, tzinfo=UTC), countries=["Japan"])
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{path}")

    violations = serious_violations(page)

    assert violations == [], violations


def test_article_page_at_phone_width_has_no_serious_accessibility_violations(
    page, live_server, editorial
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}#p3")

    violations = serious_violations(page)

    assert violations == [], violations
