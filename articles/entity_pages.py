"""What an entity page reads besides its editorials: quotes, mentions per month, co-mentions.

Each read is one query whatever the number of editorials, so the page's cost stays pinned.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .excerpts import Excerpt, excerpt
from .models import KINDS, Article, Entity, Mention, MentionMonth
from .page_versions import ENTITIES, TAGS, versions_read

QUOTES_PER_EDITORIAL = 3
# Finding a page of an entity's editorials, newest first: walking the newest editorials reads
# about (page end) x (editorials / tagged) of them; reading the entity's tag rows and sorting
# them reads each of its `tagged`, at about this many times the cost of a step of the walk
# (SQLite, measured: 1.1 against 0.23 microseconds).
TAG_ROW_COST = 5
CO_MENTIONS_PER_KIND = 10
# Co-mentions are kept under the tags' version, which every tag write changes: the limit
# only returns the memory of entities nobody visits.
CO_MENTIONS_CACHE_SECONDS = 24 * 60 * 60
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


def tagged_count(entity: Entity) -> tuple[int, int]:
    """How many editorials are tagged with the entity, counted from its tag rows alone (the
    join to the editorials cost ten times more), and about how many editorials there are
    (the highest id: read from the index, where counting them all grows with the archive)."""
    through = KINDS[entity.kind].through._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {_table(through)} WHERE {_column(through, 'tag')} = %s),"
            f" (SELECT MAX({_column(Article._meta, 'id')}) FROM {_table(Article._meta)})",
            [entity.pk],
        )
        tagged, highest = cursor.fetchone()
    return tagged, highest or 0


def walking_newest_pays(tagged: int, editorials: int, page_end: int) -> bool:
    """Whether walking the newest editorials finds the page for less than reading every
    tag row of the entity (see TAG_ROW_COST)."""
    return tagged > 0 and page_end * editorials <= TAG_ROW_COST * tagged * tagged


def co_mentioned(entity: Entity, *, limit: int = CO_MENTIONS_PER_KIND) -> list[tuple[str, list]]:
    """(heading, entities) of each kind tagged on the same editorials, most shared first.

    Each entity carries `shared`, the number of editorials tagged with both; one query a kind.
    """
    # Counted in the tag tables alone (their index holds both columns), by tag id first, so
    # that only the counted entities are joined to their names: the editorials themselves
    # are not needed. Grouping the joined rows instead cost twice as much.
    source = KINDS[entity.kind].through._meta
    groups = []
    for kind, heading in CO_MENTION_HEADINGS:
        model, through = KINDS[kind].entity, KINDS[kind].through._meta
        # An entity is not shown as mentioned alongside itself.
        itself, params = (" WHERE e.id <> %s", [entity.pk]) if model is type(entity) else ("", [])
        top = list(
            model.objects.raw(
                f"""SELECT e.id, e.name, e.slug, c.shared FROM (
                    SELECT t.{_column(through, "tag")} AS tag_id, COUNT(*) AS shared
                    FROM {_table(through)} t
                    WHERE t.{_column(through, "content_object")} IN (
                        SELECT s.{_column(source, "content_object")} FROM {_table(source)} s
                        WHERE s.{_column(source, "tag")} = %s)
                    GROUP BY t.{_column(through, "tag")}
                ) c JOIN {_table(model._meta)} e ON e.id = c.tag_id{itself}
                ORDER BY c.shared DESC, e.name LIMIT %s""",
                [entity.pk, *params, limit],
            )
        )
        if top:
            groups.append((heading, top))
    return groups


def co_mentioned_cached(entity: Entity) -> list[tuple[str, list]]:
    """`co_mentioned()`, read once per version of the tags and entity names (its three
    queries cost tens of milliseconds each on a large archive)."""
    version = versions_read([TAGS, ENTITIES])
    key = f"co-mentions:{entity.kind}:{entity.pk}:{version.key}"
    groups = cache.get(key)
    if groups is None:
        groups = co_mentioned(entity)
        seconds = getattr(settings, "CO_MENTIONS_CACHE_SECONDS", CO_MENTIONS_CACHE_SECONDS)
        cache.set(key, groups, seconds)
    return groups


def _table(meta) -> str:
    return connection.ops.quote_name(meta.db_table)


def _column(meta, field_name: str) -> str:
    return connection.ops.quote_name(meta.get_field(field_name).column)
