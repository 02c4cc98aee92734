"""Tag articles from their paragraphs: store each mention and the automatic tags it implies.

The matcher (articles.matching) is built once per process from every entity's name and
aliases, the leaders' terms and the agenda items' clue rules, and rebuilt only when the
gazetteer tables change. Tags an editor added stay; tags an editor removed (TagRejection)
are never put back, and their mentions are not stored. Captions, titles and decks are not
tagged: only paragraphs, which is where mentions can point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from articles.gazetteer.reading import (
    clue_exceptions,
    clue_groups,
    offices_read,
    personal_names_read,
    shields_read,
)
from articles.matching import AGENDA, Matcher, Mention, Name, Rule, Target, Term
from articles.models import (
    KINDS,
    AgendaItem,
    Article,
    Country,
    Leader,
    LeaderTerm,
    Paragraph,
    TagRejection,
    TagSource,
)
from articles.models import Mention as MentionRow
from articles.page_versions import articles_bump

RETAG_BATCH_SIZE = 200
MENTION_FIELDS = (
    "paragraph",
    "article",
    "start",
    "end",
    "kind",
    "leader",
    "country",
    "agenda_item",
)
TAG_FIELDS = ("content_object", "tag", "source")
# The (leader, country, agenda_item) columns of a mention of each kind.
LINKS = {
    "leader": lambda entity_id: (entity_id, None, None),
    "country": lambda entity_id: (None, entity_id, None),
    "agenda": lambda entity_id: (None, None, entity_id),
}

_cached: tuple[tuple, Matcher] | None = None


def gazetteer_fingerprint() -> tuple:
    """Changes whenever an entity, alias, term or clue is added, edited or deleted."""
    return tuple(
        tuple(model.objects.aggregate(n=Count("id"), t=Max("updated_at")).values())
        for model in (Leader, Country, AgendaItem, LeaderTerm)
    )


def matcher_build() -> Matcher:
    """A matcher from the gazetteer as the database holds it now."""
    names = [Name(text, ()) for text in shields_read()]
    for kind, models in KINDS.items():
        for entity_id, name, aliases in models.entity.objects.values_list("id", "name", "aliases"):
            target = (Target(kind, entity_id),)
            names.extend(Name(text, target) for text in [name, *aliases] if text)
    terms = [
        Term(leader, office, country, start, end)
        for leader, office, country, start, end in LeaderTerm.objects.values_list(
            "leader_id", "office", "country_id", "start", "end"
        )
    ]
    rules = [
        Rule(Target(AGENDA, item_id), groups, exceptions=clue_exceptions(line))
        for item_id, lines in AgendaItem.objects.exclude(clues=[]).values_list("id", "clues")
        for line in lines
        if len(groups := clue_groups(line)) > 1
    ]
    return Matcher(
        names=names,
        titles=offices_read(),
        family_names=dict(Leader.objects.exclude(family_name="").values_list("id", "family_name")),
        terms=terms,
        rules=rules,
        personal_names=personal_names_read(),
        since={
            Target(AGENDA, item_id): since
            for item_id, since in AgendaItem.objects.filter(since__isnull=False).values_list(
                "id", "since"
            )
        },
    )


def matcher_current() -> Matcher:
    """The process's matcher, rebuilt only if the gazetteer changed since it was built."""
    global _cached
    fingerprint = gazetteer_fingerprint()
    if _cached is None or _cached[0] != fingerprint:
        _cached = (fingerprint, matcher_build())
    return _cached[1]


def article_date(published_at: datetime) -> date:
    """The day an article ran, in the archive's time zone; titles resolve by it."""
    return timezone.localdate(published_at)


@dataclass
class Found:
    """What the matcher found in one article: (paragraph id, mention) pairs."""

    article_id: int
    mentions: list[tuple[int, Mention]]


@dataclass
class TagChanges:
    mentions: int = 0
    added: int = 0
    removed: int = 0

    def __iadd__(self, other: TagChanges) -> TagChanges:
        self.mentions += other.mentions
        self.added += other.added
        self.removed += other.removed
        return self


def mentions_find(
    *, matcher: Matcher, on: date, paragraphs: Iterable[tuple[int, str]]
) -> list[tuple[int, Mention]]:
    """Every mention in one article's paragraphs, given as (paragraph id or position, text).

    The paragraphs are read together: a title or "Mr. Lee" that the date leaves open is
    settled by the leader the article names elsewhere."""
    pairs = list(paragraphs)
    found = matcher.find_in_article([text for _, text in pairs], on)
    return [
        (key, mention)
        for (key, _), mentions in zip(pairs, found, strict=True)
        for mention in mentions
    ]


def _rejections(article_ids: Sequence[int]) -> set[tuple[int, str, int]]:
    rows = TagRejection.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "kind", "leader_id", "country_id", "agenda_item_id"
    )
    return {
        (article, kind, leader or country or agenda)
        for article, kind, leader, country, agenda in rows
    }


