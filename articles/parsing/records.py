"""What a parsed editorial is: the result records and the one error the parser raises."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

MAX_EDITORIAL_BYTES = 1_000_000


class EditorialFormatError(ValueError):
    """The input is not an editorial the parser can read; says why and, when known, where."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason, line)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(frozen=True)
class Caption:
    """A photo caption split from its credit.

    ``credit`` is the credit as written minus its wrapping: the separating slash, the
    enclosing brackets or parentheses and surrounding spaces are dropped, inner spaces are
    collapsed, and the words are kept. So ``/ Photo by Newsis News Agency`` gives
    ``Photo by Newsis News Agency``, ``Photo: Yonhap News`` stays ``Photo: Yonhap News``,
    ``[Photo/Xinhua]`` gives ``Photo/Xinhua``, ``/Courtesy of News1`` gives
    ``Courtesy of News1`` and ``(©Prime Minister's Office)`` gives ``©Prime Minister's
    Office``. ``text`` is the rest of the line, stripped, without a trailing slash; it is
    empty when the line held only a credit.
    """

    text: str
    credit: str


@dataclass(frozen=True)
class ParsedEditorial:
    """One editorial as read from a saved page; times are aware and in Asia/Seoul.

    All text is NFC with HTML character references decoded and is otherwise kept as
    written. ``label`` is ``""`` when the title has none; ``page_date`` is the optional
    date line, never the publication time; ``paragraphs`` leaves out separator lines that
    hold no letter or digit ("* * *").
    """

    label: str
    title: str
    published_at: datetime
    revised_at: datetime | None
    page_date: date | None
    deck: tuple[str, ...]
    caption: Caption | None
    paragraphs: tuple[str, ...]
    publication: str = "The Financial News"
    layout: str = "fnnews"

    def content_hash(self) -> str:
        """Return the SHA-256 hex digest of every field, so equal content gives equal hashes."""
        canonical = {
            "label": self.label,
            "title": self.title,
            "published_at": _instant(self.published_at),
            "revised_at": _instant(self.revised_at) if self.revised_at else None,
            "page_date": self.page_date.isoformat() if self.page_date else None,
            "deck": list(self.deck),
            "caption": (
                {"text": self.caption.text, "credit": self.caption.credit} if self.caption else None
            ),
            "paragraphs": list(self.paragraphs),
            "publication": self.publication,
            "layout": self.layout,
        }
        serialised = json.dumps(
            canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(serialised.encode("utf-8", "surrogatepass")).hexdigest()


def _instant(moment: datetime) -> str:
    # Equal aware datetimes compare equal across zones, so hash the instant in UTC.
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat()
