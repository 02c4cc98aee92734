"""Entity tags (RFC 9110 §8.8.3) and the conditional requests that compare them.

An annotation's tag is strong, a digest of its representation's bytes: it changes whenever
what a client would read changes, so a PUT's If-Match can be compared byte for byte. A
container's is weak, a digest of a cheap aggregate (how many annotations it holds, the
latest change, the editorial's own last change) and of the variant asked for: a
revalidation answers 304 before any annotation is read. Plain Python: no Django import.
"""

from __future__ import annotations

import hashlib


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def strong_etag(body: bytes) -> str:
    return f'"{_digest(body)}"'


def weak_etag(*parts) -> str:
    return f'W/"{_digest(repr(parts).encode())}"'


def tags_of(header: str) -> list[str]:
    """The entity tags in an If-Match or If-None-Match value ("*" stands alone)."""
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def none_match(header: str | None, etag: str) -> bool:
    """If-None-Match (weak comparison) says the client already has this representation."""
    if not header:
        return False
    tags = tags_of(header)
    return "*" in tags or _opaque(etag) in {_opaque(tag) for tag in tags}


def match(header: str, etag: str) -> bool:
    """If-Match (strong comparison): one of the tags is this representation's, and strong."""
    tags = tags_of(header)
    if "*" in tags:
        return True
    return not etag.startswith("W/") and etag in tags
