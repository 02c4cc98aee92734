"""Which newspaper layout a file follows, and the ``parse_editorial`` entry point.

A layout is any object (a module will do) with ``NAME``, ``detect(lines) -> bool`` and
``parse(lines) -> ParsedEditorial``, reading the clean lines of ``text.decode_editorial``.
Supporting one more newspaper means writing one more such module and listing it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from . import fnnews
from .records import MAX_EDITORIAL_BYTES, ParsedEditorial
from .text import decode_editorial


class Layout(Protocol):
    """The shape every newspaper layout parser has."""

    NAME: str

    def detect(self, lines: Sequence[str]) -> bool: ...

    def parse(self, lines: Sequence[str]) -> ParsedEditorial: ...


# The first layout is the fallback: when none recognises a file, its parser says what is
# missing ("no 'Input' timestamp", "no title", ...).
LAYOUTS: tuple[Layout, ...] = (fnnews,)


def parse_editorial(data: bytes | str, *, max_bytes: int = MAX_EDITORIAL_BYTES) -> ParsedEditorial:
    """Parse one saved editorial; raise EditorialFormatError for anything that is not one."""
    lines = decode_editorial(data, max_bytes=max_bytes)
    layout = next((layout for layout in LAYOUTS if layout.detect(lines)), LAYOUTS[0])
    return layout.parse(lines)
