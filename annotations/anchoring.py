"""Find where a quoted span of a paragraph stands after the paragraphs were corrected.

Pure Python, no Django. A quote is kept the way the W3C Web Annotation model keeps it: a
TextQuoteSelector (the exact words, with up to CONTEXT_CHARS characters of context each
side) plus a TextPositionSelector (start/end offsets in the paragraph text). Offsets are
Python str indexes, that is Unicode code points, which is what the W3C model requires
("in terms of unicode code points, not in terms of code units"). JavaScript string
offsets count UTF-16 code units, so they differ after any character beyond U+FFFF (emoji).

`quote_locate` tries, in order:
1. exact: every occurrence of the exact words; the one whose surroundings agree best with
   the prefix and suffix wins, then the one nearest the hint. When the words only differ
   by whitespace (a line re-wrapped, a double space) they are found the same way.
2. context: the words are gone, but prefix and suffix still stand in one paragraph with a
   short gap between them: the gap is the corrected quote. This also wins over an exact
   occurrence that nothing around it confirms (a word corrected here, the old spelling
   still used in another, unrelated sentence).
3. fuzzy: the closest passage of at least FUZZY_THRESHOLD similarity (rapidfuzz), snapped to
   whole words. A quote that a split of its paragraph cut in two is placed on the larger of
   its two parts. Quotes shorter than FUZZY_MIN_CHARS are never placed fuzzily: a short
   phrase resembles too many others.
Otherwise nothing: the annotation is orphaned, for an editor to re-attach.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq, Postfix, Prefix

CONTEXT_CHARS = 32
# Shorter context is too common a string to stand for the place of a quote.
MIN_CONTEXT_CHARS = 8
FUZZY_THRESHOLD = 85
FUZZY_MIN_CHARS = 12


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str = ""  # up to CONTEXT_CHARS characters just before exact in the paragraph
    suffix: str = ""  # up to CONTEXT_CHARS characters just after


@dataclass(frozen=True)
class Anchor:
    paragraph_index: int  # 0-based index into the texts searched
    start: int  # offsets into that paragraph's text, text[start:end]
    end: int
    method: str  # "exact" | "context" | "fuzzy"


def quote_at(text: str, start: int, end: int) -> Quote:
    """The quote selector for text[start:end], with prefix/suffix context."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"No quote at {start}:{end} in a text of {len(text)} characters.")
    return Quote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def quote_find_in(text: str, exact: str) -> list[int]:
    """Every start offset where exact occurs in text (overlapping allowed)."""
    if not exact:
        return []
    starts = []
    found = text.find(exact)
    while found != -1:
        starts.append(found)
        found = text.find(exact, found + 1)
    return starts


def context_kept(text: str, start: int, end: int, quote: Quote) -> bool:
    """Whether text[start:end] is the quote's exact words with its old prefix and suffix
    still around them (whitespace aside): a place nobody needs to check again."""
    folded = _fold(text[max(0, start - len(quote.prefix) - CONTEXT_CHARS) : start])
    after = _fold(text[end : end + len(quote.suffix) + CONTEXT_CHARS])
    return (
        _fold(text[start:end]) == _fold(quote.exact)
        and folded.endswith(_fold(quote.prefix))
        and after.startswith(_fold(quote.suffix))
    )


def quote_locate(
    quote: Quote,
    texts: Sequence[str],
    *,
    hint_index: int | None = None,
    hint_start: int | None = None,
) -> Anchor | None:
    """Where the quote now stands among the paragraphs `texts`, or None if it cannot be placed."""
    if not quote.exact:
        return None
    near = _Nearness(hint_index, hint_start)
    exact = _exact_place(quote, texts, near)
    if exact is not None and _confirmed(exact, quote):
        return exact.anchor("exact")
    context = _context_place(quote, texts, near)
    if context is not None and not (exact is not None and context.overlaps(exact)):
        return context.anchor("context")
    if exact is not None:
        return exact.anchor("exact")
    fuzzy = _fuzzy_place(quote, texts, near)
    return fuzzy.anchor("fuzzy") if fuzzy is not None else None


@dataclass(frozen=True)
class _Place:
    """A candidate span, with how well it fits (higher is better)."""

    score: float
    index: int
    start: int
    end: int

    def anchor(self, method: str) -> Anchor:
        return Anchor(self.index, self.start, self.end, method)

    def overlaps(self, other: _Place) -> bool:
        return self.index == other.index and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class _Nearness:
    hint_index: int | None
    hint_start: int | None

    def best(self, places: list[_Place]) -> _Place | None:
        """The best scored place; among equals the one nearest the hint, then the first."""
        return min(places, key=self._key, default=None)

    def _key(self, place: _Place) -> tuple:
        return (
            -place.score,
            abs(place.index - self.hint_index) if self.hint_index is not None else 0,
            abs(place.start - self.hint_start) if self.hint_start is not None else 0,
            place.index,
            place.start,
        )


