"""The target of an incoming W3C annotation: which paragraph of this archive, and which words.

Accepted: a paragraph's IRI (`<page>#p3`) for the whole paragraph; or a SpecificResource of an
editorial page (or of one of its paragraphs) with selectors: a FragmentSelector `p3`, refined
by a TextQuoteSelector and/or a TextPositionSelector (one refinement, or a list of them); a
TextQuoteSelector or TextPositionSelector on a paragraph's IRI; a TextQuoteSelector on the
page, found in one paragraph; or a list of such alternatives, as the archive exports them,
which must all name the same words. Every selector must match the paragraph's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from annotations.anchoring import quote_find_in
from annotations.protocol.targets import PARAGRAPH_FRAGMENT, NotHere, article_place
from annotations.services import span_resolve
from articles.models import Article, Paragraph

RFC3986 = "http://tools.ietf.org/rfc/rfc3986"
QUOTE, POSITION, FRAGMENT = "TextQuoteSelector", "TextPositionSelector", "FragmentSelector"


@dataclass(frozen=True)
class TargetSpan:
    """Where the annotation hangs: a paragraph, and the quoted words in it ("" for all)."""

    paragraph: Paragraph
    quote_exact: str = ""
    quote_start: int | None = None


@dataclass
class Reading:
    """What one selector alternative says: its paragraph (None: the page) and its words."""

    path: str
    position: int | None
    position_path: str = "target.source"  # where the paragraph is named
    quotes: list[tuple[str, dict]] = field(default_factory=list)  # (path, TextQuoteSelector)
    positions: list[tuple[str, dict]] = field(default_factory=list)  # (path, TextPosition...)


def target_parse(
    target, *, base_url: str, article: Article | None, errors: dict[str, str]
) -> TargetSpan | None:
    """The paragraph and words `target` names, or None with the reasons added to `errors`."""
    if isinstance(target, list):
        if len(target) != 1:
            errors["target"] = f"Give one target; this annotation has {len(target)}."
            return None
        target = target[0]
    if isinstance(target, str):
        return _paragraph_iri(target, base_url=base_url, article=article, errors=errors)
    if not isinstance(target, dict):
        errors["target"] = "The target is a paragraph's IRI or a SpecificResource."
        return None
    if target.get("type", "SpecificResource") != "SpecificResource":
        errors["target.type"] = "The target is a SpecificResource (or a paragraph's IRI)."
        return None
    if "source" not in target:
        if isinstance(target.get("id"), str) and "selector" not in target:
            return _paragraph_iri(target["id"], base_url=base_url, article=article, errors=errors)
        errors["target.source"] = "Give the source: the IRI of an editorial page of this archive."
        return None
    source = target["source"]
    source = source.get("id") if isinstance(source, dict) else source
    found = _article_of(source, "target.source", base_url=base_url, article=article, errors=errors)
    if found is None:
        return None
    page_article, source_position = found
    if "selector" not in target:
        if source_position is None:
            errors["target.selector"] = (
                "Name a paragraph: a FragmentSelector “p<number>”, or the paragraph's IRI."
            )
            return None
        paragraph = _paragraph(page_article, source_position, "target.source", errors)
        return TargetSpan(paragraph) if paragraph else None
    readings = _readings(target["selector"], source_position, errors)
    if readings is None:
        return None
    return _resolve(page_article, readings, errors)


def _article_of(iri, path, *, base_url, article, errors):
    try:
        found = article_place(iri, base_url=base_url, known=article)
    except NotHere as reason:
        errors[path] = str(reason)
        return None
    if article is not None and found[0].pk != article.pk:
        errors[path] = (
            f"This container holds the annotations on “{article.slug}”; "
            f"the target is on “{found[0].slug}”."
        )
        return None
    return found


def _paragraph(article: Article, position: int, path: str, errors) -> Paragraph | None:
    paragraph = article.paragraphs.filter(position=position).first()
    if paragraph is None:
        count = article.paragraphs.count()
        errors[path] = f"“{article.slug}” has no paragraph {position} (it has {count})."
    return paragraph


def _paragraph_iri(iri, *, base_url, article, errors) -> TargetSpan | None:
    found = _article_of(iri, "target", base_url=base_url, article=article, errors=errors)
    if found is None:
        return None
    page_article, position = found
    if position is None:
        errors["target"] = "Name a paragraph: the page's IRI with “#p<number>” after it."
        return None
    paragraph = _paragraph(page_article, position, "target", errors)
    return TargetSpan(paragraph) if paragraph else None


# -- reading the selectors -----------------------------------------------------------------


def _readings(selector, source_position, errors) -> list[Reading] | None:
    if isinstance(selector, list):
        if not selector:
            errors["target.selector"] = "Give at least one selector."
            return None
        items = [(f"target.selector[{i}]", item) for i, item in enumerate(selector)]
    else:
        items = [("target.selector", selector)]
    readings = [_reading(item, path, source_position, errors) for path, item in items]
    return None if any(reading is None for reading in readings) else readings


def _reading(selector, path, source_position, errors) -> Reading | None:
    if not isinstance(selector, dict):
        errors[path] = "A selector is an object with a type."
        return None
    kind = selector.get("type")
    if kind == FRAGMENT:
        return _fragment_reading(selector, path, source_position, errors)
    if kind in (QUOTE, POSITION):
        reading = Reading(path, source_position)
        if kind == POSITION and source_position is None:
            errors[path] = (
                "Positions count in a paragraph: put the TextPositionSelector in the refinedBy "
                "of a FragmentSelector, or give the paragraph's IRI as the source."
            )
            return None
        (reading.quotes if kind == QUOTE else reading.positions).append((path, selector))
        return reading if "refinedBy" not in selector else _no_refining(path, errors)
    errors[f"{path}.type"] = (
        f"“{kind}” is not taken here: use a FragmentSelector “p<number>”, a TextQuoteSelector "
        "or a TextPositionSelector."
    )
    return None


def _no_refining(path, errors):
    errors[f"{path}.refinedBy"] = "Only a FragmentSelector is refined here."
    return None


def _fragment_reading(selector, path, source_position, errors) -> Reading | None:
    conforms = selector.get("conformsTo", RFC3986)
    if conforms != RFC3986:
        errors[f"{path}.conformsTo"] = f"The fragment is an RFC 3986 fragment ({RFC3986})."
        return None
    value = selector.get("value")
    match = PARAGRAPH_FRAGMENT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        errors[f"{path}.value"] = f"“{value}” names no paragraph: paragraphs are p1, p2, …"
        return None
    position = int(match.group(1))
    if source_position is not None and source_position != position:
        errors[f"{path}.value"] = f"The source is paragraph {source_position}, not {value}."
        return None
    reading = Reading(path, position, position_path=f"{path}.value")
    refined = selector.get("refinedBy")
    if refined is None:
        return reading
    refinements = refined if isinstance(refined, list) else [refined]
    for index, item in enumerate(refinements):
        item_path = f"{path}.refinedBy" + (f"[{index}]" if isinstance(refined, list) else "")
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in (QUOTE, POSITION) or "refinedBy" in item:
            errors[item_path] = (
                "A paragraph is refined by a TextQuoteSelector or a TextPositionSelector."
            )
            return None
        (reading.quotes if kind == QUOTE else reading.positions).append((item_path, item))
    return reading


# -- matching them against the text ----------------------------------------------------------


def _resolve(article: Article, readings: list[Reading], errors) -> TargetSpan | None:
    named = {reading.position for reading in readings if reading.position is not None}
    if len(named) > 1:
        listed = ", ".join(f"p{position}" for position in sorted(named))
        errors["target.selector"] = f"The selectors name different paragraphs ({listed})."
        return None
    quotes = [quote for reading in readings for quote in reading.quotes]
    positions = [position for reading in readings for position in reading.positions]
    if named:
        position = named.pop()
        where = next(r.position_path for r in readings if r.position == position)
        paragraph = _paragraph(article, position, where, errors)
    else:
        paragraph = _paragraph_of_quote(article, quotes, errors)
    if paragraph is None:
        return None
    return _span(paragraph, quotes, positions, errors)


def _paragraph_of_quote(article: Article, quotes, errors) -> Paragraph | None:
    """The one paragraph in which a page-level quote (with its context) stands."""
    path, selector = quotes[0]
    exact = selector.get("exact")
    if not isinstance(exact, str) or not exact:
        errors[f"{path}.exact"] = "Give the quoted words."
        return None
    matching = [
        paragraph
        for paragraph in article.paragraphs.order_by("position")
        if _starts(paragraph.text, selector)
    ]
    if len(matching) != 1:
        errors[f"{path}.exact"] = (
            "These words, with the prefix and suffix given, occur in "
            + (f"{len(matching)} paragraphs" if matching else "no paragraph")
            + f" of “{article.slug}”; add a FragmentSelector “p<number>” for the paragraph."
        )
        return None
    return matching[0]


def _agrees_before(text: str, start: int, prefix: str) -> bool:
    before = text[:start]
    # A client's prefix may reach back past the paragraph's start (into the page around it).
    return before.endswith(prefix) or (len(prefix) > len(before) and prefix.endswith(before))


def _agrees_after(text: str, end: int, suffix: str) -> bool:
    after = text[end:]
    return after.startswith(suffix) or (len(suffix) > len(after) and suffix.startswith(after))


def _starts(text: str, selector: dict, key: str | None = None) -> list[int]:
    """Where the selector's exact words stand in text with its prefix (and suffix) around."""
    exact = selector.get("exact", "")
    prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
    return [
        start
        for start in quote_find_in(text, exact)
        if (key == "suffix" or _agrees_before(text, start, prefix))
        and (key == "prefix" or _agrees_after(text, start + len(exact), suffix))
    ]


