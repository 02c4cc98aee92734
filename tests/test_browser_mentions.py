"""Highlighting entity mentions in a real browser: by keyboard, without JavaScript, with axe."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.gazetteer.loading import gazetteer_load
from articles.models import Article
from tests.accessibility import serious_violations
from tests.editorial_text import SAMPLE_PATH
from tests.factories import annotation_factory

pytestmark = [pytest.mark.browser]

SWITCH_ON = "Highlight mentions of leaders, countries and agenda items"
SWITCH_OFF = "Stop highlighting mentions"


@pytest.fixture
def sample(transactional_db):
    """The tagged sample editorial, with a note quoting across two mentions, for live_server."""
    gazetteer_load()
    call_command("import_editorials", str(SAMPLE_PATH), stdout=StringIO())
    article = Article.objects.get()
    annotation_factory(
        paragraph=article.paragraphs.get(position=4), quote="seafood from eight Japanese"
    )
    return article


def tab_to(page, name: str, presses: int = 40) -> None:
    """Press Tab until the focused element's text is `name`."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_the_switch_is_reached_by_keyboard_and_highlights_without_a_reload(
    page, live_server, sample
):
    page.goto(f"{live_server.url}{sample.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")
    assert page.locator(".para-text .mention").count() == 0

    tab_to(page, SWITCH_ON)
    page.keyboard.press("Enter")

    page.wait_for_url("**?mentions=on")
    page.locator(".mention-legend").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.get_by_role("link", name="Venezuelan").is_visible()
    assert page.evaluate("document.activeElement.textContent") == SWITCH_OFF
    assert page.locator("#mention-status").inner_text() == "Mentions highlighted in the text."

    page.keyboard.press("Enter")

    page.locator(".mention-legend").wait_for(state="detached")
    assert page.locator(".para-text .mention").count() == 0
    assert not page.url.endswith("?mentions=on")
    assert page.evaluate("document.activeElement.textContent") == SWITCH_ON


def test_a_highlighted_mention_is_a_link_the_keyboard_follows_to_its_entity(
    page, live_server, sample
):
    page.goto(f"{live_server.url}{sample.get_absolute_url()}?mentions=on")

    tab_to(page, "Lee Jae-myung")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")

    page.wait_for_url("**/leaders/lee-jae-myung/")


def test_without_javascript_the_switch_is_a_link_that_works(browser, live_server, sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{sample.get_absolute_url()}")
        page.get_by_role("link", name=SWITCH_ON).click()

        page.wait_for_url("**?mentions=on")
        assert page.get_by_role("link", name="President Lee").first.is_visible()
        assert page.get_by_role("link", name="Venezuelan").is_visible()
        page.get_by_role("link", name=SWITCH_OFF).click()
        page.wait_for_url(f"**{sample.get_absolute_url()}")
        assert page.locator(".para-text .mention").count() == 0
    finally:
        context.close()


def test_a_mention_is_announced_with_its_kind_from_the_key(page, live_server, sample):
    page.goto(f"{live_server.url}{sample.get_absolute_url()}?mentions=on")

    link = page.locator(".para-text a.mention-country", has_text="Venezuelan")

    assert link.get_attribute("aria-describedby") == "mention-key-country"
    assert page.locator("#mention-key-country").inner_text() == "country"
    styles = page.evaluate(
        "['leader', 'country', 'agenda'].map(kind => getComputedStyle("
        "document.querySelector('.para-text .mention-' + kind)).textDecorationStyle)"
    )
    assert len(set(styles)) == 3, styles  # each kind has its own line, not only a colour


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("query", ["", "?mentions=on"], ids=["switch", "highlighted"])
def test_the_page_with_and_without_highlighting_has_no_serious_accessibility_violations(
    page, live_server, sample, width, scheme, query
):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{sample.get_absolute_url()}{query}")

    violations = serious_violations(page)

    assert violations == [], violations
    assert page.evaluate("document.documentElement.scrollWidth") <= width
