"""Short excerpts around a mention, as entity pages quote them (plain Python)."""

from articles.excerpts import Piece, excerpt


def test_short_paragraph_is_quoted_whole_with_the_mention_marked():
    text = "President Lee met Takaichi in Nara."

    quoted = excerpt(text, [(18, 26)])

    assert quoted.pieces == (
        Piece("President Lee met ", False),
        Piece("Takaichi", True),
        Piece(" in Nara.", False),
    )
    assert not quoted.cut_before
    assert not quoted.cut_after


def test_long_paragraph_is_cut_at_spaces_around_the_mention():
    text = "word " * 100 + "Dokdo" + " more" * 100
    start = text.index("Dokdo")

    quoted = excerpt(text, [(start, start + 5)], context=30)

    joined = "".join(piece.text for piece in quoted.pieces)
    assert quoted.cut_before and quoted.cut_after
    assert joined.startswith("word ") and joined.endswith("more")
    assert len(joined) <= 5 + 2 * 30
    assert Piece("Dokdo", True) in quoted.pieces


def test_every_mention_inside_the_excerpt_is_marked_and_overlaps_are_skipped():
    text = "Japan and Japan again"

    quoted = excerpt(text, [(10, 15), (0, 5), (2, 7)])

    assert [piece.text for piece in quoted.pieces if piece.marked] == ["Japan", "Japan"]


def test_offsets_outside_the_text_are_ignored():
    quoted = excerpt("Short.", [(3, 40)])

    assert quoted.pieces == (Piece("Short.", False),)
