"""Moderators hide and restore annotations; editors re-attach orphaned ones."""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import get_current_timezone
from django.views import View
from django.views.generic import ListView

from annotations.forms import HideForm, ReattachForm, RestoreForm
from annotations.models import Action, Annotation, Revision, Status
from annotations.permissions import can_annotate, can_moderate, can_reattach
from annotations.services import annotation_hide, annotation_reattach, annotation_restore
from annotations.views.access import AnnotationPageMixin, RoleRequiredMixin
from annotations.views.in_place import card_response, in_margin
from annotations.views.reading import author_id_parse
from annotations.views.writing import errors_to_form
from articles.models import Article
from people.names import display_name

NEXT_MAX_CHARS = 2_000


def return_to(request, fallback: str) -> str:
    """Where the moderator came from (?next= or the form's next), if it is a page of this
    site; else `fallback`, so that a forged address never leads elsewhere."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    safe = (
        len(value) <= NEXT_MAX_CHARS
        and value.isprintable()
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return value if safe else fallback


class ModerationPageMixin(AnnotationPageMixin, RoleRequiredMixin):
    """A moderator's form about one annotation: shown with its card and paragraph, and
    carrying where to return to afterwards."""

    form_class = forms.Form
    done_message = ""

    def allowed(self, user):
        return can_moderate(user)

    def render(self, form=None, *, status=200, **extra):
        self.annotation.evidence_list = list(self.annotation.evidence.all())
        fallback = self.annotation.get_absolute_url()
        next_url = return_to(self.request, fallback)
        return super().render(
            form,
            status=status,
            next=next_url if next_url != fallback else "",
            cancel_url=next_url,
            **extra,
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.form_class(**self.form_ids()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, **self.form_ids())
        if form.is_valid():
            try:
                self.act(form.cleaned_data["reason"])
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                if in_margin(request):
                    return card_response(request, self.annotation, self.done_message)
                messages.success(request, self.done_message)
                return redirect(return_to(request, self.annotation.get_absolute_url()))
        return self.render(form, status=400)

    def act(self, reason: str) -> None:
        raise NotImplementedError


class AnnotationHideView(ModerationPageMixin, View):
    template_name = "annotations/annotation_hide.html"
    margin_template = "annotations/_hide_form.html"
    margin_title = "Hide from readers"
    form_class = HideForm
    done_message = "The annotation is hidden from readers."

    def act(self, reason):
        annotation_hide(annotation=self.annotation, actor=self.request.user, reason=reason)


class AnnotationRestoreView(ModerationPageMixin, View):
    """Restoring asks for a reason too, so that the history says why readers see it again."""

    template_name = "annotations/annotation_restore.html"
    margin_template = "annotations/_restore_form.html"
    margin_title = "Restore for readers"
    form_class = RestoreForm
    done_message = "The annotation is visible again."

    def readable(self, user, annotation):
        """A moderator restores deleted annotations too (under a thread that is not)."""
        return super().readable(user, annotation) or (
            can_moderate(user)
            and annotation.status == Status.DELETED
            and (annotation.parent_id is None or annotation.parent.status != Status.DELETED)
        )

    def act(self, reason):
        annotation_restore(annotation=self.annotation, actor=self.request.user, reason=reason)


# ---- The moderators' queue ----

# What the queue lists, by ?kind=: what moderators hid, and what corrections moved.
QUEUE_KINDS = {
    "hidden": "Hidden by a moderator",
    "moved": "Moved by a correction, waiting for review",
    "deleted": "Deleted (a moderator can restore them)",
}
QUEUE_FILTERS = ("kind", "article", "author", "hidden_by", "since", "until")
# A day far outside these years is no filter (and would overflow in time zone arithmetic).
YEARS = range(1900, 2200)


def day_parse(value: str) -> date | None:
    """A YYYY-MM-DD day from the query string, or None for anything else (never a 500)."""
    if len(value) != 10 or not value.isascii():
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if day.year in YEARS else None


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=get_current_timezone())


def taken_queue(status: str, action: str):
    """Annotations (threads and replies) taken from readers (`status`: hidden or deleted),
    latest first, with who took them and when (their latest `action` revision) and
    everything the queue shows, in constant queries."""
    latest_hide = Revision.objects.filter(annotation=OuterRef("pk"), action=action).order_by(
        "-version"
    )
    return (
        Annotation.objects.filter(status=status)
        .annotate(
            taken_at=Subquery(latest_hide.values("created_at")[:1]),
            taken_by_id=Subquery(latest_hide.values("actor_id")[:1]),
        )
        .select_related("article", "paragraph", "author__profile", "parent")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=Revision.objects.filter(action=action)
                .select_related("actor__profile")
                .order_by("-version"),
                to_attr="taking_revisions",
            )
        )
        .order_by("-taken_at", "-id")
    )


def moved_queue(user):
    """Threads corrections moved, waiting for review, oldest move first (the moved list's
    order: the longest waiting first)."""
    return (
        Annotation.objects.moved()
        .visible_to(user)
        .select_related("article", "paragraph", "author__profile")
        .order_by("moved_at", "id")
    )


def by_name(users) -> list:
    return sorted(users, key=lambda user: display_name(user).casefold())


class ModerationQueueView(RoleRequiredMixin, ListView):
    """What moderators have taken from readers: who wrote it, who hid it, when and why,
    filtered by editorial, author, moderator and day."""

    template_name = "annotations/moderation_queue.html"
    context_object_name = "annotations"
    paginate_by = 30

    def allowed(self, user):
        return can_moderate(user)

    def chosen(self) -> dict[str, str]:
        chosen = {name: self.request.GET.get(name, "").strip() for name in QUEUE_FILTERS}
        if chosen["kind"] not in QUEUE_KINDS:
            chosen["kind"] = "hidden"
        return chosen

    def moved(self) -> bool:
        return self.chosen()["kind"] == "moved"

    def listed(self):
        """Every annotation of the chosen kind, before the filters."""
        kind = self.chosen()["kind"]
        if kind == "moved":
            return moved_queue(self.request.user)
        if kind == "deleted":
            return taken_queue(Status.DELETED, Action.DELETE)
        return taken_queue(Status.HIDDEN, Action.HIDE)

    def get_queryset(self):
        chosen = self.chosen()
        annotations = self.listed()
        # When it happened: hidden, or moved.
        at = "moved_at" if self.moved() else "taken_at"
        author, hidden_by = author_id_parse(chosen["author"]), author_id_parse(chosen["hidden_by"])
        if author is not None:
            annotations = annotations.filter(author_id=author)
        if hidden_by is not None and chosen["kind"] == "hidden":
            annotations = annotations.filter(taken_by_id=hidden_by)
        if chosen["article"]:
            annotations = annotations.on_article(chosen["article"])
        if since := day_parse(chosen["since"]):
            annotations = annotations.filter(**{f"{at}__gte": day_start(since)})
        if until := day_parse(chosen["until"]):
            annotations = annotations.filter(**{f"{at}__lt": day_start(until + timedelta(days=1))})
        return annotations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        for annotation in context["annotations"]:
            if self.moved():
                annotation.user_can_reattach = can_reattach(user, annotation)
            else:
                taking = annotation.taking_revisions
                annotation.taken_by = taking[0].actor if taking else None
        users = get_user_model().objects.select_related("profile")
        hidden = Annotation.objects.filter(status=Status.HIDDEN)
        listed = self.listed()
        chosen = self.chosen()
        context.update(
            chosen=chosen,
            chosen_author=author_id_parse(chosen["author"]),
            chosen_hidden_by=author_id_parse(chosen["hidden_by"]),
            kinds=QUEUE_KINDS.items(),
            showing_moved=self.moved(),
            showing_deleted=chosen["kind"] == "deleted",
            articles=Article.objects.filter(pk__in=listed.values("article_id"))
            .only("slug", "title")
            .order_by("title"),
            authors=by_name(users.filter(pk__in=listed.values("author_id"))),
            moderators=by_name(
                users.filter(
                    pk__in=Revision.objects.filter(
                        action=Action.HIDE, annotation__in=hidden
                    ).values("actor_id")
                )
            ),
            # The other half of a moderator's queue: what corrections moved.
            moved_waiting=moved_queue(user).count(),
        )
        return context


class OrphanListView(RoleRequiredMixin, ListView):
    """Annotations whose quote a corrected text no longer holds, waiting to be re-attached."""

    template_name = "annotations/orphan_list.html"
    context_object_name = "orphans"
    paginate_by = 50

    def allowed(self, user):
        return can_annotate(user) or can_moderate(user)

    def get_queryset(self):
        return (
            Annotation.objects.orphaned()
            .threads()
            .visible_to(self.request.user)
            .select_related("article", "author__profile")
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for annotation in context["orphans"]:
            annotation.user_can_reattach = can_reattach(self.request.user, annotation)
        return context


class AnnotationReattachView(AnnotationPageMixin, RoleRequiredMixin, View):
    """An orphan's author (while an editor) or a moderator puts it back on a paragraph, or
    puts a moved one elsewhere than where a correction moved it (one revision)."""

    template_name = "annotations/annotation_reattach.html"

    def allowed(self, user):
        return can_reattach(user, self.annotation)

    def refusal(self):
        """A page saying why only orphans are re-attached, instead of the form."""
        return self.render(status=400, not_orphan=True)

    def render(self, form=None, *, status=200, **extra):
        paragraphs = self.annotation.article.paragraphs.all()
        return super().render(form, status=status, paragraphs=paragraphs, **extra)

    def reattachable(self) -> bool:
        """An orphan, or a thread a correction moved that waits for review."""
        annotation = self.annotation
        return annotation.parent_id is None and (annotation.is_orphaned or annotation.needs_review)

    def get(self, request, *args, **kwargs):
        if not self.reattachable():
            return self.refusal()
        annotation = self.annotation
        if annotation.is_orphaned:
            initial = {"quote": annotation.quote_exact, "position": annotation.original_position}
        else:  # moved: offer the words it was written on, where the correction put it
            initial = {
                "quote": annotation.moved_from_quote or annotation.quote_exact,
                "position": annotation.paragraph.position,
            }
        return self.render(ReattachForm(initial=initial))

    def post(self, request, *args, **kwargs):
        if not self.reattachable():
            return self.refusal()
        form = ReattachForm(request.POST)
        if form.is_valid():
            paragraph = self.annotation.article.paragraphs.filter(
                position=form.cleaned_data["position"]
            ).first()
            if paragraph is None:
                form.add_error("position", "The editorial has no paragraph with that number.")
            else:
                try:
                    annotation = annotation_reattach(
                        annotation=self.annotation,
                        actor=request.user,
                        paragraph=paragraph,
                        quote_exact=form.cleaned_data["quote"].strip(),
                    )
                except ValidationError as error:
                    errors_to_form(form, error)
                else:
                    messages.success(request, "The annotation is back in the margin.")
                    return redirect(f"{annotation.article.get_absolute_url()}#a{annotation.pk}")
        return self.render(form, status=400)
