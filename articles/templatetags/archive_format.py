"""Template helpers for the reading pages: teasers, entity groups, pagination links and the
machine-readable times of `<time datetime>`."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.text import Truncator

register = template.Library()

# The article's tag managers, in the order pages show them, with their headings.
ENTITY_GROUPS = [("leaders", "Leaders"), ("countries", "Countries"), ("agenda", "Agenda")]


@register.filter
def entity_groups(article) -> list[tuple[str, list]]:
    """The article's non-empty entity groups as (heading, tags); uses prefetched tags."""
    groups = [(heading, list(getattr(article, name).all())) for name, heading in ENTITY_GROUPS]
    return [(heading, tags) for heading, tags in groups if tags]


@register.filter
def teaser(article, words: int = 40) -> str:
    """The deck's first line, else the first words of the lead paragraph (see with_lead)."""
    if article.deck:
        return article.deck[0]
    # Truncator's default ending ("…") sticks to the last word, so it never wraps alone.
    return Truncator(getattr(article, "lead", None) or "").words(words)


@register.filter
def page_links(page_obj) -> list:
    """Page numbers around the current page, with Paginator.ELLIPSIS where some are left out."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )


@register.filter
def datetime_attr(value: datetime | None) -> str:
    """A `<time datetime>` value HTML accepts: local time to the second with its offset
    (`2026-01-12T09:32:08+09:00`). Django's `date:"c"` writes microseconds, and HTML allows at
    most three digits of a fraction."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
