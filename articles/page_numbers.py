"""Page numbers from the URL (`?page=N`), read one way by every paginated page and the API.

Only ASCII digits make a page number (Python's `int()` also reads "٣" and " 3 "), and none is
larger than MAX_PAGE: the offset of a larger one would overflow the databases' 64-bit
integers (a 500 on SQLite and PostgreSQL alike), and no archive has that many pages.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

MAX_PAGE = 1_000_000


class PageTooLarge(EmptyPage):
    """A page number past MAX_PAGE: there is no such page, whatever the archive holds."""


def page_number(value) -> int:
    """The page that `value` names; PageNotAnInteger, EmptyPage or PageTooLarge otherwise."""
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        if text.startswith("-") and text[1:].isascii() and text[1:].isdigit():
            raise EmptyPage("That page number is less than 1")
        raise PageNotAnInteger("That page number is not an integer")
    # Compared as text first: int() of a long enough string of digits is itself refused.
    if len(text.lstrip("0")) > len(str(MAX_PAGE)) or int(text) > MAX_PAGE:
        raise PageTooLarge("That page number is too large")
    number = int(text)
    if number < 1:
        raise EmptyPage("That page number is less than 1")
    return number


class ArchivePaginator(Paginator):
    """Django's Paginator reading page numbers with `page_number()`: a number past MAX_PAGE
    is refused before anything is counted."""

    def validate_number(self, number):
        return super().validate_number(page_number(number))
