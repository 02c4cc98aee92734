"""Cached pages in a real browser: a reader who reloads sees what an editor has just
published, never the editor's controls, and the cached page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.accessibility import serious_violations
from tests.browser_sessions import signed_in
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def editorial(transactional_db):
    """A tagged editorial with one note, committed for live_server."""
    article = article_factory(slug="cached-editorial", paragraphs=4, countries=["Japan"])
    annotation_factory(paragraph=article.paragraphs.get(position=1), body="The first note.")
    return article


@pytest.fixture
def editor_tab(browser, live_server):
    """A second browser, of its own cookies, signed in as an editor."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    signed_in(tab, live_server.url, user_factory("editor"))
    yield tab
    context.close()


def test_a_reader_reloading_sees_the_note_an_editor_just_published(
    page, editor_tab, live_server, editorial
):
    url = f"{live_server.url}{editorial.get_absolute_url()}"
    page.goto(url)
    page.reload()  # the second load is the cached page, revalidated by the browser
    expect(page.locator(".para-margin").first).to_contain_text("The first note.")
    assert serious_violations(page) == []

    editor_tab.goto(f"{url}p2/annotate/")
    editor_tab.get_by_label("Text", exact=True).fill("Published while the reader read.")
    editor_tab.get_by_role("button", name="Publish annotation").click()
    editor_tab.wait_for_url(re.compile(r"#a\d+$"))

    page.reload()
    expect(page.locator(".para-row").nth(1)).to_contain_text("Published while the reader read.")
    expect(page.get_by_role("link", name=re.compile("^Annotate paragraph"))).to_have_count(0)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert serious_violations(page) == []


def test_an_editor_gets_their_controls_on_a_page_readers_have_cached(
    page, editor_tab, live_server, editorial
):
    url = f"{live_server.url}{editorial.get_absolute_url()}"
    page.goto(url)
    page.reload()

    editor_tab.goto(url)

    expect(editor_tab.get_by_role("link", name="Annotate paragraph 1")).to_be_visible()
    expect(editor_tab.get_by_role("button", name="Sign out")).to_be_visible()
    assert serious_violations(editor_tab) == []


def test_the_cached_entity_page_follows_a_new_editorial_and_passes_axe(
    page, live_server, editorial
):
    japan = editorial.countries.get()
    url = f"{live_server.url}{japan.get_absolute_url()}"
    page.goto(url)
    page.reload()
    expect(page.get_by_role("link", name=editorial.title)).to_be_visible()

    later = article_factory(title="Another Look at Japan", countries=[japan])

    page.reload()
    expect(page.get_by_role("link", name=later.title)).to_be_visible()
    assert serious_violations(page) == []
