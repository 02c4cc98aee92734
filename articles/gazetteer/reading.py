"""Read the gazetteer's data files (and pycountry) into plain records; no Django."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
# Names written family name first; for these both orders and the joined given name are added.
FAMILY_FIRST = frozenset({"KR", "KP", "CN", "TW", "JP"})
NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "s")


@dataclass(frozen=True)
class TermRecord:
    office: str
    country: str  # ISO alpha-2, "" for none
    start: date
    end: date | None = None


@dataclass(frozen=True)
class LeaderRecord:
    key: str
    name: str
    family_name: str
    country: str
    aliases: tuple[str, ...]
    terms: tuple[TermRecord, ...]
    # Terms as an earlier release shipped them, before a source corrected them.
    superseded: tuple[TermRecord, ...] = ()


@dataclass(frozen=True)
class CountryRecord:
    key: str  # the ISO alpha-2 code
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AgendaRecord:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...]
    clues: tuple[str, ...]
    since: date | None = None
    superseded_clues: tuple[str, ...] = ()
    superseded_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    leaders: tuple[LeaderRecord, ...]
    countries: tuple[CountryRecord, ...]
    agenda: tuple[AgendaRecord, ...]
    offices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    shields: tuple[str, ...] = ()


def _unique(names, *, besides: str = "") -> tuple[str, ...]:
    """The names in order, each once, without `besides` (the entity's own name)."""
    return tuple(n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n and n != besides)


def name_variants(family: str, given: str, *, both_orders: bool) -> list[str]:
    """ "Lee Jae-myung" and "Lee Jaemyung" (and "Jae-myung Lee", "Jaemyung Lee" for both orders).

    Hyphen, space and case variants need nothing: the matcher reads them alike.
    """
    givens = [given]
    if "-" in given or " " in given:
        parts = given.replace("-", " ").split()
        givens.append(parts[0] + "".join(part.lower() for part in parts[1:]))
    variants = [f"{family} {g}" for g in givens]
    if both_orders:
        variants += [f"{g} {family}" for g in givens]
    return variants


def plural(demonym: str) -> str | None:
    """ "Koreans" for "Korean"; None for "Chinese", "British", "French", "Swiss"."""
    if demonym.endswith(NO_PLURAL_ENDINGS):
        return None
    return demonym + "s"


def _leader(entry: dict) -> LeaderRecord:
    country = entry.get("country", "")
    generated = []
    if entry.get("given_name") and entry.get("family_name"):
        generated = name_variants(
            entry["family_name"], entry["given_name"], both_orders=country in FAMILY_FIRST
        )

    def terms(field: str) -> tuple[TermRecord, ...]:
        return tuple(
            TermRecord(
                office=term["office"],
                country=term.get("country", country),
                start=term["start"],
                end=term.get("end"),
            )
            for term in entry.get(field, ())
        )

    return LeaderRecord(
        key=entry["key"],
        name=entry["name"],
        family_name=entry.get("family_name", ""),
        country=country,
        aliases=_unique([*generated, *entry.get("aliases", ())], besides=entry["name"]),
        terms=terms("terms"),
        superseded=terms("superseded"),
    )


def _usable(name: str | None) -> bool:
    """pycountry's inverted names ("Korea, Republic of") and parenthesised ones are not text."""
    return bool(name) and "," not in name and "(" not in name


def _countries(extra: dict[str, dict]) -> list[CountryRecord]:
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        own = extra.get(code, {})
        names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        usable = [n for n in names if _usable(n)]
        name = own.get("name") or usable[0]
        demonyms = own.get("demonyms", ())
        plurals = [p for p in map(plural, demonyms) if p]
        aliases = _unique([*usable, *own.get("aliases", ()), *demonyms, *plurals], besides=name)
        records.append(CountryRecord(key=code, name=name, aliases=aliases))
    return records


def _agenda(entry: dict) -> AgendaRecord:
    return AgendaRecord(
        key=entry["key"],
        name=entry["name"],
        description=entry.get("description", ""),
        aliases=_unique(entry.get("aliases", ()), besides=entry["name"]),
        clues=tuple(entry.get("clues", ())),
        since=entry.get("since"),
        superseded_clues=tuple(entry.get("superseded_clues", ())),
        superseded_aliases=tuple(entry.get("superseded_aliases", ())),
    )


@cache
def _file(name: str) -> dict:
    with (HERE / name).open("rb") as stream:
        return tomllib.load(stream)


@cache
def offices_read() -> dict[str, tuple[str, ...]]:
    """Office name: the title forms that, with a surname, name its holder."""
    return {office: tuple(forms) for office, forms in _file("leaders.toml")["offices"].items()}


@cache
def shields_read() -> tuple[str, ...]:
    """Phrases that tag nothing and outrank the shorter names inside them."""
    return tuple(_file("countries.toml")["shields"])


@cache
def personal_names_read() -> tuple[str, ...]:
    """Country names that are also people's names (see countries.toml)."""
    return tuple(_file("countries.toml").get("personal_names", ()))


@cache
def gazetteer_read() -> Gazetteer:
    """The shipped gazetteer (read once per process)."""
    return Gazetteer(
        leaders=tuple(_leader(entry) for entry in _file("leaders.toml")["leader"]),
        countries=tuple(_countries(_file("countries.toml")["countries"])),
        agenda=tuple(_agenda(entry) for entry in _file("agenda.toml")["item"]),
        offices=offices_read(),
        shields=shields_read(),
    )


def clue_groups(line: str) -> tuple[tuple[str, ...], ...]:
    """ "Fukushima + seafood | fish + ban" as (("Fukushima",), ("seafood", "fish"), ("ban",))."""
    rule = line.partition("!")[0]
    groups = (_alternatives(group) for group in rule.split("+"))
    return tuple(g for g in groups if g)


def clue_exceptions(line: str) -> tuple[str, ...]:
    """The phrases after "!" in a clue line: clue words inside them do not count
    ("... + tariffs ! retaliatory tariffs" is not tagged for "retaliatory tariffs")."""
    return _alternatives(line.partition("!")[2])


def _alternatives(text: str) -> tuple[str, ...]:
    return tuple(p for p in (part.strip() for part in text.split("|")) if p)
