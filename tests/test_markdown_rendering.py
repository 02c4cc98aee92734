"""Annotation bodies: Markdown renders to a small, safe subset of HTML (pure, no database)."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from annotations.markdown import html_sanitise, markdown_render


class Elements(HTMLParser):
    """Every element of an HTML fragment as (tag, {attribute: value})."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    return Elements(html).found


def tags(html: str) -> list[str]:
    return [tag for tag, _ in elements(html)]


def links(html: str) -> list[dict]:
    return [attrs for tag, attrs in elements(html) if tag == "a"]


def scheme(href: str) -> str | None:
    """The URL scheme a browser would see: after entities, stripped of the controls and
    spaces its URL parser ignores; None for a relative URL."""
    url = re.sub(r"[\t\n\r]", "", unescape(href)).strip("\x00- ")
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return found.group(1).lower() if found else None


def test_blank_body_renders_nothing():
    assert markdown_render("") == ""
    assert markdown_render("  \n\t\n") == ""


def test_emphasis_strong_and_strikethrough():
    html = markdown_render("*said* **twice** ~~thrice~~")
    assert html == "<p><em>said</em> <strong>twice</strong> <del>thrice</del></p>"


@pytest.mark.parametrize(
    "url", ["http://example.org/a?b=1", "https://example.org/", "mailto:desk@example.org"]
)
def test_http_https_and_mailto_links_are_kept_with_nofollow_noopener(url):
    [link] = links(markdown_render(f'[source]({url} "The source")'))
    assert link["href"] == url
    assert link["title"] == "The source"
    assert {"nofollow", "noopener", "noreferrer"} <= set(link["rel"].split())


def test_autolinks_to_web_pages_become_links():
    [link] = links(markdown_render("See <https://example.org/report>."))
    assert link["href"] == "https://example.org/report"


def test_relative_and_fragment_links_are_kept():
    html = markdown_render("[p3](#p3) and [the article](/articles/seoul-must-act/)")
    assert [link["href"] for link in links(html)] == ["#p3", "/articles/seoul-must-act/"]


def test_inline_and_fenced_code_show_html_as_text():
    html = markdown_render("Use `<b>` here.\n\n```python\nprint('<i>')\n```")
    assert tags(html) == ["p", "code", "pre", "code"]
    assert "&lt;b&gt;" in html and "&lt;i&gt;" in html
    assert "class=" not in html


def test_bullet_and_numbered_lists_keep_their_numbering():
    html = markdown_render("- one\n- two\n\n3. three\n4. four")
    assert tags(html) == ["ul", "li", "li", "ol", "li", "li"]
    assert ("ol", {"start": "3"}) in elements(html)


def test_block_quotes_and_rules():
    html = markdown_render("> quoted\n\n---")
    assert tags(html) == ["blockquote", "p", "hr"]


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("# Title", "h3"),
        ("Title\n=====", "h3"),
        ("## Section", "h4"),
        ("Section\n-------", "h4"),
        ("### Sub", "h5"),
        ("#### Deeper", "h6"),
        ("###### Deepest", "h6"),
    ],
)
def test_headings_go_two_levels_down_so_they_never_outrank_the_article(source, tag):
    assert tags(markdown_render(source)) == [tag]


def test_tables_render_without_alignment_styles():
    html = markdown_render("| Claim | Verdict |\n|:--|--:|\n| a | false |")
    assert tags(html) == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert all(attrs == {} for _, attrs in elements(html))


def test_raw_html_in_the_source_shows_as_text():
    html = markdown_render("<b>bold?</b> <script>alert(1)</script>")
    assert tags(html) == ["p"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_images_render_as_their_alt_text_and_fetch_nothing():
    html = markdown_render("![a *chart* of exports](https://tracker.example/pixel.png)")
    assert html == "<p>a chart of exports</p>"


def test_an_image_inside_a_link_leaves_the_link_with_the_alt_text():
    [link] = links(markdown_render("[![logo](https://x.example/l.png)](https://example.org)"))
    assert link["href"] == "https://example.org"


DANGEROUS_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](java%09script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](<  javascript:alert(1)>)",
    "[x](\x01javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1))',
]


@pytest.mark.parametrize("source", DANGEROUS_LINKS)
def test_links_to_scripts_and_data_never_become_active(source):
    html = markdown_render(source)
    for link in links(html):
        assert scheme(link.get("href") or "") in (None, "http", "https", "mailto")
    assert all(not name.startswith("on") for _, attrs in elements(html) for name in attrs)


@pytest.mark.parametrize(
    "source",
    [
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        "<style>body { display: none }</style>",
        '<form action="https://evil.example"><input name=q></form>',
        '<a href="https://ok.example" onclick="alert(1)">x</a>',
        '<p style="position:fixed;top:0">cover</p>',
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_html_elements_and_event_handlers_in_the_source_stay_text(source):
    html = markdown_render(source)
    assert tags(html) == ["p"]
    assert elements(html)[0][1] == {}


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src=x onerror="alert(1)">', ""),
        ('<svg onload="alert(1)"><circle/></svg>ok', "ok"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">x</iframe>ok', "ok"),
        ("<style>p{color:red}</style>ok", "ok"),
        ("<script>alert(1)</script>ok", "ok"),
        ("<form action=x><input name=q>ok</form>", "ok"),
        ('<p style="color:red" onclick="alert(1)" class="x" id="y">ok</p>', "<p>ok</p>"),
        (
            '<a href="javascript:alert(1)" onmouseover="alert(1)">ok</a>',
            '<a rel="nofollow noopener noreferrer">ok</a>',
        ),
        ('<ol start="1 onclick=alert(1)"><li>ok</li></ol>', "<ol><li>ok</li></ol>"),
        ("<h1>ok</h1>", "ok"),
    ],
)
def test_the_sanitiser_alone_strips_what_markdown_would_never_produce(html, expected):
    """Second line of defence: the allow-list holds even for HTML markdown-it did not make."""
    assert html_sanitise(html) == expected
