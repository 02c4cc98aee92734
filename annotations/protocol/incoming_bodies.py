"""The bodies of an incoming W3C annotation, as the content an editor writes in the forms.

A note or a reply: one TextualBody (text/markdown or text/plain), kept as Markdown (sanitised
when shown, as every note is); plain text is escaped first, so that it shows as written.
A claim: bodies by purpose, as the archive exports them: "describing" the claim as stated,
whose `creator` is who made it (a Person or an Organization; `id` a leader's page on this
archive, or a `name` looked up among the leaders as the form looks up a typed one, else kept as
written); "classifying" the verdict, by its label or key on the published scale; "assessing"
the explanation; "linking" each evidence link (a SpecificResource whose source is the linked
page, its `label` the link's title).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from annotations.leader_lookup import AmbiguousLeader, UnknownLeader, leader_resolve
from annotations.markdown import markdown_escape
from annotations.models import ClaimantType, Kind
from annotations.protocol.targets import NotHere, place_of
from annotations.services import AnnotationContent, Evidence
from annotations.verdicts import Verdict
from articles.models import Leader

TEXT_FORMATS = ("text/markdown", "text/plain")
CLAIM_PURPOSES = ("describing", "classifying", "assessing", "linking")
AGENT_TYPES = {"Person": ClaimantType.PERSON, "Organization": ClaimantType.ORGANISATION}
LEADER_PAGE = "articles:leader"


def bodies_of(data: dict, errors: dict[str, str]) -> list[tuple[str, dict]]:
    """Each body with its field path: `body` (one or a list), or `bodyValue` as plain text."""
    if "bodyValue" in data:
        if "body" in data:
            errors["bodyValue"] = "Give either body or bodyValue, not both."
            return []
        if not isinstance(data["bodyValue"], str):
            errors["bodyValue"] = "bodyValue is a string."
            return []
        return [("bodyValue", {"type": "TextualBody", "value": data["bodyValue"]})]
    body = data.get("body")
    if body is None:
        return []
    if isinstance(body, list):
        return [(f"body[{index}]", item) for index, item in enumerate(body)]
    return [("body", body)]


def text_of(path: str, body, errors: dict[str, str], *, markdown: bool = False) -> str | None:
    """The value of a TextualBody in a format the archive keeps, or None with the reason.
    Where the archive keeps Markdown (`markdown`), plain text comes back escaped, so that it
    shows as it was written."""
    if isinstance(body, str):
        errors[path] = "An external body is not taken: embed the text as a TextualBody."
        return None
    if not isinstance(body, dict) or body.get("type", "TextualBody") != "TextualBody":
        errors[f"{path}.type"] = "This body is a TextualBody."
        return None
    value = body.get("value")
    if not isinstance(value, str):
        errors[f"{path}.value"] = "Give the text as the body's value (a string)."
        return None
    media_type = body.get("format", "text/plain")
    if media_type not in TEXT_FORMATS:
        errors[f"{path}.format"] = (
            f"“{media_type}” is not taken: write text/markdown or text/plain."
        )
        return None
    return markdown_escape(value) if markdown and media_type == "text/plain" else value


def _purpose(path: str, body, allowed: tuple[str, ...], errors) -> str | None:
    purpose = body.get("purpose") if isinstance(body, dict) else None
    if isinstance(purpose, list) and len(purpose) == 1:
        purpose = purpose[0]
    if purpose is not None and purpose not in allowed:
        errors[f"{path}.purpose"] = f"“{purpose}” is not taken here: use {' or '.join(allowed)}."
        return "?"
    return purpose


def text_content(
    data: dict, *, purposes: tuple[str, ...], errors: dict[str, str]
) -> tuple[str, dict[str, str | None]]:
    """A note's or reply's one text, and the field path of each content field."""
    bodies = bodies_of(data, errors)
    if len(bodies) > 1:
        errors["body"] = f"Give one text body; this annotation has {len(bodies)}."
        return "", {"body": None}
    if "bodyValue" in errors:
        return "", {"body": None}
    if not bodies:
        return "", {"body": "body"}
    path, body = bodies[0]
    if _purpose(path, body, purposes, errors) == "?":
        return "", {"body": None}
    value = text_of(path, body, errors, markdown=True)
    # A body refused for its form is not also "missing" (None: no second message).
    where = (f"{path}.value" if path != "bodyValue" else path) if value is not None else None
    return value or "", {"body": where}


def claim_content(data: dict, *, base_url: str, errors: dict[str, str]):
    """A claim's content from its bodies by purpose, and the field path of each part."""
    by_purpose: dict[str, list[tuple[str, dict]]] = {purpose: [] for purpose in CLAIM_PURPOSES}
    for path, body in bodies_of(data, errors):
        purpose = _purpose(path, body, CLAIM_PURPOSES, errors)
        if purpose is None:
            errors[f"{path}.purpose"] = (
                "A claim's bodies say their purpose: describing (the claim), classifying "
                "(the verdict), assessing (the explanation) or linking (evidence)."
            )
        elif purpose != "?":
            by_purpose[purpose].append((path, body))
    paths = {
        "claim_text": "body[describing]",
        "verdict": "body[classifying]",
        "body": "body[assessing]",
        "claimant": "body[describing].creator",
        "claimant_type": "body[describing].creator.type",
        "evidence": "body[linking]",
    }
    texts = {}
    for purpose, field in (("describing", "claim_text"), ("classifying", "verdict")):
        texts[field] = _one_text(by_purpose[purpose], purpose, paths, field, errors)
    texts["body"] = _one_text(by_purpose["assessing"], "assessing", paths, "body", errors)
    claimant = _claimant(by_purpose["describing"], base_url, paths, errors)
    content = AnnotationContent(
        kind=Kind.CLAIM,
        body=texts["body"],
        claim_text=texts["claim_text"],
        claimant=claimant[0],
        claimant_leader=claimant[1],
        claimant_type=claimant[2],
        verdict=_verdict(texts["verdict"], paths["verdict"], errors),
        evidence=_evidence(by_purpose["linking"], errors),
    )
    return content, paths


