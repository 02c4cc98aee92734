"""Split a text into flat runs, each carrying the labels of the spans that cover it.

Pure Python: spans may overlap or nest (annotation quotes, entity mentions, both at once),
and a page can still mark each run once, with properly nested elements. Offsets count code
points, as Python strings and the stored offsets do.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Generic, TypeVar

Label = TypeVar("Label")


@dataclass(frozen=True)
class Run(Generic[Label]):
    """`text[start:end]` of the whole text, and the labels of every span covering all of it."""

    text: str
    start: int
    end: int
    labels: tuple[Label, ...] = ()


def spans_within(
    text: str, spans: Iterable[tuple[int, int, Label]]
) -> list[tuple[int, int, Label]]:
    """The spans that mark something in `text`: not empty, not reaching outside it."""
    return [(start, end, label) for start, end, label in spans if 0 <= start < end <= len(text)]


def runs_of(text: str, spans: Iterable[tuple[int, int, Label]]) -> list[Run[Label]]:
    """The runs of `text` for spans `(start, end, label)`, in text order.

    A run's labels keep the order in which their spans were given. Spans that are empty or
    reach outside the text are ignored: offsets from an older text must not cut this one.
    """
    valid = spans_within(text, spans)
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    covering: list[list[Label]] = [[] for _ in range(len(cuts) - 1)]
    for start, end, label in valid:
        # Both ends are cuts, so the span covers exactly the pieces between their indexes.
        for piece in range(bisect_left(cuts, start), bisect_left(cuts, end)):
            covering[piece].append(label)
    runs = [
        Run(text[start:end], start, end, tuple(labels))
        for (start, end), labels in zip(pairwise(cuts), covering, strict=True)
    ]
    return runs or [Run(text, 0, 0)]
