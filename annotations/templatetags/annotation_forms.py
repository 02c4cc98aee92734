"""Template helpers for the annotation forms: the paragraph with the quoted words marked."""

from django import template
from django.utils.html import format_html

from annotations.anchoring import quote_find_in
from annotations.limits import offset_parse

register = template.Library()


@register.simple_tag
def paragraph_with_quote(text: str, quote, start=None):
    """The paragraph's text with the quoted words in <mark> (the occurrence nearest `start`),
    or the plain text when there is no quote or it does not occur."""
    quote = (quote or "").strip()
    starts = quote_find_in(text, quote)
    if not starts:
        return text
    hint = offset_parse(str(start)) if start is not None else None
    at = min(starts, key=lambda s: abs(s - hint)) if hint is not None else starts[0]
    return format_html(
        '{}<mark class="quote-mark">{}</mark>{}',
        text[:at],
        quote,
        text[at + len(quote) :],
    )
