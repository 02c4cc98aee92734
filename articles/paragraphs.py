"""Replace an article's paragraphs with a corrected version, keeping unchanged rows and ids."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from articles.models import Article, Paragraph
from articles.signals import paragraphs_changed

# Rows are parked above any real position while they move, so that the unique
# (article, position) constraint holds after every statement on every database.
PARKING_OFFSET = 1_000_000


def paragraph_row_plan(
    old_texts: Sequence[str], new_texts: Sequence[str]
) -> tuple[dict[int, int], list[int]]:
    """Which old paragraph index serves each new index, and the new indexes that need rows.

    Unchanged paragraphs keep their rows, also when they moved; within a replaced stretch
    the remaining rows are reused in order, so a corrected typo keeps the paragraph's id.
    """
    reuse: dict[int, int] = {}
    matcher = SequenceMatcher(a=list(old_texts), b=list(new_texts), autojunk=False)
    opcodes = matcher.get_opcodes()
    for tag, old_start, old_end, new_start, _ in opcodes:
        if tag == "equal":
            reuse.update({new_start + i: old_start + i for i in range(old_end - old_start)})

    unused_by_text: dict[str, list[int]] = {}
    used = set(reuse.values())
    for index, text in enumerate(old_texts):
        if index not in used:
            unused_by_text.setdefault(text, []).append(index)
    for index, text in enumerate(new_texts):
        if index not in reuse and unused_by_text.get(text):
            reuse[index] = unused_by_text[text].pop(0)

    used = set(reuse.values())
    for tag, old_start, old_end, new_start, new_end in opcodes:
        if tag == "replace":
            free_old = [i for i in range(old_start, old_end) if i not in used]
            free_new = [i for i in range(new_start, new_end) if i not in reuse]
            reuse.update(zip(free_new, free_old, strict=False))
            used.update(free_old[: len(free_new)])
    missing = [index for index in range(len(new_texts)) if index not in reuse]
    return reuse, missing


def paragraphs_replace(*, article: Article, texts: Sequence[str]) -> list[Paragraph]:
    """Make the article's paragraphs read `texts`; call inside a transaction."""
    old_rows = list(article.paragraphs.order_by("position"))
    old_texts = tuple(row.text for row in old_rows)
    new_texts = tuple(texts)
    if old_texts == new_texts:
        return old_rows
    reuse, missing = paragraph_row_plan(old_texts, new_texts)

    for row in old_rows:
        row.position += PARKING_OFFSET
    Paragraph.objects.bulk_update(old_rows, ["position"])

    kept = []
    for new_index, old_index in reuse.items():
        row = old_rows[old_index]
        row.position, row.text = new_index + 1, new_texts[new_index]
        kept.append(row)
    Paragraph.objects.bulk_update(kept, ["position", "text"])
    created = Paragraph.objects.bulk_create(
        Paragraph(article=article, position=index + 1, text=new_texts[index]) for index in missing
    )
    paragraphs = sorted([*kept, *created], key=lambda row: row.position)

    # Listeners (annotations) move what hangs on removed rows before those rows go.
    paragraphs_changed.send(
        sender=Article,
        article=article,
        old_texts=old_texts,
        new_texts=new_texts,
        old_paragraph_ids=tuple(row.id for row in old_rows),
        paragraphs=paragraphs,
    )
    reused_ids = {row.id for row in kept}
    removed_ids = [row.id for row in old_rows if row.id not in reused_ids]
    Paragraph.objects.filter(id__in=removed_ids).delete()
    return paragraphs
