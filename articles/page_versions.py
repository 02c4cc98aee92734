"""Versions of what reader pages show: a page's cache key and its ETag.

A scope names one thing pages are made of: `article:<id>` (one editorial, its tags and its
annotations), `archive` (what lists of editorials show, annotation counts included: home,
archive and entity pages), `tags` (which entities each editorial is tagged with: the
co-mentions of entity pages), `entities` (names of leaders, countries and agenda items,
shown on every editorial) and `people` (editors' display names). A write bumps the scopes
it touches; a page cached under the old versions is then never read again. A version is a
random token with the time it was made, so a page's Last-Modified is the newest of its
scopes' times (to the second, as HTTP dates go: the ETag tells apart two versions made in
one second). Versions live in the database (`PageVersion`), one row a scope, so that every
app server process agrees on them whatever cache each has; a bump deletes the rows, in the
writer's transaction, and the next read makes them anew.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from .models import PageVersion

ARCHIVE = "archive"
TAGS = "tags"
ENTITIES = "entities"
PEOPLE = "people"
VERSION_FIELDS = ("scope", "token", "changed_at")


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


def _fresh(scope: str) -> PageVersion:
    # Whole seconds: Last-Modified and If-Modified-Since carry no more.
    now = datetime.now(UTC).replace(microsecond=0)
    return PageVersion(scope=scope, token=secrets.token_hex(8), changed_at=now)


def _stored(scopes: list[str]) -> dict[str, tuple[str, datetime]]:
    rows = PageVersion.objects.filter(scope__in=scopes)
    return {scope: (token, at) for scope, token, at in rows.values_list(*VERSION_FIELDS)}


def versions_read(scopes: list[str]) -> Version:
    """The current version of these scopes: one query, and one more to store missing ones."""
    found = _stored(scopes)
    if missing := [_fresh(scope) for scope in scopes if scope not in found]:
        # Should another request store one of these first, this page is kept under a token
        # nobody else reads, once: harmless, so not read back.
        PageVersion.objects.bulk_create(missing, ignore_conflicts=True)
        found |= {version.scope: (version.token, version.changed_at) for version in missing}
    values = [found[scope] for scope in scopes]
    return Version(
        tokens=tuple(token for token, _ in values),
        changed_at=max(at for _, at in values).astimezone(UTC),
    )


def versions_bump(*scopes: str) -> None:
    """Mark these scopes changed. The rows go in the writer's transaction: until it commits,
    readers keep the old version and the old rows; after, both are new. A changed version is
    dropped, not replaced: bumping every editorial of a re-tag writes no rows."""
    PageVersion.objects.filter(scope__in=scopes).delete()


def articles_bump(article_ids) -> None:
    """These editorials, their text or their tags changed (and so the lists showing them)."""
    versions_bump(ARCHIVE, TAGS, *(article_scope(pk) for pk in article_ids))


def annotations_bump(article_id: int) -> None:
    """An annotation on this editorial changed (and so the counts that lists show)."""
    versions_bump(ARCHIVE, article_scope(article_id))


def entities_bump() -> None:
    """Entities were renamed, added or removed: every page naming one is made again."""
    versions_bump(ENTITIES, ARCHIVE, TAGS)
