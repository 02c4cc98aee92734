"""Split a paragraph's text into runs, each marked with the annotations that quote it.

Pure Python: overlapping and nested quotes become flat runs, so the page can mark each run
once with every annotation that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Run:
    text: str
    annotation_ids: tuple[int, ...] = ()

    @property
    def first_id(self) -> int | None:
        return self.annotation_ids[0] if self.annotation_ids else None


def runs_of(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Run]:
    """Runs of `text` for spans `(start, end, annotation_id)`; spans outside the text are
    ignored."""
    valid = [(s, e, i) for s, e, i in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    runs = []
    for start, end in pairwise(cuts):
        covering = tuple(sorted(i for s, e, i in valid if s <= start and end <= e))
        runs.append(Run(text[start:end], covering))
    return runs or [Run(text)]
