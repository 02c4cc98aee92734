"""Template filters for annotations: safe Markdown, and ClaimReview JSON-LD for claims."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from annotations.claimreview import claim_review, review_summary
from annotations.markdown import markdown_render

register = template.Library()

# Same escapes as Django's json_script: the JSON cannot close the script element. Replaced
# one by one: str.translate with a mapping costs tens of milliseconds on a page of claims.
JSON_SCRIPT_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))


@register.filter
def markdown(source: str):
    """Markdown as sanitised HTML (only allow-listed tags and http/https/mailto links)."""
    return mark_safe(markdown_render(source or ""))  # sanitised by markdown_render (nh3)


@register.filter
def claim_reviews_json_ld(annotations, request):
    """A <script type="application/ld+json"> with a schema.org ClaimReview per claim."""
    items = annotations if isinstance(annotations, list | tuple) else [annotations]
    reviews = [claim_review(annotation, request) for annotation in items]
    data = reviews[0] if len(reviews) == 1 else reviews
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def annotation_counts_for(context, articles) -> dict[int, int]:
    """Visible annotations per article id for a page of articles, in one query."""
    from django.db.models import Count

    from annotations.models import Annotation

    user = context["request"].user
    rows = (
        Annotation.objects.visible_to(user)
        .threads()
        .filter(article__in=[article.pk for article in articles])
        .values("article")
        .annotate(n=Count("id"))
    )
    return {row["article"]: row["n"] for row in rows}


@register.filter
def count_for(counts: dict[int, int], key: int) -> int:
    return counts.get(key, 0)


@register.filter
def markdown_text(source: str, limit: int = 120) -> str:
    """A Markdown body as one line of plain text, cut near `limit` characters."""
    return review_summary(source or "", int(limit))


@register.filter
def with_error_description(field):
    """The field's widget, pointing screen readers at its help text and its errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    ids.extend(f"{field.auto_id}_error{number}" for number in range(1, len(field.errors) + 1))
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)
