"""What a write sends: its media type and its JSON, refused with the reason when unusable."""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from annotations.protocol.errors import forbidden, problem
from annotations.protocol.headers import ACCEPT_POST, ANNOTATION_PROFILE

JSON_TYPES = ("application/ld+json", "application/json")


class BodyRefused(Exception):
    """The body cannot be read; `response` says why."""

    def __init__(self, response: HttpResponse):
        super().__init__(response.content.decode())
        self.response = response


def _unsupported(detail: str) -> BodyRefused:
    response = problem(415, detail, {"Content-Type": f"Send one of: {ACCEPT_POST}."})
    response["Accept-Post"] = ACCEPT_POST
    return BodyRefused(response)


def _malformed(message: str) -> BodyRefused:
    return BodyRefused(problem(400, "The body is not JSON.", {"": message}))


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def json_body(request: HttpRequest):
    """The parsed JSON of a POST or PUT; BodyRefused (415, 413 or 400) otherwise."""
    media_type = request.content_type
    if media_type not in JSON_TYPES:
        raise _unsupported(
            f"“{media_type or 'no Content-Type'}” is not taken here: send the annotation as "
            "JSON-LD."
        )
    profile = request.content_params.get("profile", "").strip('"')
    if profile and ANNOTATION_PROFILE not in profile.split():
        raise _unsupported(f"The profile “{profile}” is not the Web Annotation one.")
    charset = request.content_params.get("charset", "utf-8").strip('"').lower()
    if charset not in ("utf-8", "utf8"):
        raise _unsupported(f"The charset is {charset}; JSON is sent as UTF-8.")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BodyRefused(problem(413, "The body is too large for one annotation.")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _malformed(f"The body is not UTF-8 (byte {error.start}).") from None
    if not text.strip():
        raise _malformed("The body is empty: send the annotation.")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise _malformed(
            f"Malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    except (ValueError, RecursionError) as error:
        raise _malformed(f"Malformed JSON: {error}.") from None
    try:
        found = unstorable_text(data)
    except RecursionError:
        raise _malformed("The JSON is nested too deeply for an annotation.") from None
    if found is not None:
        path, why = found
        raise BodyRefused(problem(400, "The body holds text that cannot be kept.", {path: why}))
    return data


def unstorable_text(value, path: str = "") -> tuple[str, str] | None:
    """The first string (key or value) that no database column can hold, with why: JSON's
    `\\ud800` escapes give lone surrogates, which are no characters, and a NUL ends text in
    PostgreSQL. The web forms refuse both too (Django's CharField)."""
    if isinstance(value, str):
        if "\x00" in value:
            return path, "The text holds a NUL character (\\u0000), which cannot be kept."
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return path, (
                f"The text holds a lone surrogate (\\u{ord(value[error.start]):04x}) at "
                f"character {error.start}: that is half of a UTF-16 pair, not a character."
            )
        return None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((f"[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    for key, item in items:
        if isinstance(value, dict):
            if (found := unstorable_text(key, path)) is not None:
                return found
            where = f"{path}.{key}" if path else key
        else:
            where = f"{path}{key}"
        if (found := unstorable_text(item, where)) is not None:
            return found
    return None


class _JsonCsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, answering in JSON."""

    def _reject(self, request, reason):
        return forbidden(
            f"CSRF check failed: {reason} A signed-in browser sends the CSRF token; a program "
            "sends “Authorization: Bearer <token>” instead."
        )


def csrf_refusal(request: HttpRequest) -> HttpResponse | None:
    """A session-cookie write without its CSRF token is refused (403); a request that a
    Bearer token signed in is not checked (the token middleware marks it so)."""
    return _JsonCsrfCheck(lambda request: None).process_view(request, None, (), {})