def _quote_starts(paragraph: Paragraph, path: str, selector: dict, errors) -> list[int] | None:
    exact = selector.get("exact")
    where = f"paragraph {paragraph.position}"
    if not isinstance(exact, str) or not exact:
        errors[f"{path}.exact"] = "Give the quoted words."
        return None
    for key in ("prefix", "suffix"):
        if not isinstance(selector.get(key, ""), str):
            errors[f"{path}.{key}"] = f"The {key} is a string."
            return None
    try:
        span_resolve(paragraph, exact, None)
    except ValidationError as error:
        errors[f"{path}.exact"] = " ".join(error.message_dict["quote"])
        return None
    starts = _starts(paragraph.text, selector)
    if not starts:
        for key in ("prefix", "suffix"):
            if selector.get(key) and not _starts(paragraph.text, selector, key):
                errors[f"{path}.{key}"] = (
                    f"In {where} the text {'before' if key == 'prefix' else 'after'} these "
                    f"words is not “{selector[key]}”."
                )
                return None
        errors[path] = f"The prefix and suffix stand around different occurrences in {where}."
        return None
    return starts


def _position_span(paragraph: Paragraph, path: str, selector: dict, errors):
    start, end = selector.get("start"), selector.get("end")
    length = len(paragraph.text)
    for key, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[f"{path}.{key}"] = f"The {key} is a whole number, 0 or more."
            return None
    if not start < end <= length:
        errors[f"{path}.end" if end > length else f"{path}.start"] = (
            f"{start} to {end} is outside paragraph {paragraph.position}, which has {length} "
            "characters (Unicode code points), or ends before it starts."
        )
        return None
    return start, end


