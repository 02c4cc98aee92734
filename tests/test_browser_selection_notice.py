"""A selection across paragraphs says why it cannot be annotated (issue 11), in words that
sighted readers see and screen readers hear, instead of silently showing no button."""

import pytest
from playwright.sync_api import expect

from tests.accessibility import serious_violations
from tests.factories import user_factory
from tests.test_browser_annotating import editorial, signed_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser]

SELECT_ACROSS = """([from, to]) => {
  const start = document.querySelector(`.para-text[data-position="${from}"]`).firstChild;
  const end = document.querySelector(`.para-text[data-position="${to}"]`).firstChild;
  const range = document.createRange();
  range.setStart(start, 10);
  range.setEnd(end, 12);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


@pytest.fixture
def editor_on_the_page(page, live_server, editorial):  # noqa: F811
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    return page


def test_a_selection_across_paragraphs_says_why_it_cannot_be_annotated(editor_on_the_page):
    page = editor_on_the_page
    page.evaluate(SELECT_ACROSS, [3, 4])

    notice = page.locator(".annotate-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("runs from paragraph 3 into paragraph 4")
    expect(page.locator("a.annotate-selection")).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="paragraph 3 into")).to_have_count(1)
    assert serious_violations(page) == []


def test_the_notice_goes_when_the_selection_fits_one_paragraph(editor_on_the_page):
    page = editor_on_the_page
    page.evaluate(SELECT_ACROSS, [3, 4])
    expect(page.locator(".annotate-notice")).to_be_visible()

    page.evaluate(SELECT_ACROSS, [3, 3])

    expect(page.locator(".annotate-notice")).to_be_hidden()
    expect(page.locator("a.annotate-selection")).to_be_visible()


def test_escape_dismisses_the_notice(editor_on_the_page):
    page = editor_on_the_page
    page.evaluate(SELECT_ACROSS, [3, 4])
    expect(page.locator(".annotate-notice")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".annotate-notice")).to_be_hidden()
