"""Plain text kept where Markdown is kept (a program's text/plain body): escaped, it shows as
written, whatever markup characters it holds."""

import re
from html import unescape

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotations.markdown import markdown_escape, markdown_render

# Printable ASCII (every markup character), spaces and line breaks, and some of the scripts
# editorials are written in.
TEXT = st.text(
    alphabet=st.sampled_from([chr(code) for code in range(0x20, 0x7F)] + list("\n\r\té한語")),
    max_size=80,
)


def shown(html: str) -> str:
    """What a reader sees: the text of the HTML, its whitespace runs as one space."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(TEXT)
@example("2 * 3 * 4 = 24, **not bold**, _nor this_, `nor code`")
@example("<b>no tag</b> &amp; no entity [no](http://link.example) ![no](image.png)")
@example("1. no list\n- nor this\n+ nor this\n# no heading\n> no quote\ntext\n===\n---")
@example("0\r=\r\n1)\r    indented *code*?")
@example("a backslash at the end \\\nof a line, and ~~no strike~~ | no | table |")
def test_escaped_plain_text_shows_as_written(text):
    assert shown(markdown_render(markdown_escape(text))) == " ".join(text.split())


def test_text_without_markup_is_kept_as_it_is():
    assert markdown_escape("The summit in 2026 changed little. It may yet.") == (
        "The summit in 2026 changed little. It may yet."
    )