def tags_write(*, found: Sequence[Found], fresh: bool = False) -> TagChanges:
    """Store these articles' mentions and automatic tags, replacing the earlier automatic ones.

    `fresh` says the articles were just created (nothing to replace, nothing rejected), which
    saves the reads and deletes. Writes are a few statements for the whole batch.
    """
    ids = [f.article_id for f in found]
    rejected = set() if fresh else _rejections(ids)
    rows, wanted = [], defaultdict(set)
    for article in found:
        article_id = article.article_id
        for paragraph_id, mention in article.mentions:
            kind, entity_id = mention.target.kind, mention.target.id
            if rejected and (article_id, kind, entity_id) in rejected:
                continue
            rows.append(
                (
                    paragraph_id,
                    article_id,
                    mention.start,
                    mention.end,
                    kind,
                    *LINKS[kind](entity_id),
                )
            )
            wanted[kind].add((article_id, entity_id))
    changes = TagChanges(mentions=len(rows))
    with transaction.atomic():
        if not fresh:
            MentionRow.objects.in_articles(ids).delete()
        MentionRow.objects.insert_values(MENTION_FIELDS, rows)
        for kind, models in KINDS.items():
            present: dict[tuple[int, int], tuple[int, str]] = {}
            if not fresh:
                tags = models.through.objects.filter(content_object_id__in=ids)
                present = {(a, t): (pk, s) for pk, a, t, s in tags.values_list("pk", *TAG_FIELDS)}
                stale = [
                    pk
                    for pair, (pk, source) in present.items()
                    if source == TagSource.AUTO and pair not in wanted[kind]
                ]
                models.through.objects.filter(pk__in=stale).delete()
                changes.removed += len(stale)
            new = sorted(pair for pair in wanted[kind] if pair not in present)
            models.through.objects.insert_values(
                TAG_FIELDS, [(a, t, TagSource.AUTO) for a, t in new]
            )
            changes.added += len(new)
        # Bulk statements send no signals: the pages showing these tags are told here.
        articles_bump(ids)
    return changes


def articles_retag(
    *,
    articles: QuerySet[Article],
    matcher: Matcher | None = None,
    batch_size: int = RETAG_BATCH_SIZE,
    on_batch_done: Callable[[int], None] | None = None,
) -> TagChanges:
    """Tag these articles again from their paragraphs, batch by batch (one transaction each)."""
    matcher = matcher or matcher_current()
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    changes = TagChanges()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        dates = dict(Article.objects.filter(pk__in=batch).values_list("pk", "published_at"))
        texts = defaultdict(list)
        paragraphs = Paragraph.objects.filter(article_id__in=batch).order_by()
        for article_id, paragraph_id, text in paragraphs.values_list("article_id", "id", "text"):
            texts[article_id].append((paragraph_id, text))
        found = [
            Found(
                article_id,
                mentions_find(
                    matcher=matcher,
                    on=article_date(dates[article_id]),
                    paragraphs=texts[article_id],
                ),
            )
            for article_id in batch
        ]
        changes += tags_write(found=found)
        if on_batch_done:
            on_batch_done(len(batch))
    return changes


def article_retag(
    *,
    article: Article,
    paragraphs: Sequence[Paragraph] | None = None,
    matcher: Matcher | None = None,
) -> TagChanges:
    """Tag one article again, e.g. after its paragraphs changed."""
    if paragraphs is None:
        paragraphs = list(article.paragraphs.all())
    found = Found(
        article.pk,
        mentions_find(
            matcher=matcher if matcher is not None else matcher_current(),
            on=article_date(article.published_at),
            paragraphs=[(p.pk, p.text) for p in paragraphs],
        ),
    )
    return tags_write(found=[found])


def article_entity_ids(*, article: Article) -> dict[str, set[int]]:
    """The ids of the entities tagged on the article, by kind."""
    return {
        kind: set(
            models.through.objects.filter(content_object=article).values_list("tag_id", flat=True)
        )
        for kind, models in KINDS.items()
    }


def tag_decisions_record(
    *, article: Article, before: dict[str, set[int]], after: dict[str, set[int]], user=None
) -> None:
    """Remember what an editor changed in an article's tags, so re-tagging respects it.

    A removed tag becomes a rejection; an added tag becomes the editor's (and lifts any
    rejection of it).
    """
    with transaction.atomic():
        for kind, models in KINDS.items():
            removed = before.get(kind, set()) - after.get(kind, set())
            added = after.get(kind, set()) - before.get(kind, set())
            for entity_id in removed:
                TagRejection.objects.get_or_create(
                    article=article,
                    kind=kind,
                    **{models.field + "_id": entity_id},
                    defaults={"decided_by": user},
                )
            if added:
                TagRejection.objects.filter(
                    article=article, kind=kind, **{models.field + "_id__in": added}
                ).delete()
                models.through.objects.filter(content_object=article, tag_id__in=added).update(
                    source=TagSource.EDITOR
                )
            if removed:
                MentionRow.objects.in_articles([article]).filter(
                    kind=kind, **{models.field + "_id__in": removed}
                ).delete()
