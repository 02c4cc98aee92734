"""Bump page versions (articles/page_versions.py) when editorials, tags or entities change.

Bulk writes send no model signals: the import and tagging services bump for themselves.
Paragraphs are followed through their article (the admin saves it with its inlines) and
`paragraphs_changed` (the import), so that deleting them keeps Django's fast path.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AgendaItem, Article, Country, Leader, Paragraph
from .models.tagging import TaggedAgendaItem, TaggedCountry, TaggedLeader
from .page_versions import articles_bump, entities_bump
from .signals import paragraphs_changed


@receiver(post_save, sender=Article, dispatch_uid="page_versions_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="page_versions_article_deleted")
def article_changed(sender, instance, **kwargs):
    articles_bump([instance.pk])


@receiver(post_save, sender=Paragraph, dispatch_uid="page_versions_paragraph_saved")
def paragraph_saved(sender, instance, **kwargs):
    articles_bump([instance.article_id])


@receiver(paragraphs_changed, dispatch_uid="page_versions_paragraphs_changed")
def paragraphs_replaced(sender, *, article, **kwargs):
    articles_bump([article.pk])


def tag_changed(sender, instance, **kwargs):
    articles_bump([instance.content_object_id])


def entity_changed(sender, instance, **kwargs):
    entities_bump()


for through in (TaggedLeader, TaggedCountry, TaggedAgendaItem):
    post_save.connect(tag_changed, sender=through, dispatch_uid=f"page_versions_{through.__name__}")
    post_delete.connect(
        tag_changed, sender=through, dispatch_uid=f"page_versions_{through.__name__}_deleted"
    )
for entity in (Leader, Country, AgendaItem):
    post_save.connect(
        entity_changed, sender=entity, dispatch_uid=f"page_versions_{entity.__name__}"
    )
    post_delete.connect(
        entity_changed, sender=entity, dispatch_uid=f"page_versions_{entity.__name__}_deleted"
    )
