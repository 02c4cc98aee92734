"""A margin that follows the text (issue 11): on wide screens each card stands level with its
words or below the card before it, paragraphs are as tall as their text, a highlight and its
card light up together and the highlight's link lands on the card; on phones the notes fold
behind a button; without JavaScript every note stands under its paragraph, with no gaps."""

import itertools
import re

import pytest
from playwright.sync_api import expect

from articles.models import Paragraph
from tests.accessibility import serious_violations
from tests.factories import annotation_factory, article_factory, user_factory
from tests.test_browser_annotating import signed_in

pytestmark = [pytest.mark.browser]

PARAGRAPHS = 10
LINKED = re.compile(r"\bis-linked\b")
SHORT_NOTE = "A short note."
LONG_NOTE = (
    "A longer note that takes several lines of the margin: the figures quoted here come "
    "from the ministry's own yearbook, and the yearbook counts trade differently from the "
    "customs service, so the two cannot be compared year by year without adjusting them."
)
# Paragraph: (quoted sentence numbers, or None for the whole paragraph; long note or not).
NOTES = {
    1: [(3, False)],
    2: [(None, False), (1, True), (2, False), (4, False), (5, True), (6, False)],
    4: [(None, True), (None, True), (None, True), (None, False)],
    5: [(2, False), (5, False)],
    6: [(1, False), (4, True)],
    7: [(None, False), (3, False), (6, True)],
    8: [(2, True), (5, False)],
    9: [(1, False), (2, False), (3, False), (6, False)],
    10: [(4, True), (None, False)],
}
ANNOTATIONS = sum(len(notes) for notes in NOTES.values())


def sentence(position: int, number: int) -> str:
    return (
        f"On point {position}.{number}, the ministers weighed tariffs, supply chains and "
        "the shuttle visits that both capitals now promise to keep up."
    )


@pytest.fixture
def long_editorial(transactional_db):
    """Ten paragraphs of six sentences and 26 annotations: quotes mid-paragraph, notes on
    whole paragraphs, six on paragraph 2 (three behind "3 more"), none on paragraph 3."""
    article = article_factory(slug="long-margin", paragraphs=PARAGRAPHS)
    author = user_factory("editor")
    for paragraph in article.paragraphs.all():
        paragraph.text = " ".join(sentence(paragraph.position, n) for n in range(1, 7))
        paragraph.save()
    for position, notes in NOTES.items():
        paragraph = Paragraph.objects.get(article=article, position=position)
        for number, long in notes:
            annotation_factory(
                paragraph=paragraph,
                author=author,
                quote=f"point {position}.{number}" if number else "",
                body=LONG_NOTE if long else SHORT_NOTE,
            )
    return article


