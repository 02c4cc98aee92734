"""Lays out one editorial as a saved fnnews page, with the variants FORMAT.md lists.

Each file draws its own style (label spelling, date line, bulleted timestamps, deck,
captioned photo, blank lines, indentation, CRLF, byte-order mark) in rough proportions
of what saved pages show; most files look like the sample.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime

LABELS = (
    ("[Editorial]", 55),
    ("[fn Editorial]", 18),
    ("[Editorial Note]", 8),
    ("&#91;EDITORIALS&#93;", 8),
    ("[EDITORIALS]", 4),
    ("&#91;Editorial&#93;", 4),
    ("&#91EDITORIALS&#93", 3),
)
# (credit, what separates it from the caption text)
CREDITS = (
    ("/ Photo by Newsis News Agency", " "),
    (" /Photo by Newsis", ""),
    ("Photo: Yonhap News", " "),
    ("[Photo/Xinhua]", " "),
    ("/Courtesy of News1", " "),
    ("(©Prime Minister's Office)", " "),
)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class Editorial:
    """What one file says, before layout."""

    title: str
    published_at: datetime
    revised_at: datetime
    page_date: date | None
    paragraphs: list[str]
    deck: list[str] = field(default_factory=list)
    caption: str | None = None


@dataclass
class Style:
    """How one file is written out."""

    label: str
    space_after_label: bool
    bullets: bool
    credit: tuple[str, str]
    blank_lines_between: int
    blank_after_title: bool
    indent: str
    newline: str
    bom: bool
    final_newline: bool

    @classmethod
    def draw(cls, rng: random.Random) -> "Style":
        labels, weights = zip(*LABELS, strict=True)
        return cls(
            label=rng.choices(labels, weights=weights)[0],
            space_after_label=rng.random() < 0.95,
            bullets=rng.random() < 0.15,
            credit=rng.choice(CREDITS),
            blank_lines_between=rng.choices((0, 1, 2, 3), weights=(45, 40, 10, 5))[0],
            blank_after_title=rng.random() < 0.85,
            indent=rng.choices(("", "  ", "\t"), weights=(92, 5, 3))[0],
            newline="\r\n" if rng.random() < 0.1 else "\n",
            bom=rng.random() < 0.05,
            final_newline=rng.random() < 0.7,
        )


def page_date_text(day: date) -> str:
    """`Tuesday, January 13, 2026`."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def render(editorial: Editorial, style: Style) -> bytes:
    """The file's bytes, UTF-8."""
    lines = []
    if editorial.page_date:
        lines += [page_date_text(editorial.page_date), ""]
    lines.append(style.label + (" " if style.space_after_label else "") + editorial.title)
    if style.blank_after_title:
        lines.append("")
    bullet = "- " if style.bullets else ""
    for name, moment in (("Input", editorial.published_at), ("Updated", editorial.revised_at)):
        lines += [bullet + name, bullet + moment.strftime(TIMESTAMP_FORMAT)]
    lines += editorial.deck
    if editorial.caption:
        credit, separator = style.credit
        lines.append(editorial.caption + separator + credit)
    gap = [""] * style.blank_lines_between
    for number, paragraph in enumerate(editorial.paragraphs):
        lines += ([] if number == 0 else gap) + [style.indent + paragraph]
    text = style.newline.join(lines) + (style.newline if style.final_newline else "")
    return (("\ufeff" if style.bom else "") + text).encode()
