"""The Financial News (Seoul) English edition: the layout of ``samples/fnnews-*.txt``.

Top to bottom: an optional page date line, the title (``[Label] Title``), ``Input`` and
``Updated`` each followed by a ``YYYY-MM-DD HH:MM:SS`` Korea time (either may be a list item
``- Input``), an optional deck of up to three short headline lines, an optional photo caption
ending with a credit, then one paragraph per line. See /work/shared/FORMAT.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .credits import split_caption
from .records import Caption, EditorialFormatError, ParsedEditorial
from .titles import split_title, starts_with_label

NAME = "fnnews"
PUBLICATION = "The Financial News"
SEOUL = ZoneInfo("Asia/Seoul")

# Outside this range a date is a typo, and it would not survive conversion to UTC anyway.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
MAX_TITLE_LINES = 3  # a title wrapped over lines, or a breadcrumb line above "[Label] Title"
MAX_DECK_LINES = 3
MAX_DECK_CHARS = 120
MAX_DECK_WORDS = 20
DETECT_WITHIN_LINES = 12
# A deck line is a headline: it never ends like a sentence, a quotation or an aside.
# (Escapes: \u2026 ellipsis, \u201d and \u2019 closing curly quotes.)
SENTENCE_ENDINGS = tuple(".?!\u2026:;,\"'\u201d\u2019)]")

_BULLET = r"(?:[-*\u2022\u00b7\u2013]\s*)?"  # hyphen, star, bullet, middle dot, en dash
_STAMP = (
    r"(?P<stamp>(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:\s+|T)"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)(?:\s*KST)?"
)
_STAMP_LINE = re.compile(rf"{_BULLET}{_STAMP}", re.IGNORECASE)
_LABEL_LINE = re.compile(rf"{_BULLET}(?P<label>Input|Updated)\s*:?\s*(?:{_STAMP})?", re.IGNORECASE)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DATE_LINE = re.compile(
    rf"(?:{_WEEKDAY}\.?,?\s+)?(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def detect(lines: Sequence[str]) -> bool:
    """Tell whether an ``Input`` line appears near the top, as on every Financial News page."""
    filled = [line for line in lines if line][:DETECT_WITHIN_LINES]
    return any(_input_label(line) for line in filled)


def parse(lines: Sequence[str]) -> ParsedEditorial:
    """Read clean lines (see ``text.decode_editorial``) as a Financial News editorial."""
    cursor = _next_filled(lines, 0)
    page_date = _page_date(lines, cursor)
    if page_date is not None:
        cursor = _next_filled(lines, cursor + 1)
    label, title, cursor = _title(lines, cursor)
    published_at, revised_at, cursor = _timestamps(lines, cursor)
    deck, cursor = _deck(lines, cursor)
    caption, cursor = _caption(lines, cursor)
    paragraphs = tuple(line for line in lines[cursor:] if _has_words(line))
    if not paragraphs:
        after = "the timestamps" if caption is None else "the caption"
        raise EditorialFormatError(f"no body paragraph after {after}", cursor)
    return ParsedEditorial(
        label=label,
        title=title,
        published_at=published_at,
        revised_at=revised_at,
        page_date=page_date,
        deck=deck,
        caption=caption,
        paragraphs=paragraphs,
        publication=PUBLICATION,
        layout=NAME,
    )


def _next_filled(lines: Sequence[str], start: int) -> int:
    """Index of the first non-blank line at or after ``start``; ``len(lines)`` if none."""
    index = start
    while index < len(lines) and not lines[index]:
        index += 1
    return index


def _page_date(lines: Sequence[str], index: int) -> date | None:
    if index >= len(lines):
        return None
    match = _DATE_LINE.fullmatch(lines[index])
    if match is None or match.group("month").lower() not in _MONTHS:
        return None
    try:
        day = date(
            int(match.group("year")), _MONTHS[match.group("month").lower()], int(match.group("day"))
        )
    except ValueError:
        raise EditorialFormatError(f"impossible page date {lines[index]!r}", index + 1) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise EditorialFormatError(f"impossible page date {lines[index]!r}", index + 1)
    return day


def _title(lines: Sequence[str], start: int) -> tuple[str, str, int]:
    """Return label, title and the index of the first timestamp line after it."""
    title_lines: list[int] = []
    index = start
    while index < len(lines) and not _is_timestamp_line(lines[index]):
        if len(title_lines) == MAX_TITLE_LINES:
            raise EditorialFormatError("no 'Input' timestamp after the title", title_lines[0] + 1)
        title_lines.append(index)
        index = _next_filled(lines, index + 1)
    if not title_lines:
        if index < len(lines):
            raise EditorialFormatError("no title before the timestamps", index + 1)
        raise EditorialFormatError("no title")
    if index >= len(lines):
        raise EditorialFormatError("no 'Input' timestamp after the title", title_lines[0] + 1)
    labelled = [position for position in title_lines if starts_with_label(lines[position])]
    if labelled:
        # Lines above a "[Label] Title" line are page furniture such as a section name.
        title_lines = title_lines[title_lines.index(labelled[0]) :]
    label, title = split_title(" ".join(lines[position] for position in title_lines))
    if not _has_words(title):
        raise EditorialFormatError(
            "no title: the title line holds only a label", title_lines[0] + 1
        )
    return label, title, index


def _timestamps(lines: Sequence[str], start: int) -> tuple[datetime, datetime | None, int]:
    """Read the Input/Updated block; return both times and the index after its last line."""
    found: dict[str, datetime] = {}
    waiting: str | None = None  # a label seen, its time not yet
    waiting_at = start
    index = last = start
    while index < len(lines):
        line = lines[index]
        label_match = _LABEL_LINE.fullmatch(line) if line else None
        stamp_match = None if label_match or not line else _STAMP_LINE.fullmatch(line)
        if line and label_match is None and stamp_match is None:
            break
        if label_match is not None:
            _refuse_missing_input(waiting, waiting_at, found)
            waiting, waiting_at = label_match.group("label").capitalize(), index
            stamp_match = label_match if label_match.group("stamp") else None
        if stamp_match is not None:
            # An unlabelled second time is the revision whose "Updated" line went missing.
            target = waiting or ("Updated" if "Input" in found else "")
            moment = _moment(stamp_match, target, index)
            found.setdefault(target, moment)
            waiting = None
        if line:
            last = index
        index += 1
    _refuse_missing_input(waiting, waiting_at, found)
    if "Input" not in found:
        raise EditorialFormatError("no 'Input' timestamp", start + 1)
    return found["Input"], found.get("Updated"), last + 1


def _refuse_missing_input(waiting: str | None, waiting_at: int, found: dict[str, datetime]) -> None:
    if waiting == "Input" and "Input" not in found:
        raise EditorialFormatError(
            "no 'Input' timestamp: 'Input' is not followed by a date and time", waiting_at + 1
        )


def _moment(match: re.Match[str], label: str, index: int) -> datetime:
    fields = ("year", "month", "day", "hour", "minute", "second")
    numbers = [int(match.group(field) or 0) for field in fields]
    named = f"{label!r} timestamp" if label else "timestamp"
    try:
        moment = datetime(*numbers, tzinfo=SEOUL)
    except ValueError:
        raise EditorialFormatError(
            f"impossible {named} {match.group('stamp')!r}", index + 1
        ) from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise EditorialFormatError(
            f"impossible {named} {match.group('stamp')!r}: year outside "
            f"{EARLIEST_YEAR}-{LATEST_YEAR}",
            index + 1,
        )
    return moment


def _deck(lines: Sequence[str], start: int) -> tuple[tuple[str, ...], int]:
    """Collect up to three headline lines, a verbatim repeat kept once."""
    deck: list[str] = []
    index = _next_filled(lines, start)
    after = start
    while index < len(lines) and _is_deck_line(lines[index]):
        if lines[index] not in deck:
            if len(deck) == MAX_DECK_LINES:
                break
            deck.append(lines[index])
        after = index + 1
        index = _next_filled(lines, after)
    if not any(_has_words(line) for line in lines[after:]):
        # Nothing follows, so these short lines are the body itself, not a deck over it.
        return (), start
    return tuple(deck), after


def _caption(lines: Sequence[str], start: int) -> tuple[Caption | None, int]:
    index = _next_filled(lines, start)
    if index < len(lines):
        caption = split_caption(lines[index])
        if caption is not None:
            return caption, index + 1
    return None, start


def _is_deck_line(line: str) -> bool:
    return (
        len(line) <= MAX_DECK_CHARS
        and len(line.split()) <= MAX_DECK_WORDS
        and not line.endswith(SENTENCE_ENDINGS)
        and any(char.isalpha() for char in line)
        and split_caption(line) is None
    )


def _is_timestamp_line(line: str) -> bool:
    return bool(line) and (_LABEL_LINE.fullmatch(line) or _STAMP_LINE.fullmatch(line)) is not None


def _input_label(line: str) -> bool:
    match = _LABEL_LINE.fullmatch(line)
    return match is not None and match.group("label").lower() == "input"


def _has_words(line: str) -> bool:
    # A line of only punctuation ("* * *", "—") separates; it says nothing.
    return any(char.isalnum() for char in line)
