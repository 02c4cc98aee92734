"""Writing in the margin, in a real Chromium: an editor annotates (from a paragraph and from a
selection), edits, replies and deletes, a moderator hides and restores, all without leaving
the article, at 1280 and at 390 px, with axe-core on every state; a stale edit shows the
newer version beside the editor's text. Without JavaScript the same links open pages."""

import pytest
from playwright.sync_api import expect

from annotations.models import Annotation, Status
from annotations.services import AnnotationContent, annotation_update
from tests.accessibility import serious_violations
from tests.browser_sessions import signed_in
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = [pytest.mark.browser]

WIDTHS = [1280, 390]


@pytest.fixture
def editorial(transactional_db):
    """An editorial with dozens of annotations, committed for the live server's thread."""
    article = article_factory(slug="in-place", title="Annotating In Place", paragraphs=6)
    author = user_factory("editor", first_name="Ana", last_name="Ruiz")
    for paragraph in article.paragraphs.all():
        for number in range(5):
            annotation_factory(paragraph=paragraph, author=author, body=f"Note {number}.")
    return article


def open_article(page, live_server, article, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + article.get_absolute_url())
    # A value that a page load would wipe: every step below must keep it.
    page.evaluate("window.stillTheSamePage = true")


def assert_same_page_and_accessible(page, state: str) -> None:
    assert page.evaluate("window.stillTheSamePage === true"), f"{state}: the page was reloaded"
    violations = serious_violations(page)
    assert not violations, f"{state}: {violations}"


