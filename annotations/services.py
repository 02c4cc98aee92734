"""Writes to annotations: each is a function that checks its invariants and keeps a revision.

Views and the re-anchoring receiver call these; nothing else writes annotations. Permission
checks live in the views (they know the request); these functions enforce what must hold
whoever calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from annotations.anchoring import quote_at, quote_find_in
from annotations.limits import (
    BODY_MAX_CHARS,
    CLAIM_TEXT_MAX_CHARS,
    CLAIMANT_MAX_CHARS,
    EVIDENCE_TITLE_MAX_CHARS,
    EVIDENCE_URL_MAX_CHARS,
    MAX_EVIDENCE_LINKS,
    QUOTE_MAX_CHARS,
    REASON_MAX_CHARS,
    REPLY_MAX_CHARS,
    too_long,
)
from annotations.models import (
    Action,
    Annotation,
    ClaimantType,
    EvidenceLink,
    Kind,
    Revision,
    Status,
)
from articles.models import Leader, Paragraph


class EditConflict(Exception):
    """The annotation changed since the editor loaded it; carries the newer version."""

    def __init__(self, current: Annotation):
        super().__init__(f"annotation {current.pk} is at version {current.version}")
        self.current = current


@dataclass(frozen=True)
class Evidence:
    url: str
    title: str = ""


@dataclass(frozen=True)
class AnnotationContent:
    """What an editor writes: everything but where it hangs."""

    kind: str = Kind.NOTE
    body: str = ""
    claim_text: str = ""
    claimant: str = ""
    claimant_leader: Leader | None = None
    claimant_type: str = ClaimantType.PERSON
    verdict: str = ""
    evidence: Sequence[Evidence] = ()


def length_errors(content: AnnotationContent, *, is_reply: bool) -> dict[str, str]:
    """Each text over its limit (see annotations.limits), by field."""
    body_what, body_limit = (
        ("The reply", REPLY_MAX_CHARS) if is_reply else ("The text", BODY_MAX_CHARS)
    )
    errors = {
        field: too_long(what, limit, len(value))
        for field, what, limit, value in (
            ("body", body_what, body_limit, content.body),
            ("claim_text", "The claim", CLAIM_TEXT_MAX_CHARS, content.claim_text),
            ("claimant", "Who made it", CLAIMANT_MAX_CHARS, content.claimant),
        )
        if len(value) > limit
    }
    lines = []
    for number, link in enumerate(content.evidence, start=1):
        if len(link.url) > EVIDENCE_URL_MAX_CHARS:
            lines.append(
                f"Link {number}: " + too_long("the address", EVIDENCE_URL_MAX_CHARS, len(link.url))
            )
        if len(link.title) > EVIDENCE_TITLE_MAX_CHARS:
            lines.append(
                f"Link {number}: "
                + too_long("the title", EVIDENCE_TITLE_MAX_CHARS, len(link.title))
            )
    if len(content.evidence) > MAX_EVIDENCE_LINKS:
        lines.append(f"At most {MAX_EVIDENCE_LINKS} evidence links.")
    if lines:
        errors["evidence"] = " ".join(lines)
    return errors


def quote_validate(exact: str) -> None:
    if len(exact) > QUOTE_MAX_CHARS:
        raise ValidationError({"quote": too_long("The quote", QUOTE_MAX_CHARS, len(exact))})


def content_validate(content: AnnotationContent, *, is_reply: bool) -> None:
    """What must hold of any annotation's content: its kind's parts, each within its limit."""
    errors = length_errors(content, is_reply=is_reply)
    if is_reply and content.kind != Kind.NOTE:
        errors["kind"] = "A reply is a note."
    if content.kind == Kind.NOTE and not content.body.strip():
        errors.setdefault("body", "Write the note.")
    if content.kind == Kind.CLAIM:
        if not content.claim_text.strip():
            errors.setdefault("claim_text", "State the claim that is checked.")
        if not content.verdict:
            errors["verdict"] = "Choose a verdict."
        if not content.claimant.strip() and content.claimant_leader is None:
            errors.setdefault("claimant", "Say who made the claim.")
        if content.claimant_type not in ClaimantType.values:
            errors["claimant_type"] = "Say whether a person or an organisation made the claim."
    if errors:
        raise ValidationError(errors)


def span_resolve(paragraph: Paragraph, exact: str, start: int | None) -> tuple[int, int]:
    """Offsets of the quoted words in the paragraph; the start hint picks among repeats."""
    quote_validate(exact)
    if start is not None and paragraph.text[start : start + len(exact)] == exact:
        return start, start + len(exact)
    starts = quote_find_in(paragraph.text, exact)
    if not starts:
        raise ValidationError(
            {"quote": f"The quote does not occur in paragraph {paragraph.position}."}
        )
    nearest = min(starts, key=lambda s: abs(s - start)) if start is not None else starts[0]
    return nearest, nearest + len(exact)


def snapshot(annotation: Annotation) -> dict:
    """The full content of an annotation, as a revision keeps it."""
    return {
        "kind": annotation.kind,
        "body": annotation.body,
        "claim_text": annotation.claim_text,
        "claimant": annotation.claimant,
        "claimant_leader": annotation.claimant_leader_id,
        "claimant_type": annotation.claimant_type,
        "verdict": annotation.verdict,
        "evidence": [{"url": link.url, "title": link.title} for link in annotation.evidence.all()],
        "status": annotation.status,
        "moderation_reason": annotation.moderation_reason,
        "paragraph": annotation.paragraph_id,
        "needs_review": annotation.needs_review,
        "quote": {
            "exact": annotation.quote_exact,
            "prefix": annotation.quote_prefix,
            "suffix": annotation.quote_suffix,
            "start": annotation.quote_start,
            "end": annotation.quote_end,
        },
    }


def revision_record(
    *, annotation: Annotation, action: str, actor, previous: dict | None, reason: str = ""
) -> Revision:
    return Revision.objects.create(
        annotation=annotation,
        version=annotation.version,
        action=action,
        actor=actor,
        reason=reason,
        previous=previous,
        content=snapshot(annotation),
    )


def content_apply(annotation: Annotation, content: AnnotationContent) -> None:
    annotation.kind = content.kind
    annotation.body = content.body
    is_claim = content.kind == Kind.CLAIM
    annotation.claim_text = content.claim_text if is_claim else ""
    annotation.claimant = content.claimant if is_claim else ""
    annotation.claimant_leader = content.claimant_leader if is_claim else None
    annotation.claimant_type = content.claimant_type if is_claim else ClaimantType.PERSON
    annotation.verdict = content.verdict if is_claim else ""


def evidence_replace(annotation: Annotation, evidence: Sequence[Evidence]) -> None:
    annotation.evidence.all().delete()
    EvidenceLink.objects.bulk_create(
        EvidenceLink(annotation=annotation, url=item.url, title=item.title, position=number)
        for number, item in enumerate(evidence, start=1)
    )


def quote_set(annotation: Annotation, paragraph: Paragraph, start: int, end: int) -> None:
    quote = quote_at(paragraph.text, start, end)
    annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix = (
        quote.exact,
        quote.prefix,
        quote.suffix,
    )
    annotation.quote_start, annotation.quote_end = start, end


@transaction.atomic
def annotation_create(
    *,
    paragraph: Paragraph,
    author,
    content: AnnotationContent,
    quote_exact: str = "",
    quote_start: int | None = None,
    canonical: str = "",
    via: Sequence[str] = (),
) -> Annotation:
    """A new annotation on a paragraph, or on the quoted words in it; `canonical` and `via`
    as a program that sent it gave them (the protocol keeps them)."""
    content_validate(content, is_reply=False)
    annotation = Annotation(
        article_id=paragraph.article_id,
        paragraph=paragraph,
        original_position=paragraph.position,
        author=author,
        canonical=canonical,
        via=list(via),
    )
    content_apply(annotation, content)
    if quote_exact:
        quote_set(annotation, paragraph, *span_resolve(paragraph, quote_exact, quote_start))
    annotation.save()
    if content.kind == Kind.CLAIM:
        evidence_replace(annotation, content.evidence)
    revision_record(annotation=annotation, action=Action.CREATE, actor=author, previous=None)
    return annotation


@transaction.atomic
def reply_create(
    *, parent: Annotation, author, body: str, canonical: str = "", via: Sequence[str] = ()
) -> Annotation:
    """A reply under a top-level annotation; replies do not nest."""
    # As the database has it now, locked: a parent hidden since the caller loaded it (or
    # being hidden this moment) takes no reply.
    parent = locked(parent)
    if parent.parent_id is not None:
        raise ValidationError({"parent": "Replies go one level deep: reply to the annotation."})
    if parent.status != Status.VISIBLE:
        raise ValidationError({"parent": "This annotation is not open for replies."})
    content = AnnotationContent(kind=Kind.NOTE, body=body)
    content_validate(content, is_reply=True)
    reply = Annotation(
        article_id=parent.article_id,
        paragraph_id=parent.paragraph_id,
        original_position=parent.original_position,
        parent=parent,
        author=author,
        canonical=canonical,
        via=list(via),
    )
    content_apply(reply, content)
    reply.save()
    revision_record(annotation=reply, action=Action.CREATE, actor=author, previous=None)
    return reply


def locked(annotation: Annotation) -> Annotation:
    # "of self": PostgreSQL refuses to lock the nullable side of the paragraph join.
    return (
        Annotation.objects.select_for_update(of=("self",))
        .select_related("paragraph")
        .get(pk=annotation.pk)
    )


@transaction.atomic
def annotation_update(
    *,
    annotation: Annotation,
    actor,
    expected_version: int,
    content: AnnotationContent,
    quote_exact: str | None = None,
    quote_start: int | None = None,
) -> Annotation:
    """Edit an annotation that is still at the version the editor saw; else EditConflict."""
    current = locked(annotation)
    if current.version != expected_version:
        raise EditConflict(current)
    content_validate(content, is_reply=current.parent_id is not None)
    previous = snapshot(current)
    content_apply(current, content)
    if quote_exact is not None and current.paragraph is not None:
        if quote_exact:
            quote_set(
                current,
                current.paragraph,
                *span_resolve(current.paragraph, quote_exact, quote_start),
            )
        else:
            current.quote_exact = current.quote_prefix = current.quote_suffix = ""
            current.quote_start = current.quote_end = None
    current.version += 1
    current.save()
    if current.parent_id is None:
        evidence_replace(current, content.evidence if content.kind == Kind.CLAIM else ())
    revision_record(annotation=current, action=Action.EDIT, actor=actor, previous=previous)
    return current


def status_change(
    *, annotation: Annotation, actor, action: str, status: str, reason: str = "", allowed_from
) -> Annotation:
    current = locked(annotation)
    if current.status not in allowed_from:
        raise ValidationError(
            {"status": f"This annotation is {current.get_status_display().lower()}."}
        )
    previous = snapshot(current)
    current.status = status
    current.moderation_reason = reason
    current.version += 1
    current.save()
    revision_record(
        annotation=current, action=action, actor=actor, previous=previous, reason=reason
    )
    return current


@transaction.atomic
def annotation_hide(*, annotation: Annotation, actor, reason: str) -> Annotation:
    """A moderator hides an annotation from readers, saying why."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the annotation is hidden."})
    if len(reason.strip()) > REASON_MAX_CHARS:
        raise ValidationError(
            {"reason": too_long("The reason", REASON_MAX_CHARS, len(reason.strip()))}
        )
    return status_change(
        annotation=annotation,
        actor=actor,
        action=Action.HIDE,
        status=Status.HIDDEN,
        reason=reason.strip(),
        allowed_from={Status.VISIBLE},
    )


