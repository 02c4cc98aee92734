"""The entity kinds editorials are tagged with: leaders (and their terms), countries, agenda."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from taggit.models import TagBase


class Entity(TagBase):
    """Something editorials talk about, tagged on articles; aliases help automatic tagging."""

    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other ways the text writes this name, one per entry (e.g. “U.S.”, “USA”).",
    )
    description = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(2_000)],
        help_text="A line or two shown on its page.",
    )
    key = models.CharField(
        max_length=100,
        blank=True,
        default="",
        editable=False,
        help_text="The shipped gazetteer's identifier; empty for entities editors added.",
    )
    merged_keys = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Gazetteer identifiers of entities merged into this one.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    url_name: str = ""
    kind: str = ""

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="%(class)s_unique_key"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, kwargs={"slug": self.slug})

    @property
    def all_names(self) -> list[str]:
        """The name and every alias, as the matcher reads them."""
        return [self.name, *self.aliases]


class Country(Entity):
    code = models.CharField(
        max_length=2,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code, e.g. “KR”; empty for places without one.",
    )

    url_name = "articles:country"
    kind = "country"

    class Meta(Entity.Meta):
        verbose_name = "country"
        verbose_name_plural = "countries"


class Leader(Entity):
    family_name = models.CharField(
        max_length=100,
        blank=True,
        help_text=(
            "The name a title goes with (“Lee” in “President Lee”): titled mentions are "
            "resolved by the article's date and the terms below. Empty: titles never tag them."
        ),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leaders",
        help_text="The country they lead or serve.",
    )

    url_name = "articles:leader"
    kind = "leader"

    class Meta(Entity.Meta):
        verbose_name = "leader"


class AgendaItem(Entity):
    clues = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Rules for when the item is described rather than named, one per line: words "
            "that must all occur within about a sentence, joined by “+”, alternatives by "
            "“|”. E.g. “Fukushima + seafood | fish + ban | imports”. Phrases after “!” are "
            "exceptions: clue words inside them do not count (“... + tariffs ! retaliatory "
            "tariffs”)."
        ),
    )
    since = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day it began, for an event: editorials dated before it are not tagged with it, "
            "as its names meant something else then (“Camp David summit” in 2008)."
        ),
    )

    url_name = "articles:agenda_item"
    kind = "agenda"

    class Meta(Entity.Meta):
        verbose_name = "agenda item"


class LeaderTerm(models.Model):
    """A spell in office; it resolves titled mentions (“President Lee”) by the article's date."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="terms")
    office = models.CharField(
        max_length=120, help_text="E.g. “President”, “Prime Minister”, “Foreign Minister”."
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The country of the office; empty for offices such as UN Secretary-General.",
    )
    start = models.DateField(help_text="The first day in office.")
    end = models.DateField(
        null=True,
        blank=True,
        help_text="The successor's first day (or the day they left); empty while in office.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["leader", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gt=models.F("start")),
                name="leaderterm_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        until = f"{self.end:%Y-%m-%d}" if self.end else "present"
        return f"{self.office} ({self.start:%Y-%m-%d} to {until})"
