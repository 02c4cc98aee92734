"""Parse editorials saved as plain text into plain records, with no Django involved.

``parse_editorial(data)`` takes the bytes (or text) of one saved page and returns a
``ParsedEditorial``, or raises ``EditorialFormatError`` with a reason and, where it
applies, the 1-based line number. The format is described in /work/shared/FORMAT.md;
each newspaper layout is one module listed in ``layouts.LAYOUTS``.
"""

from .layouts import LAYOUTS, Layout, parse_editorial
from .records import MAX_EDITORIAL_BYTES, Caption, EditorialFormatError, ParsedEditorial

__all__ = [
    "LAYOUTS",
    "MAX_EDITORIAL_BYTES",
    "Caption",
    "EditorialFormatError",
    "Layout",
    "ParsedEditorial",
    "parse_editorial",
]
