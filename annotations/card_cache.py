"""An annotation's card in the margin, rendered once and kept under what it shows.

The key is a digest of everything the card is made from: the annotation's and its replies'
rows, their authors' display names, the claimant, the evidence, what this viewer may do
with each, and the card templates themselves. A change to any of them is a new key, so no
write has to remember to invalidate a card, and one reader's buttons never reach another
(the flags are in the key). The article page renders every card in one pass here instead
of an `{% include %}` per card.
"""

import hashlib
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from people.names import display_name

CARD_TEMPLATE = "annotations/_annotation.html"
# Every template the card is made of: a change to one (a deploy) makes new keys.
CARD_TEMPLATES = (
    CARD_TEMPLATE,
    "annotations/_annotation_actions.html",
    "annotations/_moved_notice.html",
    "annotations/_word_diff.html",
)
# Keys change with the content, so a kept card is never wrong: the limit only returns the
# memory of cards nobody reads.
CARD_CACHE_SECONDS = 24 * 60 * 60


@once
def templates_digest() -> str:
    """A digest of the card templates' source, read once per process."""
    sources = (get_template(name).template.source for name in CARD_TEMPLATES)
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()


def _row(annotation) -> tuple:
    return tuple(getattr(annotation, field.attname) for field in annotation._meta.concrete_fields)


def card_key(annotation, *, user_can_annotate: bool, here: str) -> str:
    """The cache key of this card as this viewer sees it."""
    replies = annotation.reply_list
    leader = annotation.claimant_leader
    flags = tuple((item.user_can_change, item.user_can_moderate) for item in [annotation, *replies])
    powers = user_can_annotate or any(any(pair) for pair in flags)
    parts = (
        templates_digest(),
        _row(annotation),
        display_name(annotation.author),
        (leader.pk, leader.name, leader.get_absolute_url()) if leader else None,
        tuple((link.pk, link.url, link.title) for link in annotation.evidence_list),
        tuple((_row(reply), display_name(reply.author)) for reply in replies),
        # A move's word diff is read against the paragraph's text as it is now.
        annotation.paragraph.text if annotation.needs_review and annotation.paragraph else None,
        user_can_annotate,
        flags,
        # Hide and restore links come back to the page they were followed from.
        here if powers else "",
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"card:{annotation.pk}:{digest}"


def cards_render(annotations, *, user_can_annotate: bool, request) -> None:
    """Set `card_html` on each annotation: its card from the cache, or rendered and kept.

    Each annotation carries `reply_list`, `evidence_list` and the viewer's flags
    (`user_can_change`, `user_can_moderate`), as the article page sets them.
    """
    here = request.get_full_path()
    keys = {
        annotation.pk: card_key(annotation, user_can_annotate=user_can_annotate, here=here)
        for annotation in annotations
    }
    found = cache.get_many(list(keys.values()))
    template = get_template(CARD_TEMPLATE).template
    made = {}
    for annotation in annotations:
        key = keys[annotation.pk]
        html = found.get(key)
        if html is None:
            context = Context(
                {
                    "annotation": annotation,
                    "user_can_annotate": user_can_annotate,
                    "request": request,
                }
            )
            html = made[key] = template.render(context)
        # Rendered by the card template, which escapes what it shows.
        annotation.card_html = mark_safe(html)
    if made:
        seconds = getattr(settings, "CARD_CACHE_SECONDS", CARD_CACHE_SECONDS)
        cache.set_many(made, seconds)
