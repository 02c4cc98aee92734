"""Title lines: the bracketed label in all its written forms, and the clean title."""

import pytest

from articles.parsing import parse_editorial
from tests.editorial_text import editorial_text


@pytest.mark.parametrize(
    ("title_line", "label", "title"),
    [
        ("[Editorial] Seoul Must Act", "Editorial", "Seoul Must Act"),
        ("[fn Editorial] Seoul Must Act", "fn Editorial", "Seoul Must Act"),
        ("[Editorial Note] Why I Changed My Mind", "Editorial Note", "Why I Changed My Mind"),
        ("[EDITORIALS] Seoul Must Act", "EDITORIALS", "Seoul Must Act"),
        ("&#91;Editorial&#93; Seoul Must Act", "Editorial", "Seoul Must Act"),
        ("&#91EDITORIALS&#93 Seoul Must Act", "EDITORIALS", "Seoul Must Act"),
        ("&#x5B;Editorial&#x5D; Seoul Must Act", "Editorial", "Seoul Must Act"),
        ("[Editorial]Seoul Must Act", "Editorial", "Seoul Must Act"),
        ("&#91;Editorial&#93;Seoul Must Act", "Editorial", "Seoul Must Act"),
        ("[ Editorial ]   Seoul   Must  Act ", "Editorial", "Seoul Must Act"),
        ("Seoul Must Act", "", "Seoul Must Act"),
    ],
)
def test_label_is_split_from_the_title_in_every_written_form(title_line, label, title):
    parsed = parse_editorial(editorial_text(title=title_line))
    assert (parsed.label, parsed.title) == (label, title)


@pytest.mark.parametrize(
    ("title_line", "title"),
    [
        ("[Editorial] Chips &amp; Batteries", "Chips & Batteries"),
        ("[Editorial] The &quot;Pragmatic&quot; Turn", 'The "Pragmatic" Turn'),
        ("[Editorial] Japan&#39;s Offer", "Japan's Offer"),
        ("[Editorial] Korea&#8211;Japan Ties", "Korea\u2013Japan Ties"),
        ("[Editorial] R&D and M&A at AT&T", "R&D and M&A at AT&T"),
        ("[Editorial] Barnes&noble Is Not an Entity", "Barnes&noble Is Not an Entity"),
    ],
)
def test_title_entities_are_decoded_and_bare_ampersands_kept(title_line, title):
    assert parse_editorial(editorial_text(title=title_line)).title == title


def test_title_keeps_curly_quotes_as_written():
    parsed = parse_editorial(editorial_text(title="[Editorial] Lee\u2019s “Pragmatic” Diplomacy"))
    assert parsed.title == "Lee\u2019s “Pragmatic” Diplomacy"


def test_title_wrapped_over_two_lines_is_joined():
    text = editorial_text(title="[Editorial] Seoul Must Act\nBefore It Is Too Late")
    assert parse_editorial(text).title == "Seoul Must Act Before It Is Too Late"


def test_label_alone_on_its_line_takes_the_title_from_the_next_line():
    parsed = parse_editorial(editorial_text(title="[Editorial]\nSeoul Must Act"))
    assert (parsed.label, parsed.title) == ("Editorial", "Seoul Must Act")


def test_section_line_above_a_labelled_title_is_not_part_of_the_title():
    parsed = parse_editorial(editorial_text(title="Opinion\n[Editorial] Seoul Must Act"))
    assert (parsed.label, parsed.title) == ("Editorial", "Seoul Must Act")


def test_title_without_date_line_is_the_first_line():
    parsed = parse_editorial(editorial_text(date_line=None, title="[fn Editorial] Seoul Must Act"))
    assert (parsed.label, parsed.title, parsed.page_date) == (
        "fn Editorial",
        "Seoul Must Act",
        None,
    )
