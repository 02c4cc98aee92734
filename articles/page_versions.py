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
app server process agrees on them whatever cache each has: a write stores new tokens in its
own transaction, a read is one query and writes nothing.
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
# A scope no write has bumped yet: what it shows has not changed since versions were kept.
NEVER_CHANGED = ("0", datetime(2026, 12, 1, tzinfo=UTC))


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


def versions_read(scopes: list[str]) -> Version:
    """The current version of these scopes, in one query; a reader never writes one."""
    rows = PageVersion.objects.filter(scope__in=scopes).values_list(*VERSION_FIELDS)
    found = {scope: (token, at) for scope, token, at in rows}
    values = [found.get(scope, NEVER_CHANGED) for scope in scopes]
    return Version(
        tokens=tuple(token for token, _ in values),
        changed_at=max(at for _, at in values).astimezone(UTC),
    )


def versions_bump(*scopes: str) -> None:
    """Mark these scopes changed: a new token each, stored in the writer's transaction, so
    that until it commits readers keep the old version with the old rows, and after it both
    are new."""
    # Whole seconds: Last-Modified and If-Modified-Since carry no more.
    now = datetime.now(UTC).replace(microsecond=0)
    PageVersion.objects.bulk_create(
        [
            PageVersion(scope=scope, token=secrets.token_hex(8), changed_at=now)
            for scope in set(scopes)
        ],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token", "changed_at"],
    )


def articles_bump(article_ids) -> None:
    """These editorials, their text or their tags changed (and so the lists showing them)."""
    versions_bump(ARCHIVE, TAGS, *(article_scope(pk) for pk in article_ids))


def annotations_bump(article_id: int) -> None:
    """An annotation on this editorial changed (and so the counts that lists show)."""
    versions_bump(ARCHIVE, article_scope(article_id))


def entities_bump() -> None:
    """Entities were renamed, added or removed: every page naming one is made again."""
    versions_bump(ENTITIES, ARCHIVE, TAGS)
