"""Body paragraphs: one per line, however many blank lines and however indented."""

import pytest

from articles.parsing import parse_editorial
from tests.editorial_text import PARAGRAPHS, editorial_text


@pytest.mark.parametrize("blank_lines", [0, 1, 2, 3])
def test_blank_lines_between_paragraphs_do_not_change_the_paragraphs(blank_lines):
    parsed = parse_editorial(editorial_text(blank_lines=blank_lines))
    assert parsed.paragraphs == PARAGRAPHS


@pytest.mark.parametrize("indent", ["  ", "    ", "\t", "\u00a0\u00a0", " \t "])
def test_indented_paragraphs_are_stripped(indent):
    parsed = parse_editorial(editorial_text(indent=indent, blank_lines=1))
    assert parsed.paragraphs == PARAGRAPHS


def test_uneven_blank_lines_and_trailing_spaces_are_ignored():
    text = (
        editorial_text(paragraphs=())
        + "\n\n"
        + "\n\n\n".join(f"  {paragraph}   " for paragraph in PARAGRAPHS)
        + "\n\n\n"
    )
    assert parse_editorial(text).paragraphs == PARAGRAPHS


def test_lines_of_only_spaces_count_as_blank():
    text = editorial_text(paragraphs=()) + "\n" + "\n \t \n".join(PARAGRAPHS)
    assert parse_editorial(text).paragraphs == PARAGRAPHS


def test_single_quoted_sentence_is_a_paragraph():
    quote = "“History cannot be erased, but it can be faced.”"
    parsed = parse_editorial(editorial_text(paragraphs=(PARAGRAPHS[0], quote, PARAGRAPHS[1])))
    assert parsed.paragraphs == (PARAGRAPHS[0], quote, PARAGRAPHS[1])


def test_separator_line_of_only_punctuation_is_not_a_paragraph():
    parsed = parse_editorial(editorial_text(paragraphs=(PARAGRAPHS[0], "* * *", PARAGRAPHS[1])))
    assert parsed.paragraphs == PARAGRAPHS[:2]


def test_spacing_inside_a_paragraph_is_kept_as_written():
    spaced = "Two  spaces after this.  And a — spaced dash \u2013 too."
    parsed = parse_editorial(editorial_text(paragraphs=(spaced,)))
    assert parsed.paragraphs == (spaced,)


def test_order_of_paragraphs_is_kept():
    reordered = tuple(reversed(PARAGRAPHS))
    assert parse_editorial(editorial_text(paragraphs=reordered)).paragraphs == reordered
