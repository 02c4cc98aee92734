"""Reviewing what a correction moved: an editor confirms the new place, or leaves the
annotation orphaned with the words it was written on. Each choice is a revision, as every
write to an annotation is (annotations.services)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from annotations.models import Action, Annotation, MoveMethod
from annotations.services import locked, revision_record, snapshot


def moved_back(annotation: Annotation) -> None:
    """Give a moved annotation back the quote it had before the move (for an orphan, which
    keeps the words it was written on)."""
    annotation.quote_exact = annotation.moved_from_quote
    annotation.quote_prefix = annotation.moved_from_prefix
    annotation.quote_suffix = annotation.moved_from_suffix


def moved_locked(annotation: Annotation) -> Annotation:
    current = locked(annotation)
    if current.parent_id is not None:
        raise ValidationError({"annotation": "A reply moves with the annotation it answers."})
    if not current.needs_review or current.paragraph_id is None:
        raise ValidationError({"annotation": "No move of this annotation waits for review."})
    return current


@transaction.atomic
def annotation_move_confirm(*, annotation: Annotation, actor) -> Annotation:
    """An editor confirms the place a correction moved an annotation to."""
    current = moved_locked(annotation)
    previous = snapshot(current)
    current.needs_review = False
    current.version += 1
    current.save()
    revision_record(
        annotation=current,
        action=Action.CONFIRM,
        actor=actor,
        previous=previous,
        reason=f"The new place in paragraph {current.paragraph.position} is right.",
    )
    return current


@transaction.atomic
def annotation_leave_orphaned(*, annotation: Annotation, actor) -> Annotation:
    """An editor takes a moved annotation off the place it was moved to: it becomes an
    orphan with the quote it had before the move (its replies follow), to re-attach."""
    current = moved_locked(annotation)
    previous = snapshot(current)
    moved_from = current.paragraph.position
    if current.move_method != MoveMethod.PARAGRAPH:
        moved_back(current)
    current.paragraph = None
    current.quote_start = current.quote_end = None
    current.needs_review = False
    current.version += 1
    current.save()
    current.replies.update(paragraph=None)
    revision_record(
        annotation=current,
        action=Action.DETACH,
        actor=actor,
        previous=previous,
        reason=f"The place in paragraph {moved_from} is wrong; left orphaned.",
    )
    return current
