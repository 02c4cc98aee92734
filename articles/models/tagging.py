"""Tags on articles, where the tagger found each entity (mentions), and editors' rejections."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from taggit.models import ItemBase, NaturalKeyManager

from .articles import Article, Paragraph
from .entities import AgendaItem, Country, Entity, Leader
from .rows import RowsQuerySet


class EntityKind(models.TextChoices):
    LEADER = "leader", "leader"
    COUNTRY = "country", "country"
    AGENDA = "agenda", "agenda item"


class TagSource(models.TextChoices):
    AUTO = "auto", "automatic tagging"
    EDITOR = "editor", "an editor"


class TaggedEntity(ItemBase):
    """An entity tagged on an article; each kind has its own table, one tag per article."""

    content_object = models.ForeignKey(Article, on_delete=models.CASCADE)
    source = models.CharField(
        max_length=10,
        choices=TagSource.choices,
        default=TagSource.EDITOR,
        help_text="Who tagged it. Re-tagging removes only automatic tags, never an editor's.",
    )

    objects = NaturalKeyManager.from_queryset(RowsQuerySet)()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="%(class)s_unique")
        ]


class TaggedLeader(TaggedEntity):
    tag = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="tagged_items")


class TaggedCountry(TaggedEntity):
    tag = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="tagged_items")


class TaggedAgendaItem(TaggedEntity):
    tag = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="tagged_items")


def _entity_link(entity: type[Entity]) -> models.ForeignKey:
    """One of EntityReference's three links; two of the three are null in every row, so
    there is no plain index on it (see the partial indexes of the concrete models)."""
    return models.ForeignKey(
        entity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        db_index=False,
    )


class EntityReference(models.Model):
    """Points at one entity of any kind: `kind` says which of the three links is set."""

    kind = models.CharField(max_length=10, choices=EntityKind.choices)
    leader = _entity_link(Leader)
    country = _entity_link(Country)
    agenda_item = _entity_link(AgendaItem)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="leader",
                        leader__isnull=False,
                        country__isnull=True,
                        agenda_item__isnull=True,
                    )
                    | models.Q(
                        kind="country",
                        leader__isnull=True,
                        country__isnull=False,
                        agenda_item__isnull=True,
                    )
                    | models.Q(
                        kind="agenda",
                        leader__isnull=True,
                        country__isnull=True,
                        agenda_item__isnull=False,
                    )
                ),
                name="%(class)s_one_entity_of_its_kind",
            )
        ]

    @property
    def entity(self) -> Entity:
        return getattr(self, KINDS[self.kind].field)

    @property
    def entity_id(self) -> int:
        return getattr(self, KINDS[self.kind].field + "_id")


class MentionQuerySet(RowsQuerySet):
    def of(self, entity: Entity):
        """Mentions of one entity."""
        return self.filter(**{KINDS[entity.kind].field: entity})

    def in_articles(self, articles):
        """Mentions in these articles (ids, instances or a QuerySet)."""
        return self.filter(article__in=articles)

    def in_text_order(self):
        return self.order_by("paragraph__position", "start", "end")


class Mention(EntityReference):
    """Where the tagger found an entity: a paragraph and the [start, end) offsets in its text,
    in characters (code points), as annotations count them.

    A bulk import writes hundreds of thousands of these, so the table is lean: indexes on
    the entity links only where they are set. `article` repeats the paragraph's article
    (set from it on save; bulk writers set it themselves): an entity page's chart counts
    thousands of mentions by their editorial's month, and reaching the editorial through
    each paragraph made PostgreSQL read the whole paragraphs table for it.
    """

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", editable=False
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    objects = MentionQuerySet.as_manager()

    class Meta(EntityReference.Meta):
        constraints = [
            *EntityReference.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="mention_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(
                fields=[field],
                condition=models.Q(**{f"{field}__isnull": False}),
                name=f"mention_{field}",
            )
            for field in ("leader", "country", "agenda_item")
        ]

    def __str__(self) -> str:
        return f"{self.entity} in ¶{self.paragraph_id} [{self.start}:{self.end}]"

    def save(self, *args, **kwargs):
        if self.article_id is None and self.paragraph_id is not None:
            self.article_id = self.paragraph.article_id
        super().save(*args, **kwargs)

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


class TagRejection(EntityReference):
    """An editor removed this tag from this article: re-tagging must never put it back."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tag_rejections")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta(EntityReference.Meta):
        constraints = [
            *EntityReference.Meta.constraints,
            *(
                models.UniqueConstraint(
                    fields=["article", field],
                    condition=models.Q(kind=kind),
                    name=f"tagrejection_unique_{kind}",
                )
                for kind, field in (
                    ("leader", "leader"),
                    ("country", "country"),
                    ("agenda", "agenda_item"),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity} rejected on {self.article_id}"


@dataclass(frozen=True)
class KindModels:
    """Everything that differs between the three kinds, by kind."""

    kind: str
    entity: type[Entity]
    through: type[TaggedEntity]
    manager: str  # the TaggableManager on Article
    field: str  # the link on Mention and TagRejection


KINDS: dict[str, KindModels] = {
    "leader": KindModels("leader", Leader, TaggedLeader, "leaders", "leader"),
    "country": KindModels("country", Country, TaggedCountry, "countries", "country"),
    "agenda": KindModels("agenda", AgendaItem, TaggedAgendaItem, "agenda", "agenda_item"),
}
