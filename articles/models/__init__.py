"""Editorials, their paragraphs, the entity kinds, and tags with where they were found.

One module per concern: `articles` (Article, Paragraph), `entities` (Leader, LeaderTerm,
Country, AgendaItem), `tagging` (the tag tables, Mention, TagRejection), `mention_months`
(mentions counted per entity and month, for the charts), `page_versions` (what cached reader
pages were made from).
"""

from .articles import Article, ArticleQuerySet, Paragraph, ParagraphQuerySet
from .entities import AgendaItem, Country, Entity, Leader, LeaderTerm
from .mention_months import MentionMonth
from .page_versions import PageVersion
from .rows import RowsQuerySet
from .tagging import (
    KINDS,
    EntityKind,
    KindModels,
    Mention,
    MentionQuerySet,
    TaggedAgendaItem,
    TaggedCountry,
    TaggedEntity,
    TaggedLeader,
    TagRejection,
    TagSource,
)

__all__ = [
    "KINDS",
    "AgendaItem",
    "Article",
    "ArticleQuerySet",
    "Country",
    "Entity",
    "EntityKind",
    "KindModels",
    "Leader",
    "LeaderTerm",
    "Mention",
    "MentionMonth",
    "MentionQuerySet",
    "PageVersion",
    "Paragraph",
    "ParagraphQuerySet",
    "RowsQuerySet",
    "TagRejection",
    "TagSource",
    "TaggedAgendaItem",
    "TaggedCountry",
    "TaggedEntity",
    "TaggedLeader",
]
