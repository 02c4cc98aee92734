"""Annotating in a real browser: selecting words, writing, editing, permissions, script
injection, keyboard use, accessibility (axe) and the margin layout."""

import json
import re
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from annotations.models import Annotation, Kind
from annotations.services import (
    AnnotationContent,
    Evidence,
    annotation_hide,
    annotation_update,
    reply_create,
)
from annotations.verdicts import Verdict
from articles.models import Paragraph
from people.names import display_name
from tests.accessibility import serious_violations
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = [pytest.mark.browser]

PASSWORD = "a-long-test-password"  # every user_factory user's
# Paragraph 2 says "trade" three times (once capitalised): a quote's offset must pick the
# right one. Its flags are two code points each beyond the BMP (four UTF-16 units), and
# offsets count code points, as Python does.
SECOND_PARAGRAPH = (
    "Seoul 🇰🇷 and Tokyo 🇯🇵 agreed to widen trade. Trade talks resume in March, "
    "and trade ministers meet in Nara before the summit."
)


@pytest.fixture
def editorial(transactional_db):
    """A six-paragraph editorial, committed so that live_server's thread sees it."""
    article = article_factory(
        slug="shuttle-diplomacy",
        title="Shuttle Diplomacy Needs Trade to Follow",
        paragraphs=6,
    )
    Paragraph.objects.filter(article=article, position=2).update(text=SECOND_PARAGRAPH)
    return article


def paragraph(article, position: int) -> Paragraph:
    return article.paragraphs.get(position=position)


# ---- Helpers: signing in, selecting words, waiting for the page ----


def sign_in(page, live_server, user, next_path: str) -> None:
    """Sign in through the login form, as a person does, and land on `next_path`."""
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}{next_path}")


def signed_in(page, live_server, user) -> None:
    """Give the browser a signed-in session without the form (for tests about other things)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


# Finds the `occurrence`-th `words` in paragraph `position`'s text (highlights included),
# and gives DOM points for its offsets: [text node, offset] pairs that JS can use.
_FIND_WORDS = """
([position, words, occurrence]) => {
  const container = document.querySelector(`.para-text[data-position="${position}"]`);
  let from = -1;
  for (let n = 0; n <= occurrence; n++) {
    from = container.textContent.indexOf(words, from + 1);
    if (from < 0) throw new Error(`"${words}" #${occurrence} not in paragraph ${position}`);
  }
  // A start at a node boundary goes into the next node, an end into the previous one.
  function pointAt(offset, isStart) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      const end = seen + node.length;
      if (isStart ? offset < end : offset <= end) return [node, offset - seen];
      seen = end;
    }
  }
  function rangeOf(start, end) {
    const range = document.createRange();
    range.setStart(...pointAt(start, true));
    range.setEnd(...pointAt(end, false));
    return range;
  }
