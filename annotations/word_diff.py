"""A word diff of two texts, for the history and for annotations a correction moved.

Plain Python: words are compared as units (difflib), each shown with the spaces that follow
it, so that a changed word shows as one deletion and one insertion and runs of equal words
stay whole. Spacing alone is no change: equal words are shown as the new text spaces them.
"""

import re
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

WORD = re.compile(r"\s*\S+\s*|\s+")


class Piece(NamedTuple):
    """A run of the diff: "equal", "delete" (only in the old text) or "insert" (only in the
    new one), and its text with the spaces that follow each word."""

    op: Literal["equal", "delete", "insert"]
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, in reading order (a deletion before the
    insertion that replaces it): the equal and insert pieces joined give `new`; the equal and
    delete pieces give the words of `old`."""
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(
        a=[word.strip() for word in old_words],
        b=[word.strip() for word in new_words],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", "".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("delete", "".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("insert", "".join(new_words[j1:j2])))
    return pieces
