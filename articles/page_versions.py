"""Versions of what reader pages show, kept in the cache: a page's cache key and its ETag.

A scope names one thing pages are made of: `article:<id>` (one editorial, its tags and its
annotations), `archive` (what lists of editorials show, annotation counts included: home,
archive and entity pages), `tags` (which entities each editorial is tagged with: the
co-mentions of entity pages), `entities` (names of leaders, countries and agenda items,
shown on every editorial) and `people` (editors' display names). A write bumps the scopes
it touches; a page cached under the old versions is then never read again. A version is a
random token with the time it was made, so a page's Last-Modified is the newest of its
scopes' times (to the second, as HTTP dates go: the ETag tells apart two versions made in
one second). A version is made when first read, so a dropped one (a write, or the cache's
own eviction) only costs pages their cached copies.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction

ARCHIVE = "archive"
TAGS = "tags"
ENTITIES = "entities"
PEOPLE = "people"
PREFIX = "page-version:"


def article_scope(article_id: int) -> str:
    return f"article:{article_id}"


@dataclass(frozen=True)
class Version:
    """What a page was made from: a token per scope, and when the newest of them was made."""

    tokens: tuple[str, ...]
    changed_at: datetime

    @property
    def key(self) -> str:
        return ".".join(self.tokens)


def _fresh() -> tuple[str, float]:
    # Whole seconds: Last-Modified and If-Modified-Since carry no more.
    return secrets.token_hex(8), float(int(datetime.now(UTC).timestamp()))


def versions_read(scopes: list[str]) -> Version:
    """The current version of these scopes (one cache read; lost ones are made again)."""
    keys = [PREFIX + scope for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            value = _fresh()
            # add(): two requests making the same lost version agree on the first one's.
            if not cache.add(key, value, timeout=None):
                value = cache.get(key) or value
            found[key] = value
    values = [found[key] for key in keys]
    return Version(
        tokens=tuple(token for token, _ in values),
        changed_at=datetime.fromtimestamp(max(at for _, at in values), UTC),
    )


def versions_bump(*scopes: str) -> None:
    """Mark these scopes changed: now, and again when the transaction commits, so that a page
    read meanwhile from the old rows is not kept under the new version. A changed version is
    dropped, not replaced: bumping every editorial of a re-tag fills no cache."""

    def bump():
        cache.delete_many([PREFIX + scope for scope in scopes])

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def articles_bump(article_ids) -> None:
    """These editorials, their text or their tags changed (and so the lists showing them)."""
    versions_bump(ARCHIVE, TAGS, *(article_scope(pk) for pk in article_ids))


def annotations_bump(article_id: int) -> None:
    """An annotation on this editorial changed (and so the counts that lists show)."""
    versions_bump(ARCHIVE, article_scope(article_id))


def entities_bump() -> None:
    """Entities were renamed, added or removed: every page naming one is made again."""
    versions_bump(ENTITIES, ARCHIVE, TAGS)
