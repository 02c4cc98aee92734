"""The optional deck: short headline lines after the timestamps, never a paragraph."""

import pytest

from articles.parsing import parse_editorial
from tests.editorial_text import PARAGRAPHS, editorial_text

DECK = (
    "Summit set for Tuesday in Tokyo",
    "Mine remains and trade pact on the agenda",
    "Seoul seeks balance between Washington and Beijing",
)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_one_to_three_deck_lines_are_the_deck(size):
    parsed = parse_editorial(editorial_text(deck=DECK[:size]))
    assert parsed.deck == DECK[:size]
    assert parsed.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "written",
    [
        (DECK[0], DECK[0]),
        (DECK[0], "", DECK[0]),
        (DECK[0], DECK[1], DECK[0]),
        (DECK[0], DECK[0], DECK[1], DECK[1]),
    ],
    ids=["adjacent", "blank-between", "after-another", "each-twice"],
)
def test_repeated_deck_line_is_kept_once(written):
    parsed = parse_editorial(editorial_text(deck=written))
    assert parsed.deck == tuple(dict.fromkeys(line for line in written if line))


def test_deck_comes_before_the_caption():
    parsed = parse_editorial(editorial_text(deck=DECK[:2]))
    assert parsed.caption is not None
    assert parsed.caption.credit == "Photo by Newsis News Agency"


def test_deck_is_read_without_a_caption():
    parsed = parse_editorial(editorial_text(deck=DECK[:1], caption=None))
    assert parsed.deck == DECK[:1]
    assert parsed.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "first",
    [
        "“We will not back down.”",
        '"We will not back down."',
        "It is time to act.",
        "Is this the end?",
        "Enough!",
        "Seoul has a choice (and a deadline)",
        "The minister said it was \u2018pragmatic\u2019",
    ],
)
def test_short_first_paragraph_with_closing_punctuation_is_not_a_deck(first):
    parsed = parse_editorial(editorial_text(caption=None, paragraphs=(first, *PARAGRAPHS)))
    assert parsed.deck == ()
    assert parsed.paragraphs == (first, *PARAGRAPHS)


def test_headline_line_after_the_caption_is_a_paragraph():
    parsed = parse_editorial(editorial_text(paragraphs=(DECK[0], *PARAGRAPHS)))
    assert parsed.deck == ()
    assert parsed.paragraphs[0] == DECK[0]


def test_fourth_headline_line_is_a_paragraph():
    extra = "A fourth short line without a full stop"
    parsed = parse_editorial(editorial_text(deck=(*DECK, extra), caption=None))
    assert parsed.deck == DECK
    assert parsed.paragraphs[0] == extra


def test_long_line_without_closing_punctuation_is_not_a_deck():
    long_line = " ".join(["word"] * 30)
    parsed = parse_editorial(editorial_text(deck=(long_line,), caption=None))
    assert parsed.deck == ()
    assert parsed.paragraphs[0] == long_line


def test_short_lines_with_nothing_after_them_are_the_body():
    parsed = parse_editorial(editorial_text(caption=None, paragraphs=("A body of one short line",)))
    assert parsed.deck == ()
    assert parsed.paragraphs == ("A body of one short line",)


def test_deck_line_is_never_also_a_paragraph():
    parsed = parse_editorial(editorial_text(deck=DECK))
    assert not set(parsed.deck) & set(parsed.paragraphs)