@transaction.atomic
def annotation_restore(*, annotation: Annotation, actor, reason: str) -> Annotation:
    """Show a hidden or deleted annotation again, saying why (kept in the history)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the annotation is restored."})
    if len(reason.strip()) > REASON_MAX_CHARS:
        raise ValidationError(
            {"reason": too_long("The reason", REASON_MAX_CHARS, len(reason.strip()))}
        )
    return status_change(
        annotation=annotation,
        actor=actor,
        action=Action.RESTORE,
        status=Status.VISIBLE,
        reason=reason.strip(),
        allowed_from={Status.HIDDEN, Status.DELETED},
    )


@transaction.atomic
def annotation_delete(*, annotation: Annotation, actor) -> Annotation:
    """Soft delete: the annotation and its history stay, out of sight."""
    return status_change(
        annotation=annotation,
        actor=actor,
        action=Action.DELETE,
        status=Status.DELETED,
        allowed_from={Status.VISIBLE, Status.HIDDEN},
    )


@transaction.atomic
def annotation_reattach(
    *, annotation: Annotation, actor, paragraph: Paragraph, quote_exact: str, quote_start=None
) -> Annotation:
    """Put an orphaned annotation back on a paragraph of its article (its replies follow), or
    a moved one, waiting for review, somewhere else than where the correction put it."""
    current = locked(annotation)
    if current.parent_id is not None:
        raise ValidationError({"annotation": "A reply moves with the annotation it answers."})
    if current.paragraph_id is not None and not current.needs_review:
        raise ValidationError(
            {
                "annotation": "Only an orphaned annotation, or one a correction moved, is "
                f"re-attached; this one is on paragraph {current.paragraph.position}."
            }
        )
    if paragraph.article_id != current.article_id:
        raise ValidationError({"paragraph": "Choose a paragraph of the same editorial."})
    previous = snapshot(current)
    current.paragraph = paragraph
    if quote_exact:
        quote_set(current, paragraph, *span_resolve(paragraph, quote_exact, quote_start))
    else:
        current.quote_exact = current.quote_prefix = current.quote_suffix = ""
        current.quote_start = current.quote_end = None
    current.needs_review = False  # the editor chose its place: the move is settled
    current.version += 1
    current.save()
    current.replies.update(paragraph=paragraph)
    revision_record(annotation=current, action=Action.REATTACH, actor=actor, previous=previous)
    return current
