"""From saved bytes to clean lines: size limit, BOM, binary and UTF-8 checks, entities, NFC.

Layouts receive a list of lines where item ``n - 1`` is line ``n`` of the file as an editor
counts it (CRLF, CR and LF all end a line). Each line is HTML-unescaped, freed of control
characters, NFC-normalised and stripped; a blank line is ``""``.
"""

from __future__ import annotations

import html
import re
import unicodedata

from .records import EditorialFormatError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Numeric references may lack the semicolon (real titles hold "&#91EDITORIALS&#93"); named
# ones must have it, so prose such as "Barnes&noble" is never read as "&not".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
# Characters that separate words or lines elsewhere but would only confuse one line here.
_SPACE_LIKE = re.compile("[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]")
# Stray control characters happen in hand-saved files; this many of them means binary.
_CONTROL_SHARE_LIMIT = 0.01


def decode_editorial(data: bytes | str, *, max_bytes: int) -> list[str]:
    """Return the clean lines of one file; refuse it when too large, not text, or empty."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise EditorialFormatError(
            f"file is too large: {len(raw):,} bytes, over the limit of {max_bytes:,} bytes"
        )
    text = _decode(raw)
    _refuse_control_heavy(text)
    lines = clean_lines(split_lines(text))
    if not any(lines):
        raise EditorialFormatError("file is empty or holds only whitespace")
    return lines


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only, so line numbers match what an editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_line(line: str) -> str:
    """Unescape entities, drop control characters, normalise to NFC and strip one line."""
    return clean_lines([line])[0]


def clean_lines(lines: list[str]) -> list[str]:
    """`clean_line` for every line, done on the joined text: one pass instead of one per line."""
    text = "\n".join(_SPACE_LIKE.sub(" ", line) for line in lines)
    if "&" in text:
        text = unescape_entities(text)
    text = _CONTROL.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return [
        strip_invisible(line) if line and not line.isspace() else "" for line in text.split("\n")
    ]


def unescape_entities(text: str) -> str:
    """Decode HTML character references: numeric with or without ';', named only with ';'."""
    return _ENTITY.sub(_unescape_one, text)


def strip_invisible(text: str) -> str:
    """Strip whitespace and invisible format characters (zero-width space, marks) at both ends."""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def _unescape_one(match: re.Match[str]) -> str:
    reference = match.group(0)
    character = html.unescape(reference if reference.endswith(";") else reference + ";")
    # An escaped line break must not split a line: it stands for a space here.
    return _SPACE_LIKE.sub(" ", character)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cf"


def _decode(raw: bytes) -> str:
    if raw.startswith(UTF16_BOMS):
        # Windows editors save "Unicode" text as UTF-16 with a BOM; that is unambiguous.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise EditorialFormatError(
                f"not text: invalid UTF-16 at byte offset {error.start}"
            ) from None
    start = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
    nul = raw.find(b"\x00", start)
    if nul >= 0:
        raise EditorialFormatError(
            f"not text: NUL byte at byte offset {nul} (binary data)", _line_of(raw, nul)
        )
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise EditorialFormatError(
            f"not text: invalid UTF-8 at byte offset {offset}", _line_of(raw, offset)
        ) from None


def _refuse_control_heavy(text: str) -> None:
    controls = [match.start() for match in _CONTROL.finditer(text) if match.group() != "\ufeff"]
    if not controls:
        return
    if "\x00" in text or len(controls) > len(text) * _CONTROL_SHARE_LIMIT:
        raise EditorialFormatError(
            f"not text: {len(controls)} control characters (binary data)",
            len(split_lines(text[: controls[0]])),
        )


def _line_of(raw: bytes, offset: int) -> int:
    return len(split_lines(raw[:offset].decode("utf-8", "replace")))
