"""What a container holds: the annotations a reader may read, in a fixed order, and their state.

The archive's container holds every annotation; an editorial's, those on that editorial;
`?target=` narrows either to an editorial page's IRI or a paragraph's (`…/#p3`). Each thread
comes first and its replies right after it, so that pages can be cut in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Max
from django.db.models.functions import Coalesce

from annotations.models import Annotation
from annotations.protocol.targets import target_from_iri
from articles.models import Article


@dataclass(frozen=True)
class Container:
    """Which annotations a container (or its ?target= view) holds."""

    article: Article | None = None  # None: the whole archive
    position: int | None = None  # a paragraph of the article, from ?target=
    target: str = ""
    empty: bool = False  # the target names nothing the container holds

    @property
    def label(self) -> str:
        if self.empty:
            return f"Annotations on {self.target}"
        if self.article is None:
            return "Annotations in the Editorial Archive"
        if self.position is not None:
            return f"Annotations on paragraph {self.position} of “{self.article.title}”"
        return f"Annotations on “{self.article.title}”"

    def annotations(self, user):
        """What this user may read in the container (moderators also read hidden ones)."""
        if self.empty:
            return Annotation.objects.none()
        held = Annotation.objects.visible_to(user)
        if self.article is not None:
            held = held.filter(article=self.article)
        if self.position is not None:
            # Replies stand on their thread's paragraph.
            held = held.filter(paragraph__position=self.position)
        return held


def container_find(slug: str | None, target: str, *, base_url: str) -> Container | None:
    """The container at this address, narrowed to `target`; None if no editorial has the
    slug."""
    article = None
    if slug is not None:
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            return None
    if not target:
        return Container(article=article)
    try:
        found = target_from_iri(target, base_url=base_url)
    except ValueError:  # not even an IRI (urlsplit refuses "http://[")
        found = None
    if found is None or (article is not None and found[0].pk != article.pk):
        return Container(article=article, target=target, empty=True)
    return Container(article=found[0], position=found[1], target=target)


@dataclass(frozen=True)
class State:
    """What changes whenever the container's contents do: the weak ETag is made of it."""

    total: int
    latest: datetime | None
    newest: int | None


def state_of(annotations) -> State:
    """One aggregate query, before any annotation is read."""
    row = annotations.aggregate(total=Count("pk"), latest=Max("modified_at"), newest=Max("pk"))
    return State(total=row["total"], latest=row["latest"], newest=row["newest"])


def in_thread_order(annotations):
    """Threads in the order they were written, each followed by its replies."""
    return annotations.annotate(
        thread_created=Coalesce(F("parent__created_at"), F("created_at")),
        thread_id=Coalesce(F("parent_id"), F("id")),
    ).order_by(
        "thread_created", "thread_id", F("parent_id").asc(nulls_first=True), "created_at", "id"
    )


def page_rows(annotations, *, start: int, size: int, iris: bool) -> list:
    """One page: (pk, slug) pairs for IRIs, else annotations with all their export needs."""
    ordered = in_thread_order(annotations)
    if iris:
        return list(ordered.values_list("pk", "article__slug")[start : start + size])
    return list(
        ordered.select_related(
            "author__profile", "claimant_leader", "paragraph", "article"
        ).prefetch_related("evidence")[start : start + size]
    )
