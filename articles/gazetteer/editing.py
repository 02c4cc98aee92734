"""Editors' changes to entities: merge two into one, rename one."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.models import (
    KINDS,
    Country,
    Entity,
    Leader,
    LeaderTerm,
    Mention,
    TagRejection,
    TagSource,
)


class MergeError(ValueError):
    """The two entities cannot be merged (different kinds, or the same entity)."""


def entity_merge(*, source: Entity, into: Entity) -> Entity:
    """Fold `source` into `into`: its tags, mentions, rejections, terms and names move over,
    its name and aliases become aliases of `into`, and `source` is deleted.

    A tag on an article that has both keeps the editor's say: if either was an editor's tag,
    the merged one is too.
    """
    if type(source) is not type(into) or source.pk == into.pk:
        raise MergeError("Only two different entities of the same kind can be merged.")
    models = KINDS[source.kind]
    field = models.field
    with transaction.atomic():
        both = models.through.objects.filter(
            tag=into,
            content_object__in=models.through.objects.filter(tag=source).values("content_object"),
        )
        editor_on_source = models.through.objects.filter(tag=source, source=TagSource.EDITOR)
        both.filter(content_object__in=editor_on_source.values("content_object")).update(
            source=TagSource.EDITOR
        )
        models.through.objects.filter(
            tag=source, content_object__in=both.values("content_object")
        ).delete()
        models.through.objects.filter(tag=source).update(tag=into)

        Mention.objects.filter(**{field: source}).update(**{field: into})
        rejected = TagRejection.objects.filter(**{field: into}).values("article")
        TagRejection.objects.filter(**{field: source}, article__in=rejected).delete()
        TagRejection.objects.filter(**{field: source}).update(**{field: into})

        now = timezone.now()
        if isinstance(source, Leader):
            LeaderTerm.objects.filter(leader=source).update(leader=into, updated_at=now)
            if not into.family_name:
                into.family_name = source.family_name
            if into.country_id is None:
                into.country_id = source.country_id
        if isinstance(source, Country):
            Leader.objects.filter(country=source).update(country=into, updated_at=now)
            LeaderTerm.objects.filter(country=source).update(country=into, updated_at=now)
            if not into.code:
                into.code = source.code
        if hasattr(source, "clues"):
            into.clues = [*into.clues, *(c for c in source.clues if c not in into.clues)]

        names = [source.name, *source.aliases]
        into.aliases = [
            *into.aliases,
            *(n for n in names if n not in into.aliases and n != into.name),
        ]
        into.merged_keys = [
            *into.merged_keys,
            *(k for k in [source.key, *source.merged_keys] if k and k not in into.merged_keys),
        ]
        if not into.description:
            into.description = source.description
        source.delete()
        into.save()
    return into


def entity_rename(*, entity: Entity, name: str) -> Entity:
    """Give an entity a new name; the old one becomes an alias so the text still finds it.

    The slug stays, so that links to its page keep working.
    """
    old = entity.name
    if name == old:
        return entity
    entity.name = name
    entity.aliases = [a for a in entity.aliases if a != name]
    if old not in entity.aliases:
        entity.aliases = [old, *entity.aliases]
    entity.save()
    return entity