def disclose_paragraph_notes(page, position: int) -> None:
    """On a phone the notes wait behind their count: open them, if they are closed."""
    toggle = page.locator(f"#m{position} button[aria-expanded='false']")
    if toggle.count():
        toggle.click()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_annotates_edits_replies_and_deletes_in_the_margin(
    page, live_server, editorial, width
):
    editor = user_factory("editor", first_name="Kim", last_name="Lee")
    signed_in(page, live_server.url, editor)
    open_article(page, live_server, editorial, width)

    # Annotate paragraph 3: the form opens in the margin, its text box has the focus.
    page.get_by_role("link", name="Annotate paragraph 3").click()
    form = page.locator("#compose-3 .margin-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Text", exact=True)).to_be_focused()
    expect(form.get_by_label("Claim", exact=True)).to_be_hidden()  # a note has no claim fields
    assert_same_page_and_accessible(page, "create form open")

    # A refused form comes back in place with its error, the text kept.
    form.get_by_label("Quote", exact=True).fill("words that are not in it")
    form.get_by_label("Text", exact=True).fill("Written *in place*.")
    form.get_by_role("button", name="Publish annotation").click()
    refused = page.locator("#compose-3 .margin-form")
    expect(refused.locator(".field-error")).to_contain_text("do not occur in the paragraph")
    expect(refused.get_by_label("Text", exact=True)).to_have_value("Written *in place*.")
    assert_same_page_and_accessible(page, "create form refused")

    refused.get_by_label("Quote", exact=True).fill("")
    refused.get_by_role("button", name="Publish annotation").click()
    note = page.locator("#compose-3 article.annotation")
    expect(note).to_contain_text("Written in place.")
    expect(note.locator("em")).to_have_text("in place")
    expect(page.locator("#compose-3 .margin-form")).to_have_count(0)
    expect(note).to_be_focused()
    expect(page.locator("#margin-status")).to_have_text("Your annotation is published.")
    saved = Annotation.objects.get(body="Written *in place*.")
    assert saved.author == editor and saved.paragraph.position == 3
    assert_same_page_and_accessible(page, "note saved")

    # Edit it: the card gives way to its form; the saved card comes back.
    note.get_by_role("link", name="Edit").click()
    edit = page.locator(f"#a{saved.pk}-slot .margin-form")
    expect(edit.get_by_label("Text", exact=True)).to_have_value("Written *in place*.")
    assert_same_page_and_accessible(page, "edit form open")
    edit.get_by_label("Text", exact=True).fill("Rewritten in place.")
    edit.get_by_role("button", name="Save changes").click()
    card = page.locator(f"#a{saved.pk}")
    expect(card).to_contain_text("Rewritten in place.")
    expect(card.locator(".margin-form")).to_have_count(0)
    assert_same_page_and_accessible(page, "edit saved")

    # Reply to it.
    card.get_by_role("link", name="Reply").click()
    reply_form = page.locator(f"#a{saved.pk}-slot .margin-form")
    reply_form.get_by_label("Reply", exact=True).fill("A reply in place.")
    reply_form.get_by_role("button", name="Publish reply").click()
    expect(page.locator(f"#a{saved.pk} .replies")).to_contain_text("A reply in place.")
    assert_same_page_and_accessible(page, "reply saved")

    # Cancel gives the focus back to the link that opened the form, and saves nothing.
    page.locator(f"#a{saved.pk} .annotation-actions").first.get_by_role(
        "link", name="Delete"
    ).click()
    confirm = page.locator(f"#a{saved.pk}-slot .margin-form")
    expect(confirm).to_contain_text("Delete this annotation?")
    assert_same_page_and_accessible(page, "delete asked")
    confirm.get_by_role("button", name="Keep it").click()
    expect(page.locator(f"#a{saved.pk}-slot .margin-form")).to_have_count(0)

    page.locator(f"#a{saved.pk} .annotation-actions").first.get_by_role(
        "link", name="Delete"
    ).click()
    page.locator(f"#a{saved.pk}-slot .margin-form").get_by_role("button", name="Delete").click()
    gone = page.locator(f"#a{saved.pk}")
    expect(gone).to_have_text("The annotation is deleted. Its history is kept.")
    saved.refresh_from_db()
    assert saved.status == Status.DELETED
    assert_same_page_and_accessible(page, "deleted")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_moderator_hides_and_restores_in_the_margin(page, live_server, editorial, width):
    moderator = user_factory("moderator")
    signed_in(page, live_server.url, moderator)
    target = Annotation.objects.filter(paragraph__position=2).order_by("pk").first()
    open_article(page, live_server, editorial, width)
    disclose_paragraph_notes(page, 2)

    card = page.locator(f"#a{target.pk}")
    card.get_by_role("link", name="Hide").click()
    form = page.locator(f"#a{target.pk}-slot .margin-form")
    expect(form.get_by_label("Reason")).to_be_focused()
    assert_same_page_and_accessible(page, "hide form open")
    form.get_by_label("Reason").fill("Off topic.")
    form.get_by_role("button", name="Hide").click()
    expect(card.locator(".badge-hidden")).to_be_visible()
    expect(card).to_contain_text("Hidden: Off topic.")
    assert_same_page_and_accessible(page, "hidden")

    card.get_by_role("link", name="Restore").click()
    form = page.locator(f"#a{target.pk}-slot .margin-form")
    form.get_by_role("button", name="Restore").click()  # no reason: refused inline
    expect(page.locator(f"#a{target.pk}-slot .margin-form .field-error")).to_be_visible()
    assert_same_page_and_accessible(page, "restore refused")
    form = page.locator(f"#a{target.pk}-slot .margin-form")
    form.get_by_label("Reason").fill("Checked again: on topic.")
    form.get_by_role("button", name="Restore").click()
    expect(card.locator(".badge-hidden")).to_have_count(0)
    target.refresh_from_db()
    assert target.status == Status.VISIBLE
    assert_same_page_and_accessible(page, "restored")


