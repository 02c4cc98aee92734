"""The word diff shown in the history and on moved annotations."""

from hypothesis import given
from hypothesis import strategies as st

from annotations.word_diff import Piece, word_diff


def test_a_changed_phrase_is_one_deletion_and_one_insertion():
    assert word_diff("more than five hours of talks", "nearly six hours of talks") == [
        Piece("delete", "more than five "),
        Piece("insert", "nearly six "),
        Piece("equal", "hours of talks"),
    ]


def test_equal_texts_are_one_equal_piece():
    assert word_diff("The same words.", "The same words.") == [Piece("equal", "The same words.")]


def test_an_added_sentence_is_an_insertion_only():
    assert word_diff("One.", "One. Two.") == [Piece("equal", "One. "), Piece("insert", "Two.")]


def test_spacing_alone_is_no_change():
    assert word_diff("One  two", "One two") == [Piece("equal", "One two")]


@given(st.text(), st.text())
def test_the_pieces_rebuild_the_new_text_and_the_old_words(old, new):
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "delete") == new
    assert "".join(p.text for p in pieces if p.op != "insert").split() == old.split()
