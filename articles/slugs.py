"""Readable, unique, stable article addresses: the publication date and the title."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.text import slugify

from articles.models import Article

if TYPE_CHECKING:
    from articles.parsing import ParsedEditorial

MAX_SLUG_LENGTH = 120  # the column's length


def base_slug(editorial: ParsedEditorial) -> str:
    """`2026-01-12-president-lee-should-also-pursue`: cut at a word boundary."""
    words = slugify(editorial.title) or "editorial"
    prefix = f"{editorial.published_at:%Y-%m-%d}-"
    room = MAX_SLUG_LENGTH - len(prefix) - 4  # leaves room for a "-NN" suffix
    if len(words) > room:
        words = words[:room].rsplit("-", 1)[0] or words[:room]
    return prefix + words


def unique_slugs(editorials: Sequence[ParsedEditorial]) -> list[str]:
    """One slug per editorial, unique among them and against the archive, in one query."""
    bases = [base_slug(editorial) for editorial in editorials]
    taken = set(Article.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    if taken:
        # Only on a clash do we need every suffixed form already in use.
        for base in taken.copy():
            taken.update(
                Article.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
            )
    slugs = []
    for base in bases:
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
