"""Leaders found by what an editor types in a claim's form: a whole name or alias picks the
claimant, the start of one gives suggestions.

Names compare as the tagger compares them (articles.matching.normalise): case, accents,
hyphens and punctuation aside, so "abe shinzo" is "Abe Shinzo" and "Lee Jae myung" is
"Lee Jae-myung". A name two leaders share is told apart by a country in brackets, "Lee
(South Korea)", or, if they share that too, by the leader's address on the site. Everything
but `leaders_load` is plain Python over `Entry` rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from articles.matching import normalise
from articles.models import Leader

SUGGESTIONS = 10
# Longer than any leader's name (100 characters) with a country after it.
TYPED_MAX_CHARS = 250
# A suggestion query is the start of a name: a leader's name is at most 100 characters.
QUERY_MAX_CHARS = 100
QUERY_MIN_CHARS = 2


@dataclass(frozen=True)
class Entry:
    """One leader as the lookup reads them: `keys` are their name's and aliases' keys."""

    id: int
    name: str
    country: str
    slug: str
    keys: tuple[str, ...]


class UnknownLeader(ValueError):
    """No leader has the typed name."""


class AmbiguousLeader(ValueError):
    """Several leaders have the typed name; `candidates` are the labels that tell them apart."""

    def __init__(self, typed: str, candidates: list[str]):
        super().__init__(typed)
        self.candidates = candidates


def name_key(text: str) -> str:
    """A name as the matcher compares it: lower case, no accents, single spaces."""
    return " ".join(normalise(text).split())


def entry_of(*, id: int, name: str, aliases, country: str | None, slug: str) -> Entry:
    keys = tuple(dict.fromkeys(key for text in [name, *aliases] if (key := name_key(text))))
    return Entry(id=id, name=name, country=country or "", slug=slug, keys=keys)


def leaders_load() -> list[Entry]:
    """Every leader, in one query (the gazetteer holds a few hundred)."""
    rows = Leader.objects.order_by("name").values_list(
        "id", "name", "aliases", "country__name", "slug"
    )
    return [
        entry_of(id=id_, name=name, aliases=aliases or (), country=country, slug=slug)
        for id_, name, aliases, country, slug in rows
    ]


def labels(entries: list[Entry]) -> dict[int, str]:
    """What names each leader alone: their name, with the country in brackets when another
    leader has that name (or alias), with their address's slug when the country is shared too."""
    holders = Counter(key for entry in entries for key in entry.keys)
    shared_with_country = Counter(
        (key, name_key(entry.country)) for entry in entries for key in entry.keys
    )
    result = {}
    for entry in entries:
        key = name_key(entry.name)
        if holders[key] <= 1:
            result[entry.id] = entry.name
        elif entry.country and shared_with_country[(key, name_key(entry.country))] <= 1:
            result[entry.id] = f"{entry.name} ({entry.country})"
        else:
            result[entry.id] = f"{entry.name} ({entry.slug})"
    return result


def _split_bracket(typed: str) -> tuple[str, str] | None:
    """ "Lee (South Korea)" as ("Lee", "South Korea"); None without a closing bracket."""
    text = typed.strip()
    if not text.endswith(")") or "(" not in text:
        return None
    name, _, rest = text[:-1].rpartition("(")
    return (name, rest) if name.strip() and rest.strip() else None


def candidate_label(entry: Entry, label: str) -> str:
    """How an error lists a candidate: always with something beside the name."""
    if label != entry.name or not entry.country:
        return label
    return f"{entry.name} ({entry.country})"


def leader_find(typed: str, entries: list[Entry]) -> Entry:
    """The one leader `typed` names: a label, a name or alias, or a name with its country or
    slug in brackets. UnknownLeader if none; AmbiguousLeader, with labels, if several."""
    key = name_key(typed)
    if not key:
        raise UnknownLeader(typed)
    by_label = labels(entries)
    exact = [entry for entry in entries if name_key(by_label[entry.id]) == key]
    if len(exact) == 1:
        return exact[0]
    candidates = [entry for entry in entries if key in entry.keys]
    if not candidates and (parts := _split_bracket(typed)):
        name, beside = name_key(parts[0]), name_key(parts[1])
        candidates = [
            entry
            for entry in entries
            if name in entry.keys and beside in (name_key(entry.country), name_key(entry.slug))
        ]
    if not candidates:
        raise UnknownLeader(typed)
    if len(candidates) > 1:
        raise AmbiguousLeader(
            typed, [candidate_label(entry, by_label[entry.id]) for entry in candidates]
        )
    return candidates[0]


def suggestions(typed: str, entries: list[Entry], limit: int = SUGGESTIONS) -> list[dict]:
    """Up to `limit` leaders a name or alias of whom starts with `typed`, or has a word that
    does: those whose name starts so first, then by alias, then by a later word."""
    key = name_key(typed)
    if len(key) < QUERY_MIN_CHARS:
        return []
    ranked = []
    for entry in entries:
        name = name_key(entry.name)
        aliases = [alias for alias in entry.keys if alias != name]
        if name.startswith(key):
            rank = 0
        elif any(alias.startswith(key) for alias in aliases):
            rank = 1
        elif any(f" {key}" in f" {text}" for text in entry.keys):
            rank = 2
        else:
            continue
        ranked.append((rank, entry.name.casefold(), entry))
    ranked.sort(key=lambda item: item[:2])
    by_label = labels(entries) if ranked else {}
    return [
        {
            "id": entry.id,
            "name": entry.name,
            "country": entry.country,
            "label": by_label[entry.id],
        }
        for _, _, entry in ranked[:limit]
    ]


def leader_resolve(typed: str) -> Leader | None:
    """The Leader an editor's typed name picks; None for an empty box. Raises UnknownLeader
    or AmbiguousLeader."""
    if not typed.strip():
        return None
    entry = leader_find(typed, leaders_load())
    return Leader.objects.get(pk=entry.id)


def leader_label(leader: Leader) -> str:
    """What the form's box shows for a leader already picked: the text that names them alone."""
    entries = leaders_load()
    return labels(entries).get(leader.pk, leader.name)
