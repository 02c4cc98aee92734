"""Property tests: whatever an editor types, the rendered note holds no active content."""

import re
from html import unescape
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, html_sanitise, markdown_render

FAST = settings(max_examples=300, deadline=None, database=None)
SAFE_SCHEMES = {"http", "https", "mailto"}


class Unsafe(HTMLParser):
    """Collects every way an HTML fragment steps outside the allow-list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset()) | ({"rel"} if tag == "a" else set())
        names = {name for name, _ in attrs}
        for name in names - allowed:
            self.problems.append(f"attribute {name} on <{tag}>")
        values = dict(attrs)
        if tag == "a":
            rel = set((values.get("rel") or "").split())
            if not {"nofollow", "noopener"} <= rel:
                self.problems.append(f"link without nofollow noopener: {values}")
            href = values.get("href")
            if href is not None and url_scheme(href) not in SAFE_SCHEMES | {None}:
                self.problems.append(f"href {href!r}")
        if tag == "ol" and "start" in values and not (values["start"] or "").isdigit():
            self.problems.append(f"start {values['start']!r}")

    handle_startendtag = handle_starttag


def url_scheme(href: str) -> str | None:
    """The scheme a browser would read: entities decoded, tabs and newlines removed (the URL
    parser drops them anywhere), leading/trailing controls and spaces stripped, lower-cased;
    None for a relative URL or a fragment."""
    url = re.sub(r"[\t\n\r]", "", unescape(href)).strip("\x00- ")
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return found.group(1).lower() if found else None


def problems_in(html: str) -> list[str]:
    parser = Unsafe()
    parser.feed(html)
    parser.close()
    return parser.problems


# Markdown syntax and known XSS payloads, to be glued together in any order.
FRAGMENTS = [
    "[x](",
    ")",
    "](",
    "[x]",
    "[ref]: ",
    "![a](",
    "<",
    ">",
    "`",
    "```\n",
    "**",
    "*",
    "~~",
    "> ",
    "# ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "\n",
    "\n\n",
    " ",
    "\t",
    '"',
    "'",
    "&#",
    "&#x09;",
    "&#106;",
    "&colon;",
    "&amp;",
    "\\",
    "\x00",
    "<script>alert(1)</script>",
    "<script",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "jav&#x09;ascript:",
    "&#106;avascript:",
    "vbscript:",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD4=",
    "alert(1)",
    "onerror=",
    " onerror=alert(1)",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="javascript:alert(1)" onclick="alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>">',
    "<iframe src=javascript:alert(1)>",
    '<p style="background:url(javascript:alert(1))">',
    ' style="color:red"',
    "<style>*{}</style>",
    "<form action=x><input>",
    "<math><mi xlink:href=javascript:alert(1)>",
    "<!--",
    "-->",
    "<![CDATA[",
    "https://example.org/",
    "mailto:desk@example.org",
    "http://",
]

xss_markdown = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=25
).map("".join)


@FAST
@given(st.text())
def test_any_text_renders_only_allowed_elements_attributes_and_links(source):
    assert problems_in(markdown_render(source)) == []


@FAST
@given(xss_markdown)
def test_markdown_mixed_with_xss_payloads_renders_nothing_active(source):
    html = markdown_render(source)
    assert problems_in(html) == []
    assert "<script" not in html.lower()


@FAST
@given(xss_markdown)
def test_the_sanitiser_alone_lets_nothing_active_through_raw_html(html):
    """The second layer holds even on HTML that markdown-it never produces."""
    cleaned = html_sanitise(html)
    assert problems_in(cleaned) == []
    assert "<script" not in cleaned.lower()


def test_the_checker_reports_what_it_must_refuse():
    """The property above would be empty if the checker passed everything."""
    assert problems_in('<a href="java&#x09;script:alert(1)" rel="nofollow noopener">x</a>')
    assert problems_in('<a href="https://example.org/">x</a>')  # no rel
    assert problems_in("<img src=x>")
    assert problems_in('<p onclick="x">y</p>')
    assert problems_in('<p style="color:red">y</p>')
    assert problems_in('<a href=" JAVASCRIPT:alert(1)" rel="nofollow noopener">x</a>')
    assert not problems_in('<a href="#p3" rel="nofollow noopener noreferrer">x</a>')
