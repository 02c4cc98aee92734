"""Writing in the margin: the annotation views answer htmx requests with fragments.

The same views serve the pages that work without JavaScript. When a request comes from htmx
(`request.htmx`, from django-htmx), a form is answered with the form alone, to stand in the
article's margin, and a save with the saved card, which takes the form's place. Every check
(sign-in, role, services) is the view's own, whichever way the request comes.

Where the fragments go: a form opened from a card stands in that thread's card (`#a<pk>-slot`),
so a save replaces the whole thread card; a new annotation's form stands in its paragraph's
compose slot and the new card replaces the form alone.
"""

from urllib.parse import parse_qs, urlsplit

from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import reswap, retarget

from annotations.highlighting import runs_of
from annotations.models import Annotation, EvidenceLink
from annotations.permissions import can_annotate
from annotations.threads import threads_assemble
from articles.mention_marks import MENTIONS_ON, MENTIONS_PARAMETER, mention_spans

MARGIN_FORM = "annotations/_in_margin.html"


def in_margin(request) -> bool:
    return bool(getattr(request, "htmx", False))


def varying(response):
    """The same address answers a page or a fragment: caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def margin_form_id(request) -> str:
    """A prefix for a margin form's element ids: several forms can be open on one page."""
    return "m" + request.path.strip("/").replace("/", "-")


def auto_id(request) -> str | bool:
    """The form's `auto_id`: the usual ids on a page of its own, unique ones in the margin."""
    return f"{margin_form_id(request)}_%s" if in_margin(request) else "id_%s"


def form_response(request, *, page, form, title, context, status=200):
    """The form's page, or (for htmx) the form alone in its margin wrapper (for the forms
    that have one: the others are pages only)."""
    if not (in_margin(request) and form):
        return varying(TemplateResponse(request, page, context, status=status))
    context = {
        **context,
        "in_margin": True,
        "form_template": form,
        "margin_title": title,
        "margin_form_id": margin_form_id(request),
    }
    return varying(TemplateResponse(request, MARGIN_FORM, context, status=status))


def card_thread(thread_pk: int, user) -> Annotation | None:
    """One thread as the article page reads it (card, evidence, replies): two queries."""
    rows = list(
        Annotation.objects.visible_to(user)
        .filter(Q(pk=thread_pk) | Q(parent_id=thread_pk))
        .select_related("article", "paragraph", "author__profile", "claimant_leader")
        .order_by("created_at", "id")
    )
    threads = threads_assemble(rows, list(EvidenceLink.objects.filter(annotation_id=thread_pk)))
    return threads[0] if threads else None


def page_shows_mentions(request) -> bool:
    """Whether the page the margin form stands on highlights entity mentions."""
    query = urlsplit(request.htmx.current_url or "").query if in_margin(request) else ""
    return parse_qs(query).get(MENTIONS_PARAMETER) == [MENTIONS_ON]


def marked_paragraph(paragraph, user, *, with_mentions: bool):
    """`paragraph` with the text runs the article page marks it with: its quotes (one
    query) and, on a page that highlights them, its entity mentions."""
    mentions = mention_spans(paragraph.article).get(paragraph.pk, []) if with_mentions else []
    quotes = (
        Annotation.objects.visible_to(user)
        .threads()
        .filter(paragraph=paragraph, quote_start__isnull=False)
        .values_list("quote_start", "quote_end", "pk")
    )
    paragraph.runs = runs_of(paragraph.text, list(quotes), mentions)
    return paragraph


def card_response(request, annotation, message: str = "", *, replaces_form: bool = False):
    """The thread card of `annotation` as its article shows it, with `message` said in the
    page's live region. It replaces the thread's card, or (`replaces_form`, for a new
    annotation) the form that made it. A thread this user may no longer read leaves a
    short notice in its place."""
    # Imported here: the reading views import this module's helpers.
    from annotations.views.reading import with_permissions

    user = request.user
    thread_pk = annotation.parent_id or annotation.pk
    thread = card_thread(thread_pk, user)
    context = {
        "message": message,
        "thread_pk": thread_pk,
        "focus_pk": annotation.pk,
        "user_can_annotate": can_annotate(user),
        # The page the card stands on, for its actions' way back (not this fragment's URL).
        "page_path": request.htmx.current_url_abs_path if in_margin(request) else "",
    }
    if thread is None:
        template = "annotations/_margin_gone.html"
    else:
        with_permissions([thread, *thread.reply_list], user)
        template = "annotations/_margin_card.html"
        context["annotation"] = thread
    paragraph = annotation.paragraph if annotation.parent_id is None else None
    if paragraph is not None:
        # A thread's quote came, changed or went: its paragraph's highlights follow.
        context["paragraph"] = marked_paragraph(
            paragraph, user, with_mentions=page_shows_mentions(request)
        )
    response = varying(TemplateResponse(request, template, context))
    if not replaces_form:
        retarget(response, f"#a{thread_pk}")
        reswap(response, "outerHTML")
    return response
