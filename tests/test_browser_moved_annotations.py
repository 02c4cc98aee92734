"""An annotation a correction moved, in a real browser (issue 11): its card says so with a
word diff, the review list offers the choices, and both pass axe at both widths."""

import pytest
from playwright.sync_api import expect

from annotations.models import Kind
from tests.accessibility import serious_violations
from tests.factories import user_factory
from tests.test_browser_annotating import signed_in
from tests.test_reanchoring_review import TALKS, article_with, correct, on

pytestmark = [pytest.mark.browser]


@pytest.fixture
def moved_claim(transactional_db):
    article = article_with(TALKS, "A second paragraph about trade.", "A third about security.")
    claim = on(
        article,
        1,
        "more than five hours of talks",
        kind=Kind.CLAIM,
        body="The talks ran for five hours and twenty minutes.",
        claim_text="The talks lasted more than five hours.",
        claimant="The foreign ministry",
        verdict="accurate",
    )
    correct(
        article,
        TALKS.replace("more than five hours", "nearly six hours"),
        *[p.text for p in article.paragraphs.order_by("position")[1:]],
    )
    return claim


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_sees_that_the_quoted_words_changed(page, live_server, moved_claim, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}{moved_claim.article.get_absolute_url()}")
    notice = page.locator(f"#a{moved_claim.pk} .moved-notice")
    expect(notice).to_contain_text("The words it quotes were changed")
    expect(notice.locator("del")).to_contain_text("more than five")
    expect(notice.locator("ins")).to_contain_text("nearly six")
    expect(notice).to_contain_text("Verdict needs re-checking")
    assert serious_violations(page) == []


def test_an_editor_confirms_the_new_place_from_the_review_list(page, live_server, moved_claim):
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}/annotations/moved/")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Confirm the new place").first.click()
    page.goto(f"{live_server.url}{moved_claim.article.get_absolute_url()}")
    expect(page.locator(f"#a{moved_claim.pk} .moved-notice")).to_have_count(0)
