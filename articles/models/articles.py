"""Editorials and their paragraphs."""

from collections.abc import Iterable

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

from .entities import AgendaItem, Country, Entity, Leader
from .functions import LocalMonth
from .rows import RowsQuerySet


class ArticleQuerySet(models.QuerySet):
    """Named reads of articles, so views and templates never repeat a filter or a prefetch."""

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def with_entities(self):
        return self.prefetch_related("leaders", "countries", "agenda")

    def with_paragraphs(self):
        return self.prefetch_related("paragraphs")

    def with_lead(self):
        """Annotate `lead`, the first paragraph's text, for teasers that need no other paragraph."""
        first = Paragraph.objects.filter(article=models.OuterRef("pk")).order_by("position")
        return self.annotate(lead=models.Subquery(first.values("text")[:1]))

    def for_listing(self):
        """Newest first, with what a list item shows: the lead paragraph and the entities."""
        return self.newest_first().with_lead().with_entities()

    def in_order(self, ids: list[int]) -> list["Article"]:
        """These articles in the order of `ids` (missing ones left out), read unsorted: the
        caller has already chosen and ordered the page."""
        by_id = {article.pk: article for article in self.filter(pk__in=ids).order_by()}
        return [by_id[pk] for pk in ids if pk in by_id]

    def month_counts(self):
        """Rows of `month` (its first moment in the current time zone) and `count`, newest first."""
        return (
            self.annotate(month=LocalMonth("published_at"))
            .values("month")
            .annotate(count=models.Count("id"))
            .order_by("-month")
        )

    def mentioning(self, entity: Entity, *, walking_newest: bool = False):
        """The articles tagged with `entity`: joined to its tag rows, or with `walking_newest`
        written as EXISTS, so that, sorted newest first, the database walks the newest
        editorials and stops once it has a page (cheaper when the entity is on many)."""
        manager = {Leader: "leaders", Country: "countries", AgendaItem: "agenda"}[type(entity)]
        if not walking_newest:
            return self.filter(**{manager: entity})
        through = self.model._meta.get_field(manager).remote_field.through
        tagged = through.objects.filter(content_object=models.OuterRef("pk"), tag=entity)
        return self.filter(models.Exists(tagged))


# What an editor may write in the admin's free-text fields (a real editorial's paragraph is
# under 2,000 characters). Validators, not max_length: a text column's length is no schema
# change, and SQLite would rebuild the table (and lose its triggers) for one.
PARAGRAPH_MAX_CHARS = 20_000
CAPTION_MAX_CHARS = 2_000


class Article(models.Model):
    """One editorial as published, with its metadata; the text lives in its paragraphs."""

    slug = models.SlugField(max_length=120, unique=True, help_text="The article's address.")
    import_key = models.CharField(
        max_length=200,
        unique=True,
        help_text="Identifies the editorial across re-imports: publication and Input time.",
    )
    content_hash = models.CharField(
        max_length=64, help_text="Fingerprint of the imported content; equal means unchanged."
    )
    label = models.CharField(
        max_length=60, blank=True, help_text="The bracketed label, e.g. “Editorial”."
    )
    title = models.CharField(max_length=500)
    publication = models.CharField(max_length=200)
    published_at = models.DateTimeField(
        db_index=True, help_text="The Input time: when the editorial was first published."
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="The Updated time: the last revision by the paper."
    )
    dateline = models.DateField(
        null=True,
        blank=True,
        help_text="The date printed on the saved page; not always the publication date.",
    )
    deck = models.JSONField(default=list, blank=True, help_text="Sub-headline lines, in order.")
    caption_text = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(CAPTION_MAX_CHARS)],
        help_text="Photo caption, without its credit.",
    )
    caption_credit = models.CharField(max_length=200, blank=True)
    layout = models.CharField(
        max_length=40, default="fnnews", help_text="Which source layout the file was read as."
    )
    source_name = models.CharField(
        max_length=500, blank=True, help_text="The file the latest version was imported from."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    leaders = TaggableManager(
        through="TaggedLeader", related_name="articles", blank=True, verbose_name="leaders"
    )
    countries = TaggableManager(
        through="TaggedCountry", related_name="articles", blank=True, verbose_name="countries"
    )
    agenda = TaggableManager(
        through="TaggedAgendaItem", related_name="articles", blank=True, verbose_name="agenda"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at", "-id"], name="article_newest_first")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def caption(self) -> dict | None:
        if not (self.caption_text or self.caption_credit):
            return None
        return {"text": self.caption_text, "credit": self.caption_credit}


class ParagraphQuerySet(RowsQuerySet):
    def insert_rows(self, rows: Iterable[tuple[int, int, str]]) -> None:
        """Insert `(article_id, position, text)` rows with one `executemany`."""
        self.insert_values(("article", "position", "text"), rows)


class Paragraph(models.Model):
    """A paragraph of an article; keeps its id across re-imports while its text is unchanged."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(help_text="1-based place in the article.")
    text = models.TextField(validators=[MaxLengthValidator(PARAGRAPH_MAX_CHARS)])

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="paragraph_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} ¶{self.position}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"p{self.position}"
