"""What an entity page reads besides its editorials: quotes, mentions per month, co-mentions.

Each read is one query whatever the number of editorials, so the page's cost stays pinned.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from .excerpts import Excerpt, excerpt
from .models import KINDS, Article, Entity, Mention, MentionMonth

QUOTES_PER_EDITORIAL = 3
CO_MENTIONS_PER_KIND = 10
# The kinds in the order the page shows them, with their headings.
CO_MENTION_HEADINGS = (("leader", "Leaders"), ("country", "Countries"), ("agenda", "Agenda"))


@dataclass(frozen=True)
class Quote:
    """A mentioning paragraph, cut short, and the address of the paragraph in its article."""

    position: int
    url: str
    excerpt: Excerpt


@dataclass(frozen=True)
class EditorialQuotes:
    quotes: list[Quote]
    more: int  # mentioning paragraphs not quoted


def quotes_by_article(
    entity: Entity, articles: list[Article], *, limit: int = QUOTES_PER_EDITORIAL
) -> dict[int, EditorialQuotes]:
    """For each of these articles, up to `limit` of its paragraphs that mention `entity`."""
    if not articles:
        return {}
    mentions = (
        Mention.objects.in_articles([article.pk for article in articles])
        .of(entity)
        .select_related("paragraph")
        .order_by("article_id", "paragraph__position", "start", "end")
    )
    spans: dict[int, dict] = defaultdict(dict)  # article id -> paragraph -> spans
    for mention in mentions:
        paragraph = mention.paragraph
        spans[paragraph.article_id].setdefault(paragraph, []).append((mention.start, mention.end))
    urls = {article.pk: article.get_absolute_url() for article in articles}
    return {
        article_id: EditorialQuotes(
            quotes=[
                Quote(
                    position=paragraph.position,
                    url=f"{urls[article_id]}#{paragraph.anchor}",
                    excerpt=excerpt(paragraph.text, paragraph_spans),
                )
                for paragraph, paragraph_spans in list(by_paragraph.items())[:limit]
            ],
            more=max(0, len(by_paragraph) - limit),
        )
        for article_id, by_paragraph in spans.items()
    }


def mentions_per_month(entity: Entity) -> list[tuple[date, int]]:
    """(month, mentions) rows, oldest first, by the publication month (in KST) of the editorial.

    Read from the counts the database keeps as mentions are written (MentionMonth), not by
    counting the entity's mentions: a frequent entity has thousands.
    """
    rows = (
        MentionMonth.objects.filter(kind=entity.kind, entity_id=entity.pk, mentions__gt=0)
        .order_by("month")
        .values_list("month", "mentions")
    )
    return list(rows)


def co_mentioned(entity: Entity, *, limit: int = CO_MENTIONS_PER_KIND) -> list[tuple[str, list]]:
    """(heading, entities) of each kind tagged on the same editorials, most shared first.

    Each entity carries `shared`, the number of editorials tagged with both; one query a kind.
    """
    # Read from the tag tables alone, counting index entries: the editorials themselves are
    # not needed to count them.
    articles = KINDS[entity.kind].through.objects.filter(tag=entity).values("content_object_id")
    groups = []
    for kind, heading in CO_MENTION_HEADINGS:
        model = KINDS[kind].entity
        # Only what a link needs: fewer columns to group by.
        others = model.objects.filter(tagged_items__content_object_id__in=articles).only(
            "name", "slug"
        )
        if model is type(entity):
            others = others.exclude(pk=entity.pk)
        top = list(others.annotate(shared=Count("*")).order_by("-shared", "name")[:limit])
        if top:
            groups.append((heading, top))
    return groups