def _one_text(bodies, purpose: str, paths: dict, field: str, errors) -> str:
    if not bodies:
        return ""
    if len(bodies) > 1:
        errors[f"body[{purpose}]"] = f"Give one {purpose} body; this claim has {len(bodies)}."
        return ""
    path, body = bodies[0]
    value = text_of(path, body, errors, markdown=field == "body")
    paths[field] = f"{path}.value" if value is not None else None
    return value or ""


def _verdict(typed: str, path: str, errors) -> str:
    if not typed:
        return ""
    for verdict in Verdict:
        if typed.strip().casefold() in (verdict.value, verdict.label.casefold()):
            return verdict.value
    scale = ", ".join(verdict.label for verdict in Verdict)
    errors[path] = f"“{typed}” is not on the verdict scale: one of {scale}."
    return ""


def _claimant(describing, base_url: str, paths: dict, errors):
    """(claimant as written, leader, person or organisation) from the describing body's creator."""
    if len(describing) != 1 or not isinstance(describing[0][1], dict):
        return "", None, ClaimantType.PERSON
    path = f"{describing[0][0]}.creator"
    agent = describing[0][1].get("creator")
    if agent is None:
        return "", None, ClaimantType.PERSON
    paths["claimant"], paths["claimant_type"] = f"{path}.name", f"{path}.type"
    if isinstance(agent, list) and len(agent) == 1:
        agent = agent[0]
    if not isinstance(agent, dict):
        errors[path] = "Who made the claim is one agent: a Person or an Organization."
        return "", None, ClaimantType.PERSON
    kind = agent.get("type", "Person")
    if not isinstance(kind, str) or kind not in AGENT_TYPES:  # a list cannot be looked up
        errors[f"{path}.type"] = "Who made the claim is a Person or an Organization."
        kind = "Person"
    claimant_type = AGENT_TYPES[kind]
    name = agent.get("name", "")
    if not isinstance(name, str):
        errors[f"{path}.name"] = "The name is a string."
        return "", None, claimant_type
    if "id" in agent:
        leader = _leader_by_page(agent["id"], base_url, f"{path}.id", errors)
        if leader is None:
            paths["claimant"] = None  # refused for its id: not "missing" as well
        same = leader is not None and name.strip().casefold() == leader.name.casefold()
        return ("" if same else name.strip()), leader, claimant_type
    try:
        leader = leader_resolve(name) if kind == "Person" else None
    except UnknownLeader:
        leader = None
    except AmbiguousLeader as error:
        errors[f"{path}.name"] = (
            f"More than one leader is called “{name}”: {'; '.join(error.candidates)}. Give "
            "one of these as written here, or the leader's page as the id."
        )
        return "", None, claimant_type
    return ("" if leader else name.strip()), leader, claimant_type


def _leader_by_page(iri, base_url: str, path: str, errors) -> Leader | None:
    try:
        place = place_of(iri, base_url=base_url)
    except NotHere as reason:
        errors[path] = str(reason)
        return None
    leader = None
    if place.url_name == LEADER_PAGE:
        leader = Leader.objects.filter(slug=place.kwargs["slug"]).first()
    if leader is None:
        errors[path] = f"“{iri}” is not the page of a leader of this archive."
    return leader


def _evidence(linking, errors) -> list[Evidence]:
    links, validate = [], URLValidator(schemes=["http", "https"])
    for path, body in linking:
        source = body.get("source", body.get("id")) if isinstance(body, dict) else None
        url, title = source, ""
        if isinstance(source, dict):
            url, title = source.get("id"), source.get("label", "")
        if isinstance(title, list) and len(title) == 1:
            title = title[0]
        try:
            validate(url if isinstance(url, str) else "")
        except ValidationError:
            errors[f"{path}.source"] = "Give the linked page's address (http or https)."
            continue
        if not isinstance(title, str):
            errors[f"{path}.source.label"] = "The link's title is a string."
            continue
        links.append(Evidence(url=url, title=title.strip()))
    return links