def open_article(page, live_server, article, width: int, editor: bool = True) -> None:
    if editor:
        signed_in(page, live_server, user_factory("editor"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    wait_for_layout(page)


def wait_for_layout(page) -> None:
    """Two animation frames: any layout that margin.js has scheduled has run."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def page_top(locator) -> float:
    """Where an element starts on the page, wherever the page is scrolled."""
    return locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


# Every block of the margin that stands on its own (not a card inside "N more"), in page
# coordinates, with where it wants to be: its first highlight's first line, or its
# paragraph's top.
MARGIN_BLOCKS = """() => {
  const y = window.scrollY;
  const blocks = [];
  document.querySelectorAll('.para-row').forEach((row) => {
    const paraTop = row.querySelector('.para').getBoundingClientRect().top + y;
    row.querySelectorAll('.para-margin .margin-item').forEach((item) => {
      if (item.parentElement.closest('.margin-item')) return;
      const box = item.getBoundingClientRect();
      if (!box.height) return;
      const id = /^a(\\d+)$/.exec(item.id);
      const mark = id && row.querySelector(`mark[data-annotations~="${id[1]}"]`);
      blocks.push({
        id: item.id || item.className,
        top: box.top + y, bottom: box.bottom + y, left: box.left, right: box.right,
        want: mark ? mark.getClientRects()[0].top + y : paraTop,
        quoted: Boolean(mark), paraTop,
      });
    });
  });
  return blocks.sort((a, b) => a.top - b.top);
}"""

# A paragraph's box stretches with its grid row: the words' own box is what shows a gap.
TEXT_BOX = """const textBox = (element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect();
};"""

ROWS = (
    """() => {"""
    + TEXT_BOX
    + """
  return Array.from(document.querySelectorAll('.para-row'), (row) => ({
    row: row.getBoundingClientRect().height,
    text: textBox(row.querySelector('.para')).height,
  }));
}"""
)

# The largest vertical stretch of the text column that holds neither words nor a note: the
# boxes of the paragraphs' words and of whatever of the margin stands in the text column.
LARGEST_BLANK = (
    """() => {"""
    + TEXT_BOX
    + """
  const column = document.querySelector('.para').getBoundingClientRect();
  const boxes = [];
  document.querySelectorAll('.para, .para-margin .margin-count, .para-margin .margin-item')
    .forEach((element) => {
      const box = element.matches('.para') ? textBox(element) : element.getBoundingClientRect();
      if (box.height && box.left < column.right && box.right > column.left) boxes.push(box);
    });
  boxes.sort((a, b) => a.top - b.top);
  let largest = 0, bottom = boxes[0].bottom;
  for (const box of boxes) {
    largest = Math.max(largest, box.top - bottom);
    bottom = Math.max(bottom, box.bottom);
  }
  return largest;
}"""
)

PAGE_HEIGHT = "() => document.documentElement.scrollHeight"


def assert_laid_out(blocks) -> None:
    """Each block is level with its words (or its paragraph's top), or just below the block
    before it; none overlaps another."""
    for before, block in itertools.pairwise(blocks):
        assert block["top"] >= before["bottom"], f"{block['id']} overlaps {before['id']}"
    for before, block in zip([None, *blocks], blocks, strict=False):
        level = abs(block["top"] - block["want"]) <= 3
        pushed = before is not None and block["top"] > block["want"]
        pushed = pushed and block["top"] - before["bottom"] <= 16
        assert level or pushed, block


# ---- Wide screens ----


def test_cards_stand_level_with_their_words_or_below_the_card_before(
    page, live_server, long_editorial
):
    open_article(page, live_server, long_editorial, 1280)

    blocks = page.evaluate(MARGIN_BLOCKS)

    assert_laid_out(blocks)
    text_right = page.locator("#p1").bounding_box()
    assert all(block["left"] >= text_right["x"] + text_right["width"] for block in blocks)
    level_mid_paragraph = [
        b
        for b in blocks
        if b["quoted"] and b["want"] > b["paraTop"] + 40 and abs(b["top"] - b["want"]) <= 3
    ]
    pushed = [b for b in blocks if b["top"] > b["want"] + 3]
    assert level_mid_paragraph, "no card stands level with words below its paragraph's top"
    assert pushed, "no card was pushed down: the article does not test the push"
    assert len(blocks) == ANNOTATIONS - 3 + 1 + PARAGRAPHS  # cards, "3 more", annotate links


def test_paragraphs_are_as_tall_as_their_text_and_the_margin_ends_before_what_follows(
    page, live_server, long_editorial
):
    open_article(page, live_server, long_editorial, 1280)

    rows = page.evaluate(ROWS)
    last_bottom = max(block["bottom"] for block in page.evaluate(MARGIN_BLOCKS))
    after = page.locator(".annotation-summary").bounding_box()
    after_top = after["y"] + page.evaluate("window.scrollY")

    # The row holds its words and the paragraph's bottom margin (1.15em), nothing more.
    for row in rows:
        assert row["text"] < row["row"] <= row["text"] + 30, row
    assert last_bottom <= after_top
    print(f"\nwide page height with the floating margin: {page.evaluate(PAGE_HEIGHT)} px")


def test_opening_more_annotations_lays_the_margin_out_again(page, live_server, long_editorial):
    open_article(page, live_server, long_editorial, 1280)
    more = page.locator("#notes-2 details.more-annotations")
    below = page.locator("#p4 + .para-margin .annotation").first
    top_before = page_top(below)

    more.locator("summary").click()
    wait_for_layout(page)

    expect(more.locator(".annotation")).to_have_count(3)
    for card in more.locator(".annotation").all():
        expect(card).to_be_visible()
    assert page_top(below) > top_before
    assert_laid_out(page.evaluate(MARGIN_BLOCKS))

    more.locator("summary").click()
    wait_for_layout(page)
    assert page_top(below) == pytest.approx(top_before, abs=1)


def card_ids_of(page, position: int, number: int) -> tuple[str, str]:
    """The highlight link quoting `point position.number`, and its card's id."""
    link = page.locator(f"#p{position} mark.quote a", has_text=f"point {position}.{number}")
    return link, link.get_attribute("href").lstrip("#")


def test_hovering_or_focusing_a_highlight_lights_its_card_and_back(
    page, live_server, long_editorial
):
    open_article(page, live_server, long_editorial, 1280)
    link, card_id = card_ids_of(page, 5, 2)
    card = page.locator(f"#{card_id}")
    mark = page.locator("#p5 mark.quote").filter(has_text="point 5.2")

    link.hover()
    expect(card).to_have_class(LINKED)
    expect(mark).to_have_class(LINKED)
    assert card.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    page.mouse.move(5, 5)
    expect(card).not_to_have_class(LINKED)
    card.locator(".annotation-body").hover()
    expect(mark).to_have_class(LINKED)
    assert mark.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    page.mouse.move(5, 5)
    link.focus()
    expect(card).to_have_class(LINKED)
    card.locator(".annotation-meta a").focus()
    expect(mark).to_have_class(LINKED)
    page.locator("#p3 .permalink").focus()
    expect(mark).not_to_have_class(LINKED)


@pytest.mark.parametrize("number", [1, 5], ids=["card shown", "card in closed details"])
def test_enter_on_a_highlight_link_puts_the_focus_on_its_card(
    page, live_server, long_editorial, number
):
    open_article(page, live_server, long_editorial, 1280)
    link, card_id = card_ids_of(page, 2, number)

    link.focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#{card_id}")).to_be_focused()
    expect(page.locator(f"#{card_id}")).to_be_visible()
    assert_laid_out(page.evaluate(MARGIN_BLOCKS))


def test_wide_page_has_no_serious_accessibility_violations(page, live_server, long_editorial):
    open_article(page, live_server, long_editorial, 1280)
    card_ids_of(page, 2, 1)[0].hover()

    assert serious_violations(page) == []


# ---- Phones ----


def test_on_a_phone_the_notes_fold_behind_a_button_that_opens_them_under_the_paragraph(
    page, live_server, long_editorial
):
    open_article(page, live_server, long_editorial, 390, editor=False)
    button = page.get_by_role("button", name="6 annotations on paragraph 2")
    cards = page.locator(f"#{button.get_attribute('aria-controls')}")

    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".para-margin .annotation:visible")).to_have_count(0)
    assert serious_violations(page) == []

    button.click()

    expect(button).to_have_attribute("aria-expanded", "true")
    expect(cards.locator(".annotation:visible")).to_have_count(3)
    box = cards.bounding_box()
    assert box["y"] >= page.locator("#p2").bounding_box()["y"] + 100
    assert box["y"] + box["height"] <= page.locator("#p3").bounding_box()["y"]
    assert box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []

    button.click()
    expect(cards).to_be_hidden()


def test_on_a_phone_a_highlight_link_opens_the_notes_and_focuses_its_card(
    page, live_server, long_editorial
):
    open_article(page, live_server, long_editorial, 390, editor=False)
    link, card_id = card_ids_of(page, 2, 5)  # behind the button and inside "3 more"

    link.focus()
    page.keyboard.press("Enter")

    expect(page.locator(f"#{card_id}")).to_be_focused()
    expect(page.locator(f"#{card_id}")).to_be_visible()
    expect(page.get_by_role("button", name="6 annotations on paragraph 2")).to_have_attribute(
        "aria-expanded", "true"
    )


# ---- Without JavaScript ----


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_every_note_stands_under_its_paragraph_with_no_gaps(
    browser, live_server, long_editorial, width
):
    viewport = {"width": width, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{long_editorial.get_absolute_url()}")
        for summary in page.locator("details.more-annotations summary").all():
            summary.click()

        bodies = page.locator(".para-margin .annotation-body")
        expect(bodies).to_have_count(ANNOTATIONS)
        for body in bodies.all():
            expect(body).to_be_visible()
        largest_blank = page.evaluate(LARGEST_BLANK)
        height = page.evaluate(PAGE_HEIGHT)
        assert largest_blank <= 40, largest_blank
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        print(f"\nno JavaScript at {width}px: page {height} px, largest blank {largest_blank} px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_without_the_pages_scripts_there_are_no_serious_accessibility_violations(
    page, live_server, long_editorial, width
):
    """Axe needs JavaScript itself: the page's own scripts are refused instead."""
    page.route("**/*.js", lambda route: route.abort())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{long_editorial.get_absolute_url()}")
    assert page.evaluate("window.archiveMargin") is None

    assert serious_violations(page) == []