def test_an_annotation_from_a_selection_opens_in_the_margin_with_its_words(
    page, live_server, editorial
):
    editor = user_factory("editor")
    signed_in(page, live_server.url, editor)
    open_article(page, live_server, editorial, 1280)
    page.evaluate(
        """() => {
      const text = document.querySelector('.para-text[data-position="4"]');
      const node = text.firstChild;
      const start = node.data.indexOf("security");
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + "security".length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }"""
    )
    page.get_by_role("link", name="Annotate selection").click()
    form = page.locator("#compose-4 .margin-form")
    expect(form.get_by_label("Quote", exact=True)).to_have_value("security")
    # The words being written about are marked in the article's paragraph itself (by the
    # form's script, once htmx has settled the form: wait for it).
    page.wait_for_function("() => (CSS.highlights.get('annotation-draft')?.size || 0) > 0")
    marked = page.evaluate(
        "() => [...(CSS.highlights.get('annotation-draft') || [])].map(r => r.toString())"
    )
    assert marked == ["security"]
    assert_same_page_and_accessible(page, "selection form open")
    form.get_by_label("Text", exact=True).fill("Which security?")
    form.get_by_role("button", name="Publish annotation").click()
    expect(page.locator("#compose-4 article.annotation")).to_contain_text("Which security?")
    assert Annotation.objects.get(body="Which security?").quote_exact == "security"
    # Saved: the draft's mark is gone with its form.
    assert page.evaluate("() => (CSS.highlights.get('annotation-draft') || new Set()).size") == 0


def test_a_stale_edit_shows_the_newer_version_beside_the_editors_text(page, live_server, editorial):
    editor = user_factory("editor")
    note = annotation_factory(
        paragraph=editorial.paragraphs.get(position=1), author=editor, body="Mine."
    )
    signed_in(page, live_server.url, editor)
    open_article(page, live_server, editorial, 1280)
    page.locator("#notes-1 details.more-annotations summary").click()  # its 6th card
    page.locator(f"#a{note.pk}").get_by_role("link", name="Edit").click()
    form = page.locator(f"#a{note.pk}-slot .margin-form")
    expect(form.get_by_label("Text", exact=True)).to_have_value("Mine.")
    annotation_update(
        annotation=note,
        actor=user_factory("superuser"),
        expected_version=note.version,
        content=AnnotationContent(body="Theirs, saved meanwhile."),
    )
    form.get_by_label("Text", exact=True).fill("Mine, improved.")
    form.get_by_role("button", name="Save changes").click()
    conflict = page.locator(f"#a{note.pk}-slot .margin-form .conflict")
    expect(conflict).to_contain_text("Theirs, saved meanwhile.")
    retry = page.locator(f"#a{note.pk}-slot .margin-form")
    expect(retry.get_by_label("Text", exact=True)).to_have_value("Mine, improved.")
    assert_same_page_and_accessible(page, "conflict shown")
    retry.get_by_role("button", name="Save changes").click()
    expect(page.locator(f"#a{note.pk} .margin-form")).to_have_count(0)
    expect(page.locator(f"#a{note.pk} .annotation-body")).to_have_text("Mine, improved.")
    note.refresh_from_db()
    assert note.body == "Mine, improved."


@pytest.mark.parametrize("width", WIDTHS)
def test_without_the_pages_scripts_the_same_links_open_their_pages(
    page, live_server, editorial, width
):
    """The archive's scripts (and htmx) blocked, as without JavaScript; axe-core itself
    needs JavaScript, so the page keeps it, with nothing of the site's to run."""
    page.route("**/*.js", lambda route: route.abort())
    signed_in(page, live_server.url, user_factory("editor"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + editorial.get_absolute_url())
    page.get_by_role("link", name="Annotate paragraph 3").click()
    page.wait_for_url("**/p3/annotate/")
    violations = serious_violations(page)
    assert not violations, violations
    page.get_by_label("Text", exact=True).fill("Written on its own page.")
    page.get_by_role("button", name="Publish annotation").click()
    page.wait_for_url(f"**{editorial.get_absolute_url()}#a*")
    expect(page.get_by_text("Your annotation is published.")).to_be_visible()
    expect(page.get_by_text("Written on its own page.")).to_be_attached()
    violations = serious_violations(page)
    assert not violations, violations