"""


def select_words(page, position: int, words: str, occurrence: int = 0) -> None:
    """Drag the mouse across `words` in paragraph `position` (its n-th occurrence)."""
    page.locator(f"#p{position}").scroll_into_view_if_needed()
    edges = page.evaluate(
        _FIND_WORDS
        + """
  const first = rangeOf(from, from + 1).getClientRects()[0];
  const rects = rangeOf(from + words.length - 1, from + words.length).getClientRects();
  const last = rects[rects.length - 1];
  return {
    startX: first.left + 1, startY: first.top + first.height / 2,
    endX: last.right - 1, endY: last.top + last.height / 2,
  };
}""",
        [position, words, occurrence],
    )
    page.mouse.move(edges["startX"], edges["startY"])
    page.mouse.down()
    page.mouse.move(edges["endX"], edges["endY"], steps=8)
    page.mouse.up()
    assert page.evaluate("getSelection().toString()") == words


def select_words_programmatically(page, position: int, words: str, occurrence: int = 0) -> None:
    """Select `words` with a DOM Range, as a script or assistive technology can; the browser
    fires selectionchange. (A mouse drag cannot start inside a highlight: that drags its link.)
    """
    page.evaluate(
        _FIND_WORDS
        + """
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(rangeOf(from, from + words.length));
}""",
        [position, words, occurrence],
    )
    assert page.evaluate("getSelection().toString()") == words


def after_two_frames(page) -> None:
    """Let the page run what it schedules on selectionchange (annotate.js waits one frame)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def tab_until(page, condition: str, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab (or `key`) until the JS `condition` on `el` (the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached an element where {condition}")


def highlighted_offsets(page, position: int) -> set[int]:
    """Offsets of the characters of paragraph `position` that are inside a <mark>."""
    spans = page.evaluate(
        """position => {
      const container = document.querySelector(`.para-text[data-position="${position}"]`);
      return [...container.querySelectorAll("mark.quote")].map(mark => {
        const before = document.createRange();
        before.setStart(container, 0);
        before.setEndBefore(mark);
        const start = [...before.toString()].length;  // code points, as Python counts
        return [start, start + [...mark.textContent].length];
      });
    }""",
        position,
    )
    return {offset for start, end in spans for offset in range(start, end)}


def margin_beside(page, position: int):
    # `~`, not `+`: the "Annotate selection" button stands between them while shown.
    return page.locator(f"#p{position} ~ .para-margin")


# ---- Selecting words and writing a note ----


def test_editor_selects_words_with_the_mouse_and_publishes_a_note_highlighting_them(
    page, live_server, editorial
):
    editor = user_factory("editor")
    sign_in(page, live_server, editor, next_path=editorial.get_absolute_url())

    select_words(page, 2, "trade ministers")
    page.get_by_role("link", name="Annotate selection").click()

    # The form opens in the margin beside the paragraph, without leaving the article.
    form = page.locator("#compose-2 .margin-form")
    expect(form.get_by_label("Quote", exact=True)).to_have_value("trade ministers")
    expected_start = SECOND_PARAGRAPH.index("and trade ministers") + len("and ")
    expect(form.locator("input[name=quote_start]")).to_have_value(str(expected_start))
    form.get_by_label("Text", exact=True).fill(
        "Which ministers? *Both* countries' trade ministers."
    )
    form.get_by_role("button", name="Publish annotation").click()

    expect(page.locator("#compose-2 article.annotation")).to_have_count(1)
    note = Annotation.objects.get()
    expect(margin_beside(page, 2).locator(f"#a{note.pk} .annotation-body")).to_have_text(
        "Which ministers? Both countries' trade ministers."
    )
    expect(page.locator("#p2 mark.quote")).to_have_text(["trade ministers"])
    assert note.quote_exact == "trade ministers"
    assert note.paragraph.text[note.quote_start : note.quote_end] == note.quote_exact
    assert note.quote_start == expected_start


@pytest.mark.parametrize(
    ("words", "occurrence"),
    [("trade", 1), ("trade. Trade talks", 0)],
    ids=["after-the-highlight", "starting-inside-the-highlight"],
)
def test_selection_in_a_paragraph_with_a_highlight_is_stored_at_its_own_offsets(
    page, live_server, editorial, words, occurrence
):
    editor = user_factory("editor")
    annotation_factory(paragraph=paragraph(editorial, 2), author=editor, quote="widen trade")
    signed_in(page, live_server, editor)
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    expect(page.locator("#p2 mark.quote")).to_have_text(["widen trade"])
    expected_start = [m.start() for m in re.finditer(re.escape(words), SECOND_PARAGRAPH)][
        occurrence
    ]

    select_words_programmatically(page, 2, words, occurrence)
    page.get_by_role("link", name="Annotate selection").click()

    form = page.locator("#compose-2 .margin-form")
    expect(form.locator("input[name=quote_start]")).to_have_value(str(expected_start))
    form.get_by_label("Text", exact=True).fill("Which trade?")
    form.get_by_role("button", name="Publish annotation").click()
    # The saved card replaces the form, and the paragraph's highlights follow at once.
    expect(page.locator("#compose-2 article.annotation")).to_have_count(1)
    page.wait_for_function("document.querySelectorAll('#p2 mark.quote').length >= 2")

    new = Annotation.objects.exclude(quote_exact="widen trade").get()
    assert (new.quote_exact, new.quote_start) == (words, expected_start)
    assert new.paragraph.text[new.quote_start : new.quote_end] == words
    # Highlights now cover the old quote and exactly the selected words, nothing else.
    old = Annotation.objects.get(quote_exact="widen trade")
    assert highlighted_offsets(page, 2) == {
        *range(old.quote_start, old.quote_end),
        *range(new.quote_start, new.quote_end),
    }


# ---- Editing keeps a revision ----


def test_editor_edits_a_note_and_its_history_lists_the_edit_with_the_previous_text(
    page, live_server, editorial
):
    editor = user_factory("editor")
    note = annotation_factory(
        paragraph=paragraph(editorial, 1), author=editor, body="The first draft of the note."
    )
    signed_in(page, live_server, editor)
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    card = page.locator(f"#a{note.pk}")

    card.get_by_role("link", name="Edit", exact=True).click()
    form = card.locator(".margin-form")
    form.get_by_label("Text", exact=True).fill("The corrected note.")
    form.get_by_role("button", name="Save changes").click()

    expect(card.locator(".margin-form")).to_have_count(0)
    expect(card.locator(".annotation-body")).to_have_text("The corrected note.")
    card.get_by_role("link", name="edited").click()
    page.wait_for_url(f"**/annotations/{note.pk}/#history")
    latest = page.locator("#history .revision").first
    expect(latest).to_contain_text(f"Edited by {display_name(editor)}")
    latest.get_by_text("Content before this change").click()
    expect(latest.get_by_text("The first draft of the note.")).to_be_visible()


# ---- A fact check without JavaScript ----


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    yield context.new_page()
    context.close()


def test_editor_publishes_a_fact_check_with_evidence_without_javascript(
    page_without_javascript, live_server, editorial
):
    page = page_without_javascript
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")

    page.get_by_role("link", name="Annotate paragraph 3").click()
    page.wait_for_url("**/p3/annotate/")
    page.get_by_label("Fact-check claim").check()
    page.get_by_label("Claim", exact=True).fill("Trade between the two doubled in a decade.")
    page.get_by_label("Who made it").fill("The editorial board")
    page.get_by_label("Verdict").select_option(label="Mostly accurate")
    page.get_by_label("Text", exact=True).fill("It rose by 90 per cent, not 100.")
    page.get_by_label("Evidence").fill("https://example.org/trade-figures Trade figures 2015-2025")
    page.get_by_role("button", name="Publish annotation").click()

    page.wait_for_url(re.compile(r"#a\d+$"))
    margin = margin_beside(page, 3)
    expect(margin.locator(".verdict")).to_have_text("Verdict: Mostly accurate")
    expect(margin.locator(".claim")).to_contain_text("Trade between the two doubled")
    expect(margin.get_by_role("link", name="Trade figures 2015-2025")).to_have_attribute(
        "href", "https://example.org/trade-figures"
    )


# ---- Readers and anonymous visitors cannot annotate ----


@pytest.mark.parametrize("visitor", ["reader", "anonymous"])
def test_visitor_without_the_editor_role_sees_no_annotating_controls(
    page, live_server, editorial, visitor
):
    annotation_factory(paragraph=paragraph(editorial, 1), body="An editor's note.")
    if visitor == "reader":
        signed_in(page, live_server, user_factory("reader"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    expect(page.locator(".annotation")).to_have_count(1)

    select_words(page, 2, "trade ministers")
    after_two_frames(page)

    expect(page.get_by_role("link", name=re.compile(r"^Annotate"))).to_have_count(0)
    for action in ("Reply", "Edit", "Delete", "Hide", "Restore"):
        expect(page.get_by_role("link", name=action, exact=True)).to_have_count(0)
        expect(page.get_by_role("button", name=action, exact=True)).to_have_count(0)
    expect(page.locator("script[src*='annotate']")).to_have_count(0)


def test_reader_who_opens_the_annotation_form_directly_gets_403(page, live_server, editorial):
    signed_in(page, live_server, user_factory("reader"))

    response = page.goto(f"{live_server.url}/articles/{editorial.slug}/p1/annotate/")

    assert response.status == 403
    expect(page.get_by_role("button", name="Publish annotation")).to_have_count(0)


def test_anonymous_visitor_who_opens_the_annotation_form_is_sent_to_sign_in(
    page, live_server, editorial
):
    form_path = f"/articles/{editorial.slug}/p1/annotate/"

    page.goto(f"{live_server.url}{form_path}")

    page.wait_for_url(
        lambda url: unquote(url) == f"{live_server.url}/accounts/login/?next={form_path}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


# ---- Script injection renders inert ----

SCRIPT_PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click](javascript:window.__pwned=1)",
    '<svg onload="window.__pwned=1">',
    '<a href="jav&#x61;script:window.__pwned=1">x</a>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>">',
    # The same with alert(), so that the dialog listener has something to catch.
    '<img src=y onerror="alert(1)">',
    "[entity](jav&#x61;script:alert(1)) [colon](javascript&colon;alert(1)) <javascript:alert(1)>",
    "[data](data:text/html,<script>alert(1)</script>) [vb](vbscript:alert(1))",
    "[a harmless link to the top](#p1)",
]
JSON_LD_BREAKOUT = (
    "The summit ended early </script><script>window.__pwned=1</script><script>alert(1)</script>"
)


@pytest.fixture
def dialogs(page):
    """Messages of every alert/confirm/prompt the page opens (each is dismissed)."""
    opened = []

    def record(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def test_script_payloads_in_a_note_render_as_inert_text(page, live_server, editorial, dialogs):
    note = annotation_factory(paragraph=paragraph(editorial, 1), body="\n\n".join(SCRIPT_PAYLOADS))
    article_url = f"{live_server.url}{editorial.get_absolute_url()}"
    page.goto(article_url)
    body = page.locator(f"#a{note.pk} .annotation-body")

    expect(body).to_contain_text("<script>window.__pwned=1</script>")  # shown, not run
    dangerous = "script, img, svg, iframe, object, embed, [onerror], [onload], [srcdoc], [style]"
    expect(body.locator(dangerous)).to_have_count(0)
    links = body.get_by_role("link").all() + body.locator("a:not([href])").all()
    assert links, "the note has a harmless in-page link to click"
    for link in links:
        href = link.get_attribute("href")
        if href is None or not href.startswith(("http:", "https:", "mailto:")):
            link.click()
            assert page.url.split("#")[0] == article_url

    assert dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_claim_text_cannot_close_the_json_ld_script_in_the_head(
    page, live_server, editorial, dialogs
):
    claim = annotation_factory(
        paragraph=paragraph(editorial, 3),
        kind=Kind.CLAIM,
        claim_text=JSON_LD_BREAKOUT,
        claimant="A columnist",
        verdict=Verdict.FALSE,
        body="No such thing happened.",
    )

    for path in (editorial.get_absolute_url(), claim.get_absolute_url()):
        page.goto(f"{live_server.url}{path}")

        json_ld = page.locator("head script[type='application/ld+json']")
        expect(json_ld).to_have_count(1)
        assert json.loads(json_ld.text_content())["claimReviewed"] == JSON_LD_BREAKOUT
        expect(page.locator("script:not([src]):not([type='application/ld+json'])")).to_have_count(0)
        expect(page.locator(f"#a{claim.pk} .claim")).to_contain_text("</script><script>")
        assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []


# ---- Keyboard only ----


def test_keyboard_user_opens_the_form_picks_a_kind_with_arrow_keys_and_publishes_a_claim(
    page, live_server, editorial
):
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")

    tab_until(page, "el.textContent.trim() === 'Annotate paragraph 1'")
    page.keyboard.press("Enter")
    # The form opens in the margin with the text box focused; the kind comes before it.
    expect(page.locator("#compose-1 textarea[name=body]")).to_be_focused()

    tab_until(page, "el.name === 'kind'", key="Shift+Tab")
    note, claim = page.get_by_label("Note", exact=True), page.get_by_label("Fact-check claim")
    expect(note).to_be_focused()
    expect(note).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(claim).to_be_focused()
    expect(claim).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(note).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(claim).to_be_checked()

    tab_until(page, "el.name === 'claim_text'")
    page.keyboard.type("Both leaders met five times.")
    tab_until(page, "el.name === 'claimant'")
    page.keyboard.type("The editorial")
    tab_until(page, "el.name === 'verdict'")
    page.keyboard.press("ArrowDown")  # from "—" to the first verdict on the scale
    expect(page.get_by_label("Verdict")).to_have_value(Verdict.ACCURATE)
    tab_until(page, "el.name === 'body'")
    page.keyboard.type("The meetings are on record.")
    tab_until(page, "el.textContent.trim() === 'Publish annotation'")
    page.keyboard.press("Enter")

    margin = margin_beside(page, 1)
    expect(margin.locator("#compose-1 article.annotation")).to_be_focused()
    expect(margin.locator(".claim")).to_contain_text("Both leaders met five times.")
    expect(margin.locator(".verdict")).to_have_text("Verdict: Accurate")


# ---- Accessibility (axe) of every annotation page ----


@dataclass
class AnnotatedSite:
    """An editorial with every kind of annotation, and the people who look at it."""

    url: str
    article: object
    editor: object
    moderator: object
    note: Annotation  # by `editor`, quoted, edited once, with a reply
    orphan: Annotation


@pytest.fixture
def annotated_site(live_server, editorial):
    editor, other_editor = user_factory("editor"), user_factory("editor")
    moderator = user_factory("moderator")
    paragraphs = {p.position: p for p in editorial.paragraphs.all()}
    note = annotation_factory(
        paragraph=paragraphs[1],
        author=editor,
        quote="weighs the summit's stakes",
        body="A first *draft*.",
    )
    note = annotation_update(
        annotation=note,
        actor=editor,
        expected_version=note.version,
        content=AnnotationContent(
            body="Which stakes? See [the trade figures](https://example.org/trade).\n\n"
            "- exports\n- security"
        ),
    )
    reply_create(parent=note, author=other_editor, body="The **security** ones, mostly.")
    annotation_factory(paragraph=paragraphs[1], author=other_editor, body="A second note.")
    for number, verdict in enumerate(Verdict):
        annotation_factory(
            paragraph=paragraphs[2 + number % 3],
            author=other_editor,
            quote="two neighbours" if number == 4 else "",
            kind=Kind.CLAIM,
            claim_text=f"Claim number {number} about the summit.",
            claimant="The editorial",
            verdict=verdict,
            body=f"Why this is {verdict.label.lower()}.",
            evidence=[Evidence("https://example.org/evidence", "The record")],
        )
    hidden = annotation_factory(paragraph=paragraphs[5], author=other_editor, body="Off topic.")
    annotation_hide(annotation=hidden, actor=moderator, reason="Not about this paragraph.")
    orphan = annotation_factory(paragraph=paragraphs[6], author=editor, quote="two neighbours")
    Annotation.objects.filter(pk=orphan.pk).update(paragraph=None)
    return AnnotatedSite(live_server.url, editorial, editor, moderator, note, orphan)


def open_article(page, site):
    page.goto(f"{site.url}{site.article.get_absolute_url()}")


def open_article_with_a_selection(page, site):
    open_article(page, site)
    select_words(page, 2, "trade ministers")
    expect(page.get_by_role("link", name="Annotate selection")).to_be_visible()


def open_empty_form(page, site):
    page.goto(f"{site.url}/articles/{site.article.slug}/p2/annotate/")


def open_form_with_errors(page, site):
    open_empty_form(page, site)
    page.get_by_label("Fact-check claim").check()
    page.get_by_role("button", name="Publish annotation").click()
    expect(page.locator(".field-error").first).to_be_visible()


def open_edit_page_with_a_conflict(page, site):
    page.goto(f"{site.url}/annotations/{site.note.pk}/edit/")
    current = Annotation.objects.get(pk=site.note.pk)
    annotation_update(
        annotation=current,
        actor=site.moderator,
        expected_version=current.version,
        content=AnnotationContent(body="Someone else's newer text."),
    )
    page.get_by_label("Text", exact=True).fill("My stale text.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone changed this annotation")


def open_history(page, site):
    page.goto(f"{site.url}/annotations/{site.note.pk}/#history")
    page.get_by_text("Content before this change").first.click()


def open_filtered_list(page, site):
    page.goto(f"{site.url}/annotations/?kind=claim&verdict=false&article={site.article.slug}")


def open_verdict_scale(page, site):
    page.goto(f"{site.url}/annotations/verdicts/")


def open_orphans(page, site):
    page.goto(f"{site.url}/annotations/orphans/")
    expect(page.locator(".annotation-item")).to_have_count(1)


def open_login(page, site):
    page.goto(f"{site.url}/accounts/login/")


def open_profile_with_an_error(page, site):
    page.goto(f"{site.url}/accounts/profile/")
    page.get_by_label("Display name").fill("Editor 0")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-error")).to_be_visible()


def open_reattach_form(page, site):
    page.goto(f"{site.url}/annotations/{site.orphan.pk}/reattach/")


def open_reply_page(page, site):
    page.goto(f"{site.url}/annotations/{site.note.replies.get().pk}/")


# name: (who looks, how to get there)
AXE_PAGES = {
    "article-as-moderator": ("moderator", open_article),
    "article-as-editor-with-selection": ("editor", open_article_with_a_selection),
    "form-empty": ("editor", open_empty_form),
    "form-with-errors": ("editor", open_form_with_errors),
    "edit-conflict": ("editor", open_edit_page_with_a_conflict),
    "history": ("editor", open_history),
    "list-filtered": (None, open_filtered_list),
    "verdicts": (None, open_verdict_scale),
    "orphans": ("editor", open_orphans),
    "login": (None, open_login),
    "profile-with-error": ("editor", open_profile_with_an_error),
    "reply": (None, open_reply_page),
    "reattach": ("editor", open_reattach_form),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_annotation_page_has_no_serious_accessibility_violations(
    page, live_server, annotated_site, name, width, scheme
):
    viewer, open_page = AXE_PAGES[name]
    if viewer:
        signed_in(page, live_server, getattr(annotated_site, viewer))
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    open_page(page, annotated_site)

    violations = serious_violations(page)

    assert violations == [], violations


# ---- Layout of the margin ----


def first_card_and_its_paragraph(page, live_server, editorial, width):
    annotation_factory(paragraph=paragraph(editorial, 1), body="A note in the margin.")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    folded = page.locator("#m1 button[aria-expanded='false']")
    if width < 1024:  # on a phone the notes wait behind their count
        folded.click()
    return page.locator(".annotation").first.bounding_box(), page.locator("#p1").bounding_box()


def test_annotation_card_sits_right_of_its_paragraph_at_1280px(page, live_server, editorial):
    card, text = first_card_and_its_paragraph(page, live_server, editorial, 1280)

    assert card["x"] >= text["x"] + text["width"]
    assert text["y"] <= card["y"] < text["y"] + text["height"]


def test_annotation_card_sits_below_its_paragraph_at_390px(page, live_server, editorial):
    card, text = first_card_and_its_paragraph(page, live_server, editorial, 390)

    assert card["y"] >= text["y"] + text["height"]
    assert card["x"] < text["x"] + text["width"]
    assert card["x"] + card["width"] <= 390


def test_annotate_selection_button_stays_on_screen_at_390px(page, live_server, editorial):
    signed_in(page, live_server, user_factory("editor"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}")
    # The word that ends furthest right: the button under it has the least room.
    word, occurrence = page.evaluate(
        """() => {
      const node = document.querySelector('.para-text[data-position="3"]').firstChild;
      let best = null;
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const right = range.getBoundingClientRect().right;
        if (!best || right > best.right) {
          const before = node.data.slice(0, match.index).split(match[0]).length - 1;
          best = { right, word: match[0], occurrence: before };
        }
      }
      return [best.word, best.occurrence];
    }"""
    )

    select_words_programmatically(page, 3, word, occurrence)

    button = page.get_by_role("link", name="Annotate selection")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    lines = "el => { const r = document.createRange(); r.selectNodeContents(el);"
    assert button.evaluate(lines + " return r.getClientRects().length; }") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