def _span(paragraph: Paragraph, quotes, positions, errors) -> TargetSpan | None:
    for path, selector in quotes:  # words before they are compared (a list is no quote)
        if not isinstance(selector.get("exact"), str) or not selector["exact"]:
            errors[f"{path}.exact"] = "Give the quoted words."
            return None
    exacts = {selector["exact"] for _, selector in quotes}
    if len(exacts) > 1:
        errors["target.selector"] = "The selectors quote different words."
        return None
    starts = None
    for path, selector in quotes:
        found = _quote_starts(paragraph, path, selector, errors)
        if found is None:
            return None
        starts = found if starts is None else [s for s in starts if s in found] or found
    exact = next(iter(exacts)) if exacts else None
    chosen = starts[0] if starts else None
    for path, selector in positions:
        span = _position_span(paragraph, path, selector, errors)
        if span is None:
            return None
        start, end = span
        words = paragraph.text[start:end]
        if exact is None:
            exact = words
        elif words != exact or (starts is not None and start not in starts):
            errors[path] = (
                f"Characters {start} to {end} of paragraph {paragraph.position} are “{words}”, "
                "not the quoted words where the quote stands."
            )
            return None
        chosen = start
    if exact is None:
        return TargetSpan(paragraph)
    return TargetSpan(paragraph, quote_exact=exact, quote_start=chosen)
