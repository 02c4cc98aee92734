"""Annotations on paragraphs (notes and fact-check claims), their evidence and revisions."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from annotations.limits import (
    BODY_MAX_CHARS,
    CLAIM_TEXT_MAX_CHARS,
    CLAIMANT_MAX_CHARS,
    EVIDENCE_TITLE_MAX_CHARS,
    EVIDENCE_URL_MAX_CHARS,
    QUOTE_MAX_CHARS,
    REASON_MAX_CHARS,
    REPLY_MAX_CHARS,
)
from annotations.verdicts import MEANINGS, Verdict
from annotations.word_diff import word_diff
from articles.models import Article, Leader, Paragraph

SLUG = re.compile(r"[-\w]+")


class Kind(models.TextChoices):
    NOTE = "note", "Note"
    CLAIM = "claim", "Fact-check claim"


class ClaimantType(models.TextChoices):
    """Who made a claim: ClaimReview names a person and an organisation differently."""

    PERSON = "person", "A person"
    ORGANISATION = "organisation", "An organisation"


class Status(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted"


class MoveMethod(models.TextChoices):
    """How a correction found an annotation again when it was not by its exact words in
    their place (those moves stay silent)."""

    CONTEXT = "context", "by the words around it (its quoted words were changed)"
    FUZZY = "fuzzy", "by a close match of its quoted words"
    SURROUNDINGS = "surroundings", "by its exact words, with the text around them changed"
    PARAGRAPH = "paragraph", "on its paragraph, whose text was changed"


class AnnotationQuerySet(models.QuerySet):
    """Named reads, so that pages never repeat a visibility rule or trigger a query per row."""

    def visible_to(self, user):
        """What a user may read: moderators also see hidden ones; nobody sees deleted ones;
        a reply only while its thread is readable too."""
        from annotations.permissions import readable_statuses

        shown = readable_statuses(user)
        return self.filter(status__in=shown).filter(
            Q(parent__isnull=True) | Q(parent__status__in=shown)
        )

    def threads(self):
        """Top-level annotations (replies hang under them)."""
        return self.filter(parent__isnull=True)

    def anchored(self):
        return self.filter(paragraph__isnull=False)

    def orphaned(self):
        return self.filter(paragraph__isnull=True)

    def moved(self):
        """Threads a correction moved that wait for an editor to review the new place."""
        return self.filter(needs_review=True, paragraph__isnull=False, parent__isnull=True)

    def with_details(self, *, replies=None):
        """Author (with the profile that names them), leader, evidence and (optionally
        filtered) replies, in a constant number of queries."""
        replies = replies if replies is not None else Annotation.objects.all()
        return self.select_related(
            "author__profile", "claimant_leader", "paragraph", "article"
        ).prefetch_related(
            "evidence",
            Prefetch(
                "replies",
                queryset=replies.select_related("author__profile").order_by("created_at", "id"),
            ),
        )

    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def on_article(self, slug: str):
        """Those on the editorial at this address; a value no slug could be (a NUL, a space,
        too long) matches none, rather than reaching the database."""
        slug_field = Article._meta.get_field("slug")
        if not (SLUG.fullmatch(slug) and len(slug) <= slug_field.max_length):
            return self.none()
        return self.filter(article__slug=slug)


class Annotation(models.Model):
    """A note or a fact-check claim on a paragraph, or on a quoted span inside it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations")
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations",
        help_text="Empty when a corrected text no longer holds the quote (orphaned).",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The annotation this replies to; replies go one level deep.",
    )
    quote_exact = models.TextField(
        max_length=QUOTE_MAX_CHARS,
        blank=True,
        help_text="The quoted words; empty when the whole paragraph is annotated.",
    )
    quote_prefix = models.CharField(max_length=64, blank=True)
    quote_suffix = models.CharField(max_length=64, blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    original_position = models.PositiveIntegerField(
        null=True, blank=True, help_text="The paragraph number it was written on."
    )

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    body = models.TextField(
        max_length=BODY_MAX_CHARS,
        blank=True,
        help_text="Markdown. For a claim: the explanation of the verdict. "
        f"A reply is at most {REPLY_MAX_CHARS:,} characters.",
    )
    claim_text = models.CharField(
        max_length=CLAIM_TEXT_MAX_CHARS,
        blank=True,
        help_text="The claim as stated, in one sentence.",
    )
    claimant = models.CharField(
        max_length=CLAIMANT_MAX_CHARS, blank=True, help_text="Who made the claim."
    )
    claimant_leader = models.ForeignKey(
        Leader,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The leader who made the claim, when it is one.",
    )
    claimant_type = models.CharField(
        max_length=12,
        choices=ClaimantType.choices,
        default=ClaimantType.PERSON,
        help_text="Whether who made the claim is a person or an organisation (a ministry, a "
        "party, a newspaper's editorial board). Notes keep the default.",
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="annotations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True
    )
    moderation_reason = models.TextField(max_length=REASON_MAX_CHARS, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every change; an edit must name the version it saw."
    )
    canonical = models.CharField(
        max_length=2000,
        blank=True,
        help_text="The IRI a program that sent this annotation gave as its canonical one, "
        "kept as it was sent; empty for those written here.",
    )
    via = models.JSONField(
        default=list,
        blank=True,
        help_text="The IRIs this annotation had where it came from (a program sent it with "
        "an id of its own); empty for those written here.",
    )

    needs_review = models.BooleanField(
        default=False,
        help_text="A correction moved it by anything but its exact words in their place: "
        "an editor should confirm the new place, re-attach it or leave it orphaned.",
    )
    moved_at = models.DateTimeField(
        null=True, blank=True, help_text="When a correction last moved it that way."
    )
    move_method = models.CharField(
        max_length=20,
        choices=MoveMethod.choices,
        blank=True,
        help_text="How the correction found it again.",
    )
    moved_from_quote = models.TextField(
        blank=True,
        help_text="The words it quoted before the move (for a note on a whole paragraph, "
        "the paragraph's text); kept until an editor reviews the move.",
    )
    moved_from_prefix = models.CharField(
        max_length=64, blank=True, help_text="The text just before those words."
    )
    moved_from_suffix = models.CharField(
        max_length=64, blank=True, help_text="The text just after those words."
    )

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        # "add annotation" is the editors' power to write; this one the moderators'.
        permissions = [("moderate_annotation", "Can hide and restore any annotation")]
        indexes = [
            models.Index(fields=["article", "status"], name="annotation_article_status"),
            models.Index(fields=["-created_at", "-id"], name="annotation_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True) | Q(quote_end__gt=models.F("quote_start")),
                name="annotation_quote_span_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author} on {self.article}"

    def get_absolute_url(self) -> str:
        return reverse("annotations:detail", kwargs={"pk": self.pk})

    @property
    def is_claim(self) -> bool:
        return self.kind == Kind.CLAIM

    @property
    def claimant_is_organisation(self) -> bool:
        return self.claimant_type == ClaimantType.ORGANISATION

    @property
    def is_orphaned(self) -> bool:
        return self.paragraph_id is None

    @property
    def has_quote(self) -> bool:
        return bool(self.quote_exact)

    @property
    def verdict_meaning(self):
        return MEANINGS.get(self.verdict)

    @property
    def words_changed(self) -> bool:
        """Whether the words it stands on changed (not only the text around them)."""
        return self.move_method != MoveMethod.SURROUNDINGS

    @property
    def moved_words(self):
        """The word diff (annotations.word_diff pieces) from the old words to the new."""
        if self.move_method == MoveMethod.PARAGRAPH:
            return word_diff(self.moved_from_quote, self.paragraph.text if self.paragraph else "")
        if self.move_method == MoveMethod.SURROUNDINGS:
            old = self.moved_from_prefix + self.moved_from_quote + self.moved_from_suffix
            return word_diff(old, self.quote_prefix + self.quote_exact + self.quote_suffix)
        return word_diff(self.moved_from_quote, self.quote_exact)

    @property
    def anchor_id(self) -> str:
        return f"a{self.pk}"


class EvidenceLink(models.Model):
    """A source that supports a claim's verdict."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=EVIDENCE_URL_MAX_CHARS)
    title = models.CharField(max_length=EVIDENCE_TITLE_MAX_CHARS, blank=True)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title or self.url


class Action(models.TextChoices):
    CREATE = "create", "Created"
    EDIT = "edit", "Edited"
    HIDE = "hide", "Hidden"
    RESTORE = "restore", "Restored"
    DELETE = "delete", "Deleted"
    REANCHOR = "reanchor", "Moved by a text correction"
    ORPHAN = "orphan", "Orphaned by a text correction"
    REATTACH = "reattach", "Re-attached"
    CONFIRM = "confirm", "New place confirmed"
    DETACH = "detach", "Left orphaned by an editor"


class Revision(models.Model):
    """One change to an annotation: who, when, what, and the full content before and after."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(help_text="The annotation's version after the change.")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the archive itself made the change (a re-import).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(max_length=REASON_MAX_CHARS, blank=True)
    previous = models.JSONField(null=True, blank=True)
    content = models.JSONField()

    class Meta:
        ordering = ["annotation", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["annotation", "version"], name="revision_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.annotation_id} v{self.version} {self.action}"
