"""Pages of a container: how many annotations a page holds, and which page a request asks for.

Pages count from 0, as the protocol's examples do; `startIndex` is the position of a page's
first annotation in the whole container. Plain Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PAGE_SIZE = 100
# A page of 500 full descriptions is about 0.75 MB: more is asked for in several pages.
MAX_PAGE_SIZE = 500
MAX_DIGITS = 9


class BadParameter(ValueError):
    """A query parameter that cannot be read: `name` says which, the message why."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


def _number(name: str, value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS):
        raise BadParameter(name, f"“{value[:40]}” is not a whole number (0, 1, 2, …).")
    return int(value)


def page_size_parse(value: str | None) -> int:
    """The page size asked for, 0 for the default; above the cap, the cap."""
    if value is None or value == "":
        return 0
    size = _number("page_size", value)
    if size < 1:
        raise BadParameter("page_size", "A page holds at least 1 annotation.")
    return min(size, MAX_PAGE_SIZE)


def page_parse(value: str | None) -> int | None:
    """The page number asked for, or None for the container itself."""
    if value is None:
        return None
    return _number("page", value)


def iris_parse(value: str | None) -> bool | None:
    if value is None:
        return None
    if value not in ("0", "1"):
        raise BadParameter(
            "iris",
            "iris=1 lists the annotations' IRIs, iris=0 (the default) their full descriptions.",
        )
    return value == "1"


@dataclass(frozen=True)
class Paging:
    total: int
    size: int

    @property
    def last(self) -> int:
        """The last page's number (0 for an empty container, which has no pages)."""
        return max(0, (self.total - 1) // self.size)

    def exists(self, page: int) -> bool:
        return self.total > 0 and 0 <= page <= self.last

    def start(self, page: int) -> int:
        return page * self.size
