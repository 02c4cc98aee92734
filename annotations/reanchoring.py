"""Keep annotations on the right words when a corrected editorial replaces paragraphs.

Each annotation with a quote is looked for by its quote (exact, then by its context, then
fuzzily) and moved to the paragraph where the words now stand; one on a whole paragraph
follows that paragraph's row, or the paragraph's old text where the row went. What cannot
be placed is orphaned: kept, with its original quote, for an editor to re-attach.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotations.anchoring import Quote, quote_at, quote_locate
from annotations.models import Action, Annotation
from annotations.services import revision_record, snapshot
from articles.models import Article, Paragraph


def new_place(
    annotation: Annotation,
    *,
    old_index: int | None,
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    surviving_index: dict[int, int],
) -> tuple[int, int | None, int | None, str] | None:
    """(new paragraph index, start, end, how) for an annotation, or None when it is lost."""
    if annotation.quote_exact:
        quote = Quote(annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix)
        # The row that held it is the best hint of where to look first.
        hint = surviving_index.get(annotation.paragraph_id)
        anchor = quote_locate(quote, new_texts, hint_index=hint, hint_start=annotation.quote_start)
        if anchor is None:
            return None
        return anchor.paragraph_index, anchor.start, anchor.end, anchor.method
    if annotation.paragraph_id in surviving_index:
        return surviving_index[annotation.paragraph_id], None, None, "paragraph"
    if old_index is None:
        return None
    # A whole-paragraph annotation whose row went: find where that paragraph's text went.
    anchor = quote_locate(Quote(old_texts[old_index]), new_texts)
    return (anchor.paragraph_index, None, None, anchor.method) if anchor else None


def annotations_reanchor(
    *,
    article: Article,
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    old_paragraph_ids: Sequence[int],
    paragraphs: Sequence[Paragraph],
) -> None:
    """Move or orphan every annotation of the article after its paragraphs changed."""
    old_index_of = {pk: index for index, pk in enumerate(old_paragraph_ids)}
    surviving_index = {row.pk: index for index, row in enumerate(paragraphs)}
    threads = list(
        Annotation.objects.filter(article=article, parent__isnull=True)
        .select_related("paragraph")
        .prefetch_related("evidence")
    )
    for annotation in threads:
        if annotation.paragraph_id is None and not annotation.quote_exact:
            continue
        place = new_place(
            annotation,
            old_index=old_index_of.get(annotation.paragraph_id),
            old_texts=old_texts,
            new_texts=new_texts,
            surviving_index=surviving_index,
        )
        previous = snapshot(annotation)
        if place is None:
            if annotation.paragraph_id is None:
                continue  # still nowhere to go
            annotation.paragraph = None
            action, reason = Action.ORPHAN, "The corrected text no longer holds the quote."
        else:
            index, start, end, how = place
            paragraph = paragraphs[index]
            if start is not None:
                quote = quote_at(paragraph.text, start, end)
                annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix = (
                    quote.exact,
                    quote.prefix,
                    quote.suffix,
                )
            annotation.paragraph = paragraph
            annotation.quote_start, annotation.quote_end = start, end
            action, reason = Action.REANCHOR, f"Placed by {how} match in paragraph {index + 1}."
        if snapshot(annotation) == previous:
            continue
        annotation.version += 1
        annotation.save()
        annotation.replies.update(paragraph=annotation.paragraph)
        revision_record(
            annotation=annotation, action=action, actor=None, previous=previous, reason=reason
        )
