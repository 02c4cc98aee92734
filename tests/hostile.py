"""Hostile values for fuzz tests (no tests here): what a broken client or an attacker sends in
an address, a query string or a form.

Values are `str`, or `bytes` where no `str` says it (invalid UTF-8); `encoded()` percent-encodes
either, lone surrogates as the bytes UTF-8 would give them ("surrogatepass").
"""

from urllib.parse import quote

from hypothesis import strategies as st

CONTROL_CHARACTERS = [chr(code) for code in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u202e"]
HUGE_INTEGERS = [
    "99999999999999999999999",
    str(2**31),
    str(2**32),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    "1" + "0" * 400,
    "9" * 5000,  # more digits than Python's int() reads
    "0" * 50 + "1",
]
NEGATIVE_NUMBERS = ["-1", "-0", str(-(2**63)), str(-(2**63) - 1), "-99999999999999999999999"]
UNICODE_DIGITS = [
    "\N{SUPERSCRIPT TWO}",
    "\N{CIRCLED DIGIT ONE}",
    "\N{ARABIC-INDIC DIGIT THREE}",
    "\N{ARABIC-INDIC DIGIT ONE}\N{ARABIC-INDIC DIGIT TWO}",
    "\N{EXTENDED ARABIC-INDIC DIGIT FIVE}",
    "\N{THAI DIGIT THREE}",
    "\N{FULLWIDTH DIGIT ONE}\N{FULLWIDTH DIGIT TWO}",
    "\N{ROMAN NUMERAL TWELVE}",
    "\N{MATHEMATICAL BOLD DIGIT ONE}",
    "2\N{COMBINING ACUTE ACCENT}",
]
ODD_NUMBERS = ["0", "00", "1.5", "1e3", "1e999", "NaN", "inf", "0x10", " 1", "1 ", "+1", "1_000"]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE articles_article; --",
    "1' UNION SELECT NULL, NULL --",
    "%",
    "_",
    "\\",
    "%%",
    '"',
    "'",
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "%s %(x)s {0}",
    "]]><!--",
    "&#0;",
]
SEARCH_SYNTAX = [
    '"unbalanced',
    "-",
    "- -",
    '-"',
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "^a",
    "title:a",
    "a OR",
    "AND",
    "(",
    ")",
    "{a b}",
    "a:b:c",
    "'",
]
PATH_TRICKS = ["..", ".", "../../etc/passwd", "a/../b", "%2e%2e", "%00", "~", "CON", "a;b=c"]
DATES = ["2026-13-45", "0000-00-00", "9999-12-31T23:59:60", "-1-01-01"]
EMPTY = ["", " ", "\t", "\n", "\r\n", "\u00a0", "\u200b"]
LONE_SURROGATES = ["\ud800", "a\udfffb"]
INVALID_UTF8 = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"a\xe2\x82"]
# Long enough to find a missing limit, short enough that thousands of requests stay quick.
LONG = ["a" * 100_000, "\N{LATIN SMALL LETTER E WITH ACUTE}" * 50_000, "summit " * 15_000]

FIXED = (
    HUGE_INTEGERS
    + NEGATIVE_NUMBERS
    + UNICODE_DIGITS
    + ODD_NUMBERS
    + SQL
    + MARKUP
    + SEARCH_SYNTAX
    + PATH_TRICKS
    + DATES
    + EMPTY
    + LONE_SURROGATES
)


def with_controls() -> st.SearchStrategy[str]:
    """Text with at least one control character somewhere in it (NUL the most often)."""
    control = st.one_of(st.just("\x00"), st.sampled_from(CONTROL_CHARACTERS))
    return st.tuples(st.text(max_size=8), control, st.text(max_size=8)).map("".join)


def integers_as_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HUGE_INTEGERS + NEGATIVE_NUMBERS),
        st.integers().map(str),
        st.integers(min_value=2**63 - 10, max_value=2**64 + 10).map(str),
    )


def hostile_text() -> st.SearchStrategy[str | bytes]:
    """Any hostile value for a parameter or a field."""
    return st.one_of(
        st.sampled_from(FIXED),
        with_controls(),
        integers_as_text(),
        st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=4),
        st.sampled_from(LONG),
        st.sampled_from(INVALID_UTF8),
        st.text(max_size=20),
    )


def hostile_names() -> st.SearchStrategy[str | bytes]:
    """Parameter names nobody reads, and odd spellings of the ones that are."""
    return st.one_of(
        st.text(max_size=12),
        with_controls(),
        st.sampled_from(["", " ", "page ", "PAGE", "q[]", "q.x", "__class__", "a" * 10_000]),
    )


def hostile_segment(kind: str) -> st.SearchStrategy[str | bytes]:
    """A value for one path parameter: one the converter accepts (`int`, `slug`), or any text
    without a slash (`str`), or anything (`path`)."""
    if kind == "int":
        return st.one_of(
            st.sampled_from([v for v in HUGE_INTEGERS if v.isdigit()] + ["0", "00"]),
            st.integers(min_value=0).map(str),
        )
    if kind == "slug":
        return st.one_of(
            st.from_regex(r"\A[-a-zA-Z0-9_]{1,40}\Z"),
            st.sampled_from(["-", "_", "--", "a" * 100_000, "0", "99999999999999999999"]),
        )
    text = hostile_text().filter(lambda value: value != "" and value != b"")
    if kind == "path":
        return text
    return text.filter(lambda value: (b"/" if isinstance(value, bytes) else "/") not in value)


def encoded(value: str | bytes) -> str:
    """The value percent-encoded for a URL or a form body (every byte outside A-Z a-z 0-9 _.-~)."""
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(data, safe="")


def query_string(pairs: list[tuple[str | bytes, str | bytes]]) -> str:
    """`a=1&b=2` from pairs (repeated names kept, in order)."""
    return "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)


def printable(value: str | bytes, limit: int = 80) -> str:
    """A short repr for a report: long values cut, with their length."""
    shown = repr(value)
    if len(shown) > limit:
        shown = f"{shown[: limit - 20]}…({len(value):,} long)"
    return shown
