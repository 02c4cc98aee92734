"""Title lines: split a leading ``[Label]`` from the title and tidy both."""

from __future__ import annotations

import re

# Any short bracketed lead-in is a label: "[Editorial]", "[fn Editorial]", "[EDITORIALS]".
_LABEL = re.compile(r"[\[【]\s*(?P<label>[^\[\]【】]{1,40}?)\s*[\]】]\s*")


def starts_with_label(line: str) -> bool:
    """Tell whether a line opens with a bracketed label."""
    return _LABEL.match(line) is not None


def split_title(line: str) -> tuple[str, str]:
    """Return ``(label, title)``, each with whitespace collapsed; label ``""`` when absent."""
    match = _LABEL.match(line)
    if match is None:
        return "", collapse_spaces(line)
    return collapse_spaces(match.group("label")), collapse_spaces(line[match.end() :])


def collapse_spaces(text: str) -> str:
    """Join words with single spaces, dropping leading and trailing space."""
    return " ".join(text.split())
