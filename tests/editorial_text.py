"""Build Financial News editorial texts for the parser tests, one part at a time.

The defaults mirror the reference sample: a date line, the title, the four timestamp lines,
a credited caption and body paragraphs with no blank lines between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

SAMPLE_PATH = (
    Path(__file__).resolve().parent.parent / "samples" / "fnnews-2026-01-13-lee-japan-diplomacy.txt"
)

DATE_LINE = "Tuesday, January 13, 2026"
TITLE = "[Editorial] Seoul and Tokyo Should Keep Talking"
STAMPS = ("Input", "2026-01-12 18:32:08", "Updated", "2026-01-12 18:32:08")
CAPTION = (
    "Leaders of both countries meet in Tokyo. The photo shows the two leaders shaking hands "
    "last November. / Photo by Newsis News Agency"
)
PARAGRAPHS = (
    "Leaders of both countries meet in Tokyo. This comes six days after a visit to Beijing.",
    "The summit is expected to address both cooperation and history, including the Josei "
    "Coal Mine.",
    "Only diplomacy that upholds principles can serve the national interest.",
)


def editorial_text(
    *,
    date_line: str | None = DATE_LINE,
    title: str | None = TITLE,
    stamps: Sequence[str] = STAMPS,
    bullets: bool = False,
    deck: Sequence[str] = (),
    caption: str | None = CAPTION,
    paragraphs: Sequence[str] = PARAGRAPHS,
    blank_lines: int = 0,
    indent: str = "",
    newline: str = "\n",
    bom: bool = False,
) -> str:
    """Return one editorial as text; ``None`` or empty parts are left out.

    A ``""`` inside ``stamps`` is a blank line; ``bullets`` writes the other stamp lines
    as list items; ``blank_lines`` sit between body paragraphs; ``indent`` leads each one.
    """
    lines: list[str] = []
    if date_line is not None:
        lines += [date_line, ""]
    if title is not None:
        lines += [title, ""]
    lines += [f"- {line}" if bullets and line else line for line in stamps]
    lines += deck
    if caption is not None:
        lines.append(caption)
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines += [""] * blank_lines
        lines.append(indent + paragraph)
    text = newline.join(lines)
    return "\ufeff" + text if bom else text


def sample_bytes() -> bytes:
    """Return the reference sample exactly as saved."""
    return SAMPLE_PATH.read_bytes()


def line_number(text: str, line: str) -> int:
    """Return the 1-based number of the first line of ``text`` that reads ``line``."""
    for number, candidate in enumerate(text.splitlines(), start=1):
        if candidate.strip() == line:
            return number
    raise LookupError(f"{line!r} is not a line of the text")
