"""schema.org ClaimReview for a fact-check claim, the JSON-LD that search engines read.

The verdict's rating comes from the published scale (5 best, 1 worst); a verdict off that
line (unverifiable, opinion) carries only its name. The claim's appearance is the paragraph
of the editorial it was found in.
"""

import html
from functools import lru_cache

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from annotations.markdown import markdown_render
from annotations.models import Annotation
from annotations.verdicts import BEST_RATING, WORST_RATING
from annotations.w3c import ARCHIVE_NAME

SUMMARY_CHARS = 300


def claim_review(annotation: Annotation, request) -> dict:
    """The ClaimReview of a claim annotation fetched with its article, paragraph and leader."""
    if not annotation.is_claim:
        raise ValueError(f"Annotation {annotation.pk} is a {annotation.kind}, not a claim.")
    article = annotation.article
    published = timezone.localtime(article.published_at).isoformat()
    appearance_url = request.build_absolute_uri(article.get_absolute_url())
    if annotation.paragraph_id is not None:
        appearance_url += f"#{annotation.paragraph.anchor}"
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(annotation.get_absolute_url()),
        "claimReviewed": annotation.claim_text,
        "datePublished": timezone.localdate(annotation.created_at).isoformat(),
        "author": {
            "@type": "Organization",
            "name": ARCHIVE_NAME,
            "url": request.build_absolute_uri(reverse("articles:index")),
        },
        "reviewRating": _rating(annotation),
        "itemReviewed": {
            "@type": "Claim",
            "author": _claimant(annotation, request),
            "datePublished": published,
            "appearance": {
                "@type": "OpinionNewsArticle",
                "url": appearance_url,
                "headline": article.title,
                "datePublished": published,
                "publisher": {"@type": "Organization", "name": article.publication},
            },
        },
    }
    summary = review_summary(annotation.body)
    if summary:
        review["reviewBody"] = summary
    return review


def _rating(annotation: Annotation) -> dict:
    rating = {"@type": "Rating", "alternateName": annotation.get_verdict_display()}
    meaning = annotation.verdict_meaning
    if meaning is not None and meaning.rating is not None:
        rating.update(ratingValue=meaning.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return rating


def _claimant(annotation: Annotation, request) -> dict:
    # A linked leader is the canonical name (the page shows the free text beside it); a
    # leader too is a Person unless the editor said the claim was an organisation's.
    kind = "Organization" if annotation.claimant_is_organisation else "Person"
    leader = annotation.claimant_leader
    if leader is None:
        return {"@type": kind, "name": annotation.claimant}
    return {
        "@type": kind,
        "name": leader.name,
        "sameAs": request.build_absolute_uri(leader.get_absolute_url()),
    }


@lru_cache(maxsize=8192)
def review_summary(markdown_source: str, limit: int = SUMMARY_CHARS) -> str:
    """The explanation as plain text on one line, cut at a word boundary near `limit`."""
    text = " ".join(html.unescape(strip_tags(markdown_render(markdown_source or ""))).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
