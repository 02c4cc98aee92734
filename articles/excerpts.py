"""A short excerpt of a paragraph around a mention, cut at word boundaries; no Django here."""

from collections.abc import Iterable
from dataclasses import dataclass

# Characters kept on each side of the first mention before cutting at a space.
CONTEXT = 110


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool


@dataclass(frozen=True)
class Excerpt:
    """Plain and marked pieces in text order; `cut_before`/`cut_after` say an ellipsis is due."""

    pieces: tuple[Piece, ...]
    cut_before: bool
    cut_after: bool


def excerpt(text: str, spans: Iterable[tuple[int, int]], *, context: int = CONTEXT) -> Excerpt:
    """The part of `text` around the first span, with every span inside it marked."""
    spans = sorted((start, end) for start, end in spans if 0 <= start < end <= len(text))
    if not spans:
        return Excerpt((Piece(text, False),), False, False) if text else Excerpt((), False, False)
    first_start, first_end = spans[0]
    start = max(0, first_start - context)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else first_start
    end = min(len(text), first_end + context)
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else first_end
    pieces: list[Piece] = []
    at = start
    for span_start, span_end in spans:
        if span_start < at or span_end > end:
            continue  # overlaps a mark already made, or runs past the cut
        if span_start > at:
            pieces.append(Piece(text[at:span_start], False))
        pieces.append(Piece(text[span_start:span_end], True))
        at = span_end
    if at < end:
        pieces.append(Piece(text[at:end], False))
    return Excerpt(tuple(pieces), cut_before=start > 0, cut_after=end < len(text))
