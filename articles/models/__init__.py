"""Editorials, their paragraphs, the entity kinds, and tags with where they were found.

One module per concern: `articles` (Article, Paragraph), `entities` (Leader, LeaderTerm,
Country, AgendaItem), `tagging` (the tag tables, Mention, TagRejection).
"""

from .articles import Article, ArticleQuerySet, Paragraph, ParagraphQuerySet
from .entities import AgendaItem, Country, Entity, Leader, LeaderTerm
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
    "MentionQuerySet",
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
