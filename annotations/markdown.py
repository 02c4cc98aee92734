"""Render an annotation body, written in Markdown, as HTML that is safe to put in a page.

Pure Python, no Django. markdown-it-py renders CommonMark with raw HTML switched off (any
HTML in the source comes out as visible text), then nh3 keeps only an allow-list of
elements and attributes and only http, https and mailto links, so that a bug in either
layer alone cannot let a script through.

House rules on top of CommonMark:
- Headings go two levels down (``#`` renders as h3, ``##`` as h4, deeper ones stop at h6):
  a note sits inside an article page, and its headings must never outrank the page's
  h1 (the title) or h2 (its sections).
- Images are not shown: an image renders as its alt text, so nobody can make a reader's
  browser fetch a tracking pixel or a huge picture from a note.
- ``~~struck~~`` renders as ``<del>``; tables lose their column alignment (it is a
  ``style`` attribute, and no style is allowed).
- Every link gets ``rel="nofollow noopener noreferrer"``: links in notes carry no
  endorsement and give the target page no handle on ours.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li"}
    | {"a", "h3", "h4", "h5", "h6"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
# `start` keeps "3. Third point" numbered as written (digits only, see _numeric_start_only).
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"}), "ol": frozenset({"start"})}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
# Elements whose content is dropped along with them, not kept as text. Raw HTML is already
# escaped by markdown-it, so this only matters if that layer ever lets a tag through.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})

HEADING_SHIFT = 2
LOWEST_HEADING = 6


def _image_as_alt_text(renderer, tokens, idx, options, env) -> str:
    """markdown-it render rule: an image becomes its (escaped) alt text."""
    return escapeHtml(renderer.renderInlineAsText(tokens[idx].children or [], options, env))


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["strikethrough", "table"])
    parser.add_render_rule("image", _image_as_alt_text)
    return parser


def _numeric_start_only(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "start" and not (value.isascii() and value.isdigit()):
        return None
    return value


_PARSER = _parser()
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_numeric_start_only,
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def _house_tags(tokens) -> None:
    """Demote headings and turn strikethrough into <del>, in place."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1:]) + HEADING_SHIFT, LOWEST_HEADING)
            token.tag = f"h{level}"
        elif token.type in ("s_open", "s_close"):
            token.tag = "del"
        if token.children:
            _house_tags(token.children)


@lru_cache(maxsize=8192)
def markdown_render(source: str) -> str:
    """Safe HTML for an annotation body written in Markdown ("" for a blank body).

    Cached: a page shows the same bodies request after request, and the output depends on
    the source alone.
    """
    if not source or not source.strip():
        return ""
    env: dict = {}
    tokens = _PARSER.parse(source, env)
    _house_tags(tokens)
    return html_sanitise(_PARSER.renderer.render(tokens, _PARSER.options, env))


def html_sanitise(html: str) -> str:
    """Any HTML cut down to the allow-list: the second layer of markdown_render, on its own."""
    return _CLEANER.clean(html).strip()


# Punctuation that is markup anywhere in a line; `-`, `+`, `=` and an ordered list's `1.` or
# `1)` are markup only where a line starts (after its indent).
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>!|~&#])")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_LINE_START_MARKUP = re.compile(r"^([ \t]*(?:\d+)?)([-+=.)])", re.MULTILINE)


def markdown_escape(text: str) -> str:
    """Markdown that shows `text` as written: plain text given where Markdown is kept (a
    program's text/plain body). CommonMark renders any backslash-escaped ASCII punctuation
    as itself. Lines lose their indent, which would make them a code block, where escapes
    show."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")  # as CommonMark reads them
    escaped = _INLINE_MARKUP.sub(r"\\\1", _INDENT.sub("", lines))
    return _LINE_START_MARKUP.sub(lambda match: f"{match[1]}\\{match[2]}", escaped)