# -- 1. exact ------------------------------------------------------------------------------


def _exact_place(quote: Quote, texts: Sequence[str], near: _Nearness) -> _Place | None:
    places = [
        _Place(
            _context_agreement(text, start, start + len(quote.exact), quote),
            index,
            start,
            start + len(quote.exact),
        )
        for index, text in enumerate(texts)
        for start in quote_find_in(text, quote.exact)
    ]
    if places:
        return near.best(places)
    return _exact_place_ignoring_whitespace(quote, texts, near)


def _exact_place_ignoring_whitespace(
    quote: Quote, texts: Sequence[str], near: _Nearness
) -> _Place | None:
    folded_quote = Quote(_fold(quote.exact), _fold(quote.prefix), _fold(quote.suffix))
    if not folded_quote.exact.strip():
        return None
    places = []
    for index, text in enumerate(texts):
        folded = _Folded.of(text)
        for start in quote_find_in(folded.text, folded_quote.exact):
            end = start + len(folded_quote.exact)
            score = _context_agreement(folded.text, start, end, folded_quote)
            places.append(_Place(score, index, *folded.span_in_original(start, end)))
    return near.best(places)


def _context_agreement(text: str, start: int, end: int, quote: Quote) -> int:
    """How many characters of the quote's prefix and suffix stand around text[start:end]."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return Postfix.similarity(before, quote.prefix) + Prefix.similarity(after, quote.suffix)


def _confirmed(place: _Place, quote: Quote) -> bool:
    """Whether the text around an exact occurrence agrees with at least some context."""
    return place.score >= min(MIN_CONTEXT_CHARS, len(quote.prefix) + len(quote.suffix))


# -- 2. context ----------------------------------------------------------------------------


def _context_place(quote: Quote, texts: Sequence[str], near: _Nearness) -> _Place | None:
    prefix, suffix, exact = _fold(quote.prefix), _fold(quote.suffix), _fold(quote.exact)
    if len(prefix.strip()) < MIN_CONTEXT_CHARS or len(suffix.strip()) < MIN_CONTEXT_CHARS:
        return None
    longest_gap = max(2 * len(exact), len(exact) + 40)
    places = []
    for index, text in enumerate(texts):
        folded = _Folded.of(text)
        for found in quote_find_in(folded.text, prefix):
            gap_start = found + len(prefix)
            window = folded.text[gap_start : gap_start + longest_gap + len(suffix)]
            # The suffix may occur more than once after the prefix: each is a candidate gap,
            # and the one that reads most like the old quote wins.
            for gap_length in quote_find_in(window, suffix):
                # Without the whitespace a correction may have left at the edges of the gap.
                start, end = _stripped(folded.text, gap_start, gap_start + gap_length)
                if start == end:
                    continue
                score = fuzz.ratio(exact, folded.text[start:end])
                places.append(_Place(score, index, *folded.span_in_original(start, end)))
    return near.best(places)


# -- 3. fuzzy ------------------------------------------------------------------------------


def _fuzzy_place(quote: Quote, texts: Sequence[str], near: _Nearness) -> _Place | None:
    if len(quote.exact.strip()) < FUZZY_MIN_CHARS:
        return None
    split = _split_place(quote, texts, near)
    if split is not None:
        return split
    places = []
    for index, text in enumerate(texts):
        if len(quote.exact) <= len(text):
            if not _may_reach_threshold(quote.exact, text):
                continue
            aligned = fuzz.partial_ratio_alignment(quote.exact, text, score_cutoff=FUZZY_THRESHOLD)
            if aligned is None:
                continue
            score, start, end = aligned.score, aligned.dest_start, aligned.dest_end
        else:
            # The paragraph is shorter than the quote: a partial ratio would score any short
            # paragraph found inside the quote 100, so compare the whole paragraph instead.
            score = fuzz.ratio(quote.exact, text, score_cutoff=FUZZY_THRESHOLD)
            start, end = 0, len(text)
        start, end = _aligned_span(text, start, end, quote)
        if score and start < end:
            places.append(_Place(score, index, start, end))
    return near.best(places)


def _may_reach_threshold(exact: str, text: str) -> bool:
    """Whether any passage of `text` could be FUZZY_THRESHOLD similar to `exact`.

    A cheap bound that spares the costly partial alignment of a long quote (a whole
    paragraph) against paragraphs it cannot match: a passage of length k scores
    200 * LCS / (len(exact) + k) with LCS <= k, so a score of T needs a common
    subsequence with the whole text of at least T * len(exact) / (200 - T).
    """
    common = LCSseq.similarity(exact, text)
    return common * (200 - FUZZY_THRESHOLD) >= FUZZY_THRESHOLD * len(exact)


def _split_place(quote: Quote, texts: Sequence[str], near: _Nearness) -> _Place | None:
    """The larger part of a quote that now straddles the end of one paragraph and the start
    of the next (the paragraph was split inside the quote)."""
    exact = _fold(quote.exact).strip()
    places = []
    for index in range(len(texts) - 1):
        left, right = _Folded.of(texts[index]), _Folded.of(texts[index + 1])
        head = left.text.rstrip()
        tail_offset = len(right.text) - len(right.text.lstrip())
        # The split usually eats the space between two sentences; sometimes there was none.
        for joint in (" ", ""):
            boundary = len(head) + len(joint)
            for start in quote_find_in(head + joint + right.text[tail_offset:], exact):
                end = start + len(exact)
                if start >= len(head) or end <= boundary:
                    continue  # not across the boundary
                parts = [
                    (index, left, start, len(head)),
                    (index + 1, right, tail_offset, tail_offset + end - boundary),
                ]
                for part_index, part, part_start, part_end in parts:
                    part_start, part_end = _stripped(part.text, part_start, part_end)
                    if part_start < part_end:
                        span = part.span_in_original(part_start, part_end)
                        places.append(_Place(part_end - part_start, part_index, *span))
    return near.best(places)


def _aligned_span(text: str, start: int, end: int, quote: Quote) -> tuple[int, int]:
    """Where the quote's edges fall in the text around a fuzzy match.

    The quote with its context is aligned character by character (longest common
    subsequence) with the text around the match, and the quote's two edges are carried
    through that alignment: a word replaced or inserted inside the quote stays in, text
    inserted just outside it stays out. The span then ends on whole words where the quote
    did, without the punctuation or whitespace the quote did not have at its edges.
    """
    # Room for words inserted into the quote: the match itself is only as long as the quote.
    slack = len(quote.exact) // 2
    region_start = max(0, start - len(quote.prefix) - slack)
    region = text[region_start : end + len(quote.suffix) + slack]
    opcodes = Indel.opcodes(quote.prefix + quote.exact + quote.suffix, region)
    edge = len(quote.prefix)
    start = region_start + _carried(opcodes, edge, leading=True)
    end = region_start + _carried(opcodes, edge + len(quote.exact), leading=False)
    if _is_word(quote.exact[0]):
        while start < end and not _is_word(text[start]):
            start += 1
        if not (quote.prefix and _is_word(quote.prefix[-1])):
            while start > 0 and _is_word(text[start - 1]):
                start -= 1
    if _is_word(quote.exact[-1]):
        while start < end and not _is_word(text[end - 1]):
            end -= 1
        if not (quote.suffix and _is_word(quote.suffix[0])):
            while end < len(text) and _is_word(text[end]):
                end += 1
    return _stripped(text, start, end)


def _carried(opcodes, position: int, *, leading: bool) -> int:
    """The offset in the destination of a boundary in the source of an alignment: of the
    character after it when `leading`, else of the character before it."""
    for op in opcodes:
        inside = (
            op.src_start <= position < op.src_end
            if leading
            else (op.src_start < position <= op.src_end)
        )
        if inside:
            if op.tag == "delete":
                return op.dest_start
            return op.dest_start + min(position - op.src_start, op.dest_end - op.dest_start)
    return opcodes[-1].dest_end if len(opcodes) else 0


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span text[start:end] without whitespace at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while start < end and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "_'\u2019-"  # apostrophes and hyphens join words


# -- whitespace folding --------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


@dataclass(frozen=True)
class _Folded:
    """A text with each run of whitespace folded to one space, and the way back to the
    original offsets."""

    text: str
    run_starts: tuple[int, ...]  # where each folded whitespace run stands in `text`
    run_spans: tuple[tuple[int, int], ...]  # that run's span in the original text

    @staticmethod
    @lru_cache(maxsize=1024)  # an import looks up every annotation in the same paragraphs
    def of(original: str) -> _Folded:
        run_starts, run_spans = [], []
        removed = 0
        for run in _WHITESPACE.finditer(original):
            run_starts.append(run.start() - removed)
            run_spans.append(run.span())
            removed += len(run.group()) - 1
        return _Folded(_fold(original), tuple(run_starts), tuple(run_spans))

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of folded text[start:end]; a folded space covers its whole run."""
        first_start, _ = self._original_span(start)
        _, last_end = self._original_span(end - 1)
        return first_start, last_end

    def _original_span(self, position: int) -> tuple[int, int]:
        """The span in the original text of the folded character at `position`."""
        k = bisect_right(self.run_starts, position) - 1
        if k < 0:
            return position, position + 1
        if self.run_starts[k] == position:
            return self.run_spans[k]
        original = self.run_spans[k][1] + (position - self.run_starts[k] - 1)
        return original, original + 1
