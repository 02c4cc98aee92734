"""Connects the annotations app to the articles app's signals (articles never imports us)."""

from django.dispatch import receiver

from articles.signals import paragraphs_changed


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
