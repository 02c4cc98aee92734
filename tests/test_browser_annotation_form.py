"""The annotation form in a real browser, fitted to its kind (issue 11): a note shows no
claim fields, a claim shows them; the text is previewed by the server as it is typed; the
quoted words are marked in the paragraph; and every state passes axe."""

import pytest
from playwright.sync_api import expect

from tests.accessibility import serious_violations
from tests.factories import user_factory
from tests.test_browser_annotating import editorial, signed_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser]
CLAIM_ONLY = ["Claim", "Who made it", "Or a leader", "Verdict", "Evidence"]


@pytest.fixture
def form_page(page, live_server, editorial):  # noqa: F811
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}p3/annotate/")
    return page


def test_a_note_shows_its_text_box_and_no_claim_fields(form_page):
    page = form_page
    for label in CLAIM_ONLY:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    expect(page.get_by_role("textbox", name="Text")).to_be_visible()
    assert serious_violations(page) == []


def test_a_claim_shows_the_claim_fields_and_explains_the_verdict(form_page):
    page = form_page
    page.get_by_label("Fact-check claim").check()
    for label in CLAIM_ONLY:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="Text")).to_be_visible()
    assert serious_violations(page) == []

    page.locator("input[name='kind'][value='note']").check()
    expect(page.get_by_label("Verdict", exact=True)).to_be_hidden()


def test_the_text_is_previewed_as_the_server_renders_it(form_page):
    page = form_page
    page.get_by_role("textbox", name="Text").fill(
        "**Checked** against <script>x()</script> records"
    )
    preview = page.locator(".preview-body")
    expect(preview.locator("strong")).to_have_text("Checked")
    expect(preview).to_contain_text("<script>x()</script>")
    assert preview.locator("script").count() == 0
    assert serious_violations(page) == []


def test_the_quoted_words_are_marked_in_the_paragraph_while_writing(form_page):
    page = form_page
    page.get_by_label("Quote").fill("summit's stakes")
    expect(page.locator("[data-paragraph-text] mark.quote-mark")).to_have_text("summit's stakes")
    page.get_by_label("Quote").fill("words it lacks")
    expect(page.locator("[data-paragraph-text] mark")).to_have_count(0)


def test_a_note_written_in_the_fitted_form_is_published(form_page, live_server):
    page = form_page
    page.get_by_role("textbox", name="Text").fill("A note written with the *preview* beside it.")
    page.get_by_role("button", name="Publish annotation").click()
    expect(page.locator(".annotation-body em").filter(has_text="preview")).to_be_visible()
