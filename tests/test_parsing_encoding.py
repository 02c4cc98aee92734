"""Bytes to text: BOM, line ends, Unicode normalisation, entities and stray characters."""

import unicodedata

import pytest

from articles.parsing import parse_editorial
from tests.editorial_text import PARAGRAPHS, editorial_text, sample_bytes


@pytest.fixture(scope="module")
def plain():
    return parse_editorial(editorial_text())


def test_utf8_byte_order_mark_is_ignored(plain):
    assert parse_editorial(editorial_text(bom=True).encode("utf-8")) == plain


def test_byte_order_mark_in_a_text_argument_is_ignored(plain):
    assert parse_editorial(editorial_text(bom=True)) == plain


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_ends_read_like_unix_ones(plain, newline):
    assert parse_editorial(editorial_text(newline=newline).encode("utf-8")) == plain


def test_sample_with_crlf_and_bom_parses_like_the_sample():
    crlf = b"\xef\xbb\xbf" + sample_bytes().replace(b"\n", b"\r\n")
    assert parse_editorial(crlf) == parse_editorial(sample_bytes())


def test_utf16_with_byte_order_mark_is_read(plain):
    assert parse_editorial(editorial_text().encode("utf-16")) == plain


def test_decomposed_accents_are_normalised_to_nfc():
    written = unicodedata.normalize("NFD", "Nicolás Maduro was taken into custody.")
    parsed = parse_editorial(editorial_text(paragraphs=(written,)))
    assert parsed.paragraphs == ("Nicolás Maduro was taken into custody.",)
    assert unicodedata.is_normalized("NFC", parsed.paragraphs[0])


def test_mixed_curly_and_straight_quotes_are_kept_as_written():
    mixed = 'He said “yes” and she said "no"; it\'s Lee\u2019s call.'
    assert parse_editorial(editorial_text(paragraphs=(mixed,))).paragraphs == (mixed,)


def test_symbols_and_dashes_are_kept():
    symbols = "Rates rose 3.5% — to $1,200 and ¥150 \u2013 as © notices say."
    assert parse_editorial(editorial_text(paragraphs=(symbols,))).paragraphs == (symbols,)


def test_escaped_entities_in_the_body_are_decoded():
    parsed = parse_editorial(editorial_text(paragraphs=("Chips &amp; batteries &#8212; now.",)))
    assert parsed.paragraphs == ("Chips & batteries — now.",)


def test_ampersands_that_are_not_entities_are_kept():
    written = "Q&A with AT&T &not a problem; R&D&amp;M&A."
    parsed = parse_editorial(editorial_text(paragraphs=(written,)))
    assert parsed.paragraphs == ("Q&A with AT&T &not a problem; R&D&M&A.",)


def test_stray_control_character_is_dropped():
    parsed = parse_editorial(editorial_text(paragraphs=("Seoul\x07 must act.", *PARAGRAPHS)))
    assert parsed.paragraphs[0] == "Seoul must act."


def test_line_separator_inside_a_paragraph_becomes_a_space():
    parsed = parse_editorial(editorial_text(paragraphs=("Seoul\u2028must act.",)))
    assert parsed.paragraphs == ("Seoul must act.",)


def test_line_of_only_invisible_characters_counts_as_blank():
    text = editorial_text(paragraphs=(PARAGRAPHS[0], "\u200b\u200e", PARAGRAPHS[1]))
    assert parse_editorial(text).paragraphs == PARAGRAPHS[:2]


def test_bytearray_is_read_like_bytes(plain):
    assert parse_editorial(bytearray(editorial_text().encode("utf-8"))) == plain
