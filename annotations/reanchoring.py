"""Keep annotations on the right words when a corrected editorial replaces paragraphs.

Each annotation with a quote is looked for by its quote (exact, then by its context, then
fuzzily), first in its own paragraph while that row survives, and moved to where the words
now stand; one on a whole paragraph follows that paragraph's row, or the paragraph's old
text where the row went. A move by anything but the exact words in their old context is
marked for an editor to review (see Annotation.needs_review). What cannot be placed is
orphaned: kept, with its original quote, for an editor to re-attach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from annotations.anchoring import Quote, context_kept, quote_at, quote_locate
from annotations.models import Action, Annotation, MoveMethod
from annotations.move_review import moved_back
from annotations.services import revision_record, snapshot
from articles.models import Article, Paragraph

SILENT = "exact"  # the exact words in their old context: nothing for anyone to check


@dataclass(frozen=True)
class Place:
    index: int  # of the paragraph in the new texts
    start: int | None  # offsets of the quote; None for a whole-paragraph annotation
    end: int | None
    method: str  # SILENT or a MoveMethod


def new_place(
    annotation: Annotation,
    *,
    old_index: int | None,
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    surviving_index: dict[int, int],
) -> Place | None:
    """Where an annotation goes in the new texts and how it was found, or None when lost."""
    own = surviving_index.get(annotation.paragraph_id)
    if annotation.quote_exact:
        return _quote_place(annotation, own=own, old_texts=old_texts, new_texts=new_texts)
    if own is not None:
        changed = old_index is not None and old_texts[old_index] != new_texts[own]
        return Place(own, None, None, MoveMethod.PARAGRAPH if changed else SILENT)
    if old_index is None:
        return None
    # A whole-paragraph annotation whose row went: find where that paragraph's text went.
    anchor = quote_locate(Quote(old_texts[old_index]), new_texts)
    if anchor is None:
        return None
    return Place(anchor.paragraph_index, None, None, _method(anchor.method))


def _quote_place(
    annotation: Annotation, *, own: int | None, old_texts: Sequence[str], new_texts: Sequence[str]
) -> Place | None:
    quote = Quote(annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix)
    if own is not None:
        # Its own paragraph still stands: a close match there beats a look-alike elsewhere.
        anchor = quote_locate(quote, [new_texts[own]], hint_start=annotation.quote_start)
        if anchor is not None:
            return _placed(quote, own, anchor, new_texts)
    # Else (or when its paragraph went) the words may have gone to a changed or new
    # paragraph, never to one that was there before, unchanged: what that holds is a
    # look-alike, not these words moved. Nowhere else: an orphan, not a guess.
    unchanged = set(old_texts)
    candidates = [i for i, text in enumerate(new_texts) if text not in unchanged]
    anchor = quote_locate(quote, [new_texts[i] for i in candidates])
    if anchor is None:
        return None
    return _placed(quote, candidates[anchor.paragraph_index], anchor, new_texts)


def _placed(quote: Quote, index: int, anchor, new_texts: Sequence[str]) -> Place:
    method = _method(anchor.method)
    if method == MoveMethod.SURROUNDINGS and context_kept(
        new_texts[index], anchor.start, anchor.end, quote
    ):
        method = SILENT
    return Place(index, anchor.start, anchor.end, method)


def _method(found_by: str) -> str:
    """The move method for how quote_locate found it; exact words still need their context
    checked (see _placed), so they start as SURROUNDINGS."""
    return {"exact": MoveMethod.SURROUNDINGS, "context": MoveMethod.CONTEXT}.get(
        found_by, MoveMethod.FUZZY
    )


def moved_mark(annotation: Annotation, *, method: str, old_paragraph_text: str) -> None:
    """Record how it moved and, unless a move is already waiting for review, what it stood
    on before: the editor compares against the words they last saw confirmed."""
    if not annotation.needs_review:
        annotation.moved_from_quote = annotation.quote_exact or old_paragraph_text
        annotation.moved_from_prefix = annotation.quote_prefix
        annotation.moved_from_suffix = annotation.quote_suffix
    annotation.needs_review = True
    annotation.move_method = method
    annotation.moved_at = timezone.now()


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
        old_index = old_index_of.get(annotation.paragraph_id)
        place = new_place(
            annotation,
            old_index=old_index,
            old_texts=old_texts,
            new_texts=new_texts,
            surviving_index=surviving_index,
        )
        previous = snapshot(annotation)
        if place is None:
            if annotation.paragraph_id is None:
                continue  # still nowhere to go
            annotation.paragraph = None
            # An orphan waits on the orphans list instead; its quote is what it was written on.
            if annotation.needs_review and annotation.move_method != MoveMethod.PARAGRAPH:
                moved_back(annotation)
            annotation.needs_review = False
            action, reason = Action.ORPHAN, "The corrected text no longer holds the quote."
        else:
            paragraph = paragraphs[place.index]
            if place.method != SILENT:
                moved_mark(
                    annotation,
                    method=place.method,
                    old_paragraph_text=old_texts[old_index] if old_index is not None else "",
                )
            if place.start is not None:
                quote = quote_at(paragraph.text, place.start, place.end)
                annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix = (
                    quote.exact,
                    quote.prefix,
                    quote.suffix,
                )
            annotation.paragraph = paragraph
            annotation.quote_start, annotation.quote_end = place.start, place.end
            how = "by exact match" if place.method == SILENT else MoveMethod(place.method).label
            action = Action.REANCHOR
            reason = f"Placed {how} in paragraph {place.index + 1}."
            if place.method != SILENT:
                reason += " Waiting for an editor to review the new place."
        if snapshot(annotation) == previous:
            continue
        annotation.version += 1
        annotation.save()
        annotation.replies.update(paragraph=annotation.paragraph)
        revision_record(
            annotation=annotation, action=action, actor=None, previous=previous, reason=reason
        )
