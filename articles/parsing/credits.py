"""Photo captions: tell a caption line by the credit that ends it, and split the two.

Credits seen in saved pages: ``/ Photo by Newsis News Agency``, `` /Photo by Newsis``,
``Photo: Yonhap News``, ``[Photo/Xinhua]``, ``/Courtesy of News1`` and
``(©Prime Minister's Office)``. A credit is a credit phrase (``Photo by|:|/|= NAME``,
``Courtesy of NAME``, ``©NAME`` or a known agency name) wrapped in brackets or parentheses,
led by a slash, or, for the phrases that say what they are, standing bare after a space.
The rule for the stored credit is in ``Caption``'s docstring.
"""

from __future__ import annotations

import re

from .records import Caption

# The credit's own words never hold the characters that wrap or separate it.
_NAME = r"[^\s/\[\]()<>][^/\[\]()<>]{0,79}?"
_AGENCIES = (
    r"(?:Yonhap|Newsis|News1|Xinhua|AP|AFP|Reuters|EPA|Kyodo|Getty Images)"
    r"(?:\s+(?:News(?:\s+Agency)?|Photos?))?"
)
# Phrases that announce themselves as credits, so they may stand without a wrapper.
_SELF_EVIDENT = (
    rf"(?:Photos?|Photograph|Image|Graphic)\s*(?:by\s+|:\s*|/\s*|=\s*){_NAME}"
    rf"|Courtesy(?:\s+of)?\s+{_NAME}"
    rf"|©\s*{_NAME}"
)
_PHRASE = rf"(?:{_SELF_EVIDENT}|{_AGENCIES})"
_END = r"\s*\.?\s*$"

_CREDIT_FORMS = (
    re.compile(rf"\[\s*(?P<credit>{_PHRASE})\s*\]{_END}"),
    re.compile(rf"\(\s*(?P<credit>{_PHRASE})\s*\){_END}"),
    re.compile(rf"/\s*(?P<credit>{_PHRASE}){_END}"),
    re.compile(rf"(?:^|(?<=[\s.!?\"\u201d\u2019]))(?P<credit>{_SELF_EVIDENT}){_END}"),
)
# Separators left between caption and credit: slash, bar, hyphen, en and em dash.
_CAPTION_TEXT_TAIL = " \t/|-\u2013\u2014"


def split_caption(line: str) -> Caption | None:
    """Return the caption and credit of a line that ends with a credit, else None."""
    for form in _CREDIT_FORMS:
        match = form.search(line)
        if match:
            credit = " ".join(match.group("credit").split())
            text = line[: match.start()].rstrip(_CAPTION_TEXT_TAIL).strip()
            return Caption(text=text, credit=credit)
    return None
