"""An entity page with its chart, co-mentions and quotes, in a real browser with axe."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.accessibility import serious_violations
from tests.factories import article_factory, country_factory, leader_factory
from tests.test_entity_pages import mention_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def leader(transactional_db):
    """A leader mentioned in 24 editorials over a year, tagged alongside countries."""
    leader = leader_factory(name="Sanae Takaichi", aliases=["Takaichi"])
    japan, korea = country_factory(name="Japan"), country_factory(name="South Korea")
    for number in range(24):
        article = article_factory(
            published_at=datetime(2026, 1, 10, tzinfo=UTC) - timedelta(days=number * 15),
            paragraphs=5,
            leaders=[leader, "Lee Jae-myung"],
            countries=[japan] if number % 3 else [japan, korea],
            agenda=["CPTPP"],
        )
        mention_in(article, leader, positions=range(1, 2 + number % 5))
    return leader


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_entity_page_with_a_chart_has_no_serious_accessibility_violations(
    page, live_server, leader, width, scheme
):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{leader.get_absolute_url()}")
    page.get_by_text("Mentions per month as a table").click()  # axe checks the table too

    violations = serious_violations(page)

    assert violations == [], violations
    chart = page.get_by_role("img", name="Bar chart of mentions of Sanae Takaichi per month")
    assert chart.is_visible()
    assert page.get_by_role("table").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_quoted_mention_leads_to_its_paragraph(page, live_server, leader):
    page.goto(f"{live_server.url}{leader.get_absolute_url()}")

    page.locator(".mention-link").first.click()

    page.wait_for_url("**/articles/**#p1")
    assert page.evaluate("document.querySelector(':target').id") == "p1"
    assert "Sanae Takaichi" in page.locator("#p1").inner_text()
