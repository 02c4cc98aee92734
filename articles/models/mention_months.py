"""Mentions counted per entity and month, for the entity pages' charts."""

from django.db import models

from .tagging import EntityKind


class MentionMonth(models.Model):
    """How often an entity is mentioned in the editorials of one month (in the archive's
    time zone). Written only by database triggers on mentions and articles
    (articles/mention_months.py), so that bulk writes, cascades and merges all count."""

    kind = models.CharField(max_length=10, choices=EntityKind.choices)
    entity_id = models.BigIntegerField()  # one column for the three kinds: no foreign key
    month = models.DateField()
    mentions = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "entity_id", "month"], name="mention_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.entity_id} in {self.month:%Y-%m}: {self.mentions}"
