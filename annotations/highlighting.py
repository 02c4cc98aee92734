"""Split a paragraph's text into runs marked with the annotations that quote them and the
entity mentions inside them.

Pure Python on top of articles.text_runs: overlapping and nested quotes and mentions become
flat runs, so the page marks each run once, with every annotation and mention covering it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from articles import text_runs

QUOTE, MENTION = "quote", "mention"


@dataclass(frozen=True)
class Run:
    text: str
    annotation_ids: tuple[int, ...] = ()
    # Whatever the caller marks mentions with (the article page: EntityMark), outermost first.
    mentions: tuple[Any, ...] = ()

    @property
    def first_id(self) -> int | None:
        return self.annotation_ids[0] if self.annotation_ids else None


def runs_of(
    text: str,
    quotes: Iterable[tuple[int, int, int]],
    mentions: Iterable[tuple[int, int, Any]] = (),
) -> list[Run]:
    """Runs of `text` for quotes `(start, end, annotation_id)` and mentions `(start, end, mark)`.

    A run's annotation ids are in ascending order and its mentions in the order given;
    spans outside the text are ignored.
    """
    spans = [
        *((start, end, (QUOTE, pk)) for start, end, pk in sorted(quotes, key=lambda q: q[2])),
        *((start, end, (MENTION, mark)) for start, end, mark in mentions),
    ]
    return [
        Run(
            run.text,
            tuple(value for layer, value in run.labels if layer == QUOTE),
            tuple(value for layer, value in run.labels if layer == MENTION),
        )
        for run in text_runs.runs_of(text, spans)
    ]
