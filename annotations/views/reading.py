"""What readers see: annotations beside an editorial, the list, one annotation, the scale."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.views.generic import DetailView, ListView, TemplateView

from annotations.card_cache import cards_render
from annotations.highlighting import runs_of
from annotations.models import Annotation, Kind, Status
from annotations.permissions import can_annotate, can_moderate, can_reattach, change_rule
from annotations.protocol.headers import service_link
from annotations.protocol.iris import container_iri
from annotations.revision_changes import field_changes
from annotations.threads import article_threads
from annotations.verdicts import SCALE, Verdict
from annotations.views.access import AnnotationObjectMixin
from annotations.views.in_place import card_response, in_margin, varying
from annotations.word_diff import word_diff
from articles.models import Leader
from articles.views import ArticleDetailView
from people.names import display_name

# An account number as the ?author= filter names it: the login name stays out of URLs.
AUTHOR_ID_MAX_DIGITS = 12

# The margin shows this many cards beside a paragraph; the rest wait behind "N more".
MARGIN_CARDS_SHOWN = 3


def text_order(annotation) -> tuple:
    """Where a card stands in the margin: paragraph annotations first, then by quote start."""
    start = annotation.quote_start if annotation.has_quote else -1
    return (start, annotation.created_at, annotation.pk)


def author_id_parse(value: str) -> int | None:
    """The account number in ?author=, or None for anything else (ignored, never a 500)."""
    if value.isascii() and value.isdigit() and len(value) <= AUTHOR_ID_MAX_DIGITS:
        return int(value)
    return None


def with_permissions(annotations, user) -> None:
    """Mark what this user may do with each annotation, so templates only read flags."""
    moderator, may_change = can_moderate(user), change_rule(user)
    for annotation in annotations:
        annotation.user_can_change = may_change(annotation)
        annotation.user_can_moderate = moderator


class AnnotatedArticleView(ArticleDetailView):
    """The editorial page with its annotations in the margin beside each paragraph."""

    template_name = "annotations/article_detail.html"

    def annotation_service(self) -> str:
        """The container that annotations on this page go to (W3C protocol discovery)."""
        base_url = self.request.build_absolute_uri("/").rstrip("/")
        return container_iri(self.object.slug, base_url=base_url)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        link = service_link(context["annotation_service"])
        response["Link"] = f"{response['Link']}, {link}" if response.has_header("Link") else link
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["annotation_service"] = self.annotation_service()
        user = self.request.user
        threads = [
            thread
            for thread in article_threads(article=self.object, user=user)
            if thread.paragraph_id is not None
        ]
        # The paragraphs are the prefetched rows the parent template iterates over.
        paragraphs = {paragraph.pk: paragraph for paragraph in self.object.paragraphs.all()}
        by_paragraph = defaultdict(list)
        for annotation in threads:
            # Already in hand: set them so that nothing below fetches them once per annotation.
            annotation.article, annotation.paragraph = (
                self.object,
                paragraphs[annotation.paragraph_id],
            )
            by_paragraph[annotation.paragraph_id].append(annotation)
        with_permissions(
            [item for thread in threads for item in [thread, *thread.reply_list]], user
        )
        cards_render(threads, user_can_annotate=can_annotate(user), request=self.request)
        for paragraph in paragraphs.values():
            paragraph.threads = sorted(by_paragraph.get(paragraph.pk, []), key=text_order)
            paragraph.threads_shown = paragraph.threads[:MARGIN_CARDS_SHOWN]
            paragraph.threads_more = paragraph.threads[MARGIN_CARDS_SHOWN:]
            paragraph.runs = runs_of(
                paragraph.text,
                [(a.quote_start, a.quote_end, a.pk) for a in paragraph.threads if a.has_quote],
                paragraph.mention_spans,
            )
        context.update(
            annotation_count=len(threads),
            claims=[a for a in threads if a.kind == Kind.CLAIM],
            user_can_annotate=can_annotate(user),
            user_can_moderate=can_moderate(user),
        )
        return context


class AnnotationListView(ListView):
    """Every visible annotation, newest first, filtered by kind, verdict, author, article."""

    template_name = "annotations/annotation_list.html"
    context_object_name = "annotations"
    paginate_by = 30
    filters = ("kind", "verdict", "author", "article")

    def chosen(self) -> dict[str, str]:
        return {name: self.request.GET.get(name, "").strip() for name in self.filters}

    def get_queryset(self):
        chosen = self.chosen()
        annotations = (
            Annotation.objects.visible_to(self.request.user)
            .threads()
            .select_related("author__profile", "article", "paragraph", "claimant_leader")
            .prefetch_related("evidence")
            .newest_first()
        )
        if chosen["kind"] in Kind.values:
            annotations = annotations.filter(kind=chosen["kind"])
        if chosen["verdict"] in Verdict.values:
            annotations = annotations.filter(verdict=chosen["verdict"])
        author = author_id_parse(chosen["author"])
        if author is not None:
            annotations = annotations.filter(author_id=author)
        if chosen["article"]:
            annotations = annotations.on_article(chosen["article"])
        return annotations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        readable = Annotation.objects.visible_to(self.request.user).threads()
        authors = (
            get_user_model()
            .objects.filter(pk__in=readable.values("author_id"))
            .select_related("profile")
        )
        context.update(
            chosen=self.chosen(),
            chosen_author=author_id_parse(self.chosen()["author"]),
            kinds=Kind.choices,
            verdicts=Verdict.choices,
            authors=sorted(authors, key=lambda user: display_name(user).casefold()),
        )
        return context


class AnnotationDetailView(AnnotationObjectMixin, DetailView):
    """One annotation with its replies and its full history."""

    template_name = "annotations/annotation_detail.html"
    context_object_name = "annotation"

    def get_object(self, queryset=None):
        return self.annotation

    def get(self, request, *args, **kwargs):
        if in_margin(request):
            # The card alone, as the article shows it: what a margin form's save renders.
            return card_response(request, self.annotation, replaces_form=True)
        return varying(super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, annotation = self.request.user, self.annotation
        if annotation.parent_id is None:
            annotation.evidence_list = list(annotation.evidence.all())
            annotation.reply_list = list(
                Annotation.objects.visible_to(user)
                .filter(parent=annotation)
                .select_related("author__profile")
            )
        else:
            # A reply's page shows the reply alone, with a link to the thread it answers.
            annotation.evidence_list, annotation.reply_list = [], []
        with_permissions([annotation, *annotation.reply_list], user)
        context.update(
            article=annotation.article,
            revisions=self.history(),
            user_can_annotate=can_annotate(user),
            user_can_reattach=annotation.is_orphaned
            and annotation.parent_id is None
            and can_reattach(user, annotation),
        )
        return context

    def history(self) -> list:
        """The revisions, newest first, each with the fields it changed in words and a word
        diff of the body: two queries however many revisions there are."""
        revisions = list(
            self.annotation.revisions.select_related("actor__profile").order_by("-version")
        )
        leader_ids = {
            snapshot.get("claimant_leader")
            for revision in revisions
            for snapshot in (revision.previous or {}, revision.content)
        } - {None}
        words = {
            "kind": dict(Kind.choices),
            "verdict": dict(Verdict.choices),
            "status": dict(Status.choices),
            "claimant_leader": dict(
                Leader.objects.filter(pk__in=leader_ids).values_list("pk", "name")
            )
            if leader_ids
            else {},
        }
        for revision in revisions:
            previous, content = revision.previous, revision.content
            for snapshot in filter(None, (previous, content)):
                # Read by _revision_content.html; the stored snapshot is not saved again.
                snapshot["words"] = {
                    field: values.get(snapshot.get(field), snapshot.get(field))
                    for field, values in words.items()
                }
            revision.changes = field_changes(previous, content, words=words)
            old_body, new_body = (previous or {}).get("body", ""), content.get("body", "")
            revision.body_diff = (
                word_diff(old_body, new_body) if previous and old_body != new_body else []
            )
        return revisions


class VerdictScaleView(TemplateView):
    """The published verdict scale, so readers know what each verdict means."""

    template_name = "annotations/verdicts.html"
    extra_context = {"scale": SCALE}
