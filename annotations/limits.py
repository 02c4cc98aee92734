"""How long each thing an editor writes may be: one place for the forms, models and services.

Plain Python. A TextField cannot hold a length in the database, so the services check these
too (content_validate), whoever calls them.
"""

BODY_MAX_CHARS = 10_000  # a note, or a claim's explanation
REPLY_MAX_CHARS = 5_000
REASON_MAX_CHARS = 1_000  # why a moderator hid an annotation
CLAIM_TEXT_MAX_CHARS = 500
CLAIMANT_MAX_CHARS = 200
QUOTE_MAX_CHARS = 5_000  # it must occur in the paragraph anyway
EVIDENCE_URL_MAX_CHARS = 1_000
EVIDENCE_TITLE_MAX_CHARS = 300
MAX_EVIDENCE_LINKS = 10
# The evidence box: every link at its longest, with a space and a line break each.
EVIDENCE_MAX_CHARS = MAX_EVIDENCE_LINKS * (EVIDENCE_URL_MAX_CHARS + EVIDENCE_TITLE_MAX_CHARS + 2)
# A quote's start offset given in a URL or a form: paragraphs are far shorter than this.
OFFSET_MAX_DIGITS = 7


def too_long(what: str, limit: int, length: int) -> str:
    """The message for a text over its limit, naming it: "The text is too long: ..."."""
    return f"{what} is too long: at most {limit:,} characters, and this has {length:,}."


def offset_parse(value: str | None) -> int | None:
    """A character offset from user input: ASCII digits only, bounded; None for anything else
    ("²" and "①" are digits to str.isdigit but not to int)."""
    if not value or len(value) > OFFSET_MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    return int(value)
