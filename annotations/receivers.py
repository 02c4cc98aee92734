"""Connects the annotations app to the articles app's signals (articles never imports us)."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from annotations.models import Annotation
from articles.page_versions import PEOPLE, annotations_bump, versions_bump
from articles.signals import paragraphs_changed
from people.models import Profile


@receiver(paragraphs_changed, dispatch_uid="annotations_reanchor")
def reanchor_on_paragraphs_changed(sender, *, article, old_texts, new_texts, **kwargs):
    from annotations.reanchoring import annotations_reanchor

    annotations_reanchor(
        article=article,
        old_texts=old_texts,
        new_texts=new_texts,
        old_paragraph_ids=kwargs["old_paragraph_ids"],
        paragraphs=kwargs["paragraphs"],
    )


@receiver(post_save, sender=Annotation, dispatch_uid="page_versions_annotation_saved")
@receiver(post_delete, sender=Annotation, dispatch_uid="page_versions_annotation_deleted")
def annotation_changed(sender, instance, **kwargs):
    """A card changed (written, edited, replied to, hidden, restored, moved): its page and
    the counts that lists show are read again (articles/page_versions.py)."""
    if instance.article_id is not None:
        annotations_bump(instance.article_id)


@receiver(post_save, sender=Profile, dispatch_uid="page_versions_profile_saved")
def display_name_changed(sender, **kwargs):
    versions_bump(PEOPLE)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="page_versions_user_saved")
def account_changed(sender, update_fields=None, **kwargs):
    # A sign-in saves last_login alone, which no page shows.
    if update_fields is None or set(update_fields) - {"last_login"}:
        versions_bump(PEOPLE)
