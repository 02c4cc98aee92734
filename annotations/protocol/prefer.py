"""The `Prefer` request header (RFC 7240) as a container reads it.

`Prefer: return=representation; include="<IRI> <IRI>"` with the LDP and Web Annotation
preferences: PreferMinimalContainer (no annotations in the container's own response),
PreferContainedIRIs (pages of IRIs), PreferContainedDescriptions (pages of full annotations).
Plain Python: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer"
CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions"

# A quoted string (with backslash escapes), or a run of anything but the separators.
_PIECE = re.compile(r'"(?:[^"\\]|\\.)*"|[^,;"]+|[,;]')


@dataclass(frozen=True)
class ContainerPreference:
    """What the client prefers; None where it said nothing (or contradicted itself)."""

    minimal: bool = False
    iris: bool | None = None
    applied: bool = False  # a return=representation preference was honoured

    @property
    def header(self) -> str:
        """The Preference-Applied value, or "" when no preference was applied."""
        return "return=representation" if self.applied else ""


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def preferences(header: str) -> list[dict[str, str]]:
    """Each preference as {name: value} of its token and parameters, names in lower case."""
    result, current, part = [], {}, ""
    for piece in [*_PIECE.findall(header or ""), ","]:
        if piece in (",", ";"):
            name, _, value = part.partition("=")
            if name.strip():
                current.setdefault(name.strip().lower(), _unquote(value))
            part = ""
            if piece == "," and current:
                result.append(current)
                current = {}
        else:
            part += piece
    return result


def container_preference(header: str) -> ContainerPreference:
    """The container representation a `Prefer` header asks for.

    `return=minimal` counts as PreferMinimalContainer. IRIs and descriptions together
    contradict each other (the protocol forbids sending both): both are then ignored.
    """
    minimal, iris, applied = False, None, False
    for preference in preferences(header):
        kind = preference.get("return")
        if kind == "minimal":
            minimal = applied = True
        if kind != "representation":
            continue
        included = set(preference.get("include", "").split())
        omitted = set(preference.get("omit", "").split())
        wants_iris = CONTAINED_IRIS in included or CONTAINED_DESCRIPTIONS in omitted
        wants_descriptions = CONTAINED_DESCRIPTIONS in included or CONTAINED_IRIS in omitted
        if MINIMAL_CONTAINER in included:
            minimal = applied = True
        if wants_iris != wants_descriptions:
            iris, applied = wants_iris, True
    return ContainerPreference(minimal=minimal, iris=iris, applied=applied)
