"""Entity mentions to mark in an editorial's text, when a reader asks for them.

Only entities tagged on the article now are marked: an editor who removed a tag removed
its highlights too, even where the tagger's mention rows are still stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.http import HttpRequest

from .models import KINDS, Article, EntityKind, Mention

# `?mentions=on` turns highlighting on; anything else (or nothing) leaves the text plain.
MENTIONS_PARAMETER = "mentions"
MENTIONS_ON = "on"


@dataclass(frozen=True)
class EntityMark:
    """One tagged entity as its mentions show it: its kind, name and page."""

    kind: str
    name: str
    url: str

    @property
    def kind_label(self) -> str:
        return EntityKind(self.kind).label


# (start, end, mark) in code points of the paragraph's text.
MentionSpan = tuple[int, int, EntityMark]


def mentions_requested(request: HttpRequest) -> bool:
    """Whether this request asks for mentions to be highlighted."""
    return request.GET.get(MENTIONS_PARAMETER) == MENTIONS_ON


def tagged_marks(article: Article) -> dict[tuple[str, int], EntityMark]:
    """The entities tagged on the article, by (kind, id), from its prefetched tags."""
    return {
        (kind, tag.pk): EntityMark(kind, tag.name, tag.get_absolute_url())
        for kind, models in KINDS.items()
        for tag in getattr(article, models.manager).all()
    }


def mention_spans(article: Article) -> dict[int, list[MentionSpan]]:
    """Spans `(start, end, mark)` of mentions of tagged entities, by paragraph id.

    One query. Within a paragraph the spans come in text order, an outer span before the
    spans nested in it, which is the order the text runs keep.
    """
    marks = tagged_marks(article)
    if not marks:
        return {}
    rows = Mention.objects.in_articles([article.pk]).values_list(
        "paragraph_id", "start", "end", "kind", "leader_id", "country_id", "agenda_item_id"
    )
    spans: dict[int, list[MentionSpan]] = defaultdict(list)
    for paragraph_id, start, end, kind, leader, country, agenda_item in rows:
        mark = marks.get((kind, leader or country or agenda_item))
        if mark is not None:
            spans[paragraph_id].append((start, end, mark))
    for paragraph_spans in spans.values():
        paragraph_spans.sort(key=lambda span: (span[0], -span[1], span[2].kind, span[2].name))
    return dict(spans)
