"""Write the shipped gazetteer into the database, adding what is missing and keeping edits.

An entity is recognised by its gazetteer key (also after an editor renamed it or merged it
into another), else by its exact name (an entity an editor or a test created first). Found
entities gain the aliases, clue lines, terms and blank fields they lack; names, descriptions
and slugs that editors changed are left alone; no entity is ever deleted. A term stored
exactly as an earlier release shipped it before a source corrected it (`superseded` in
leaders.toml) is brought to the corrected dates, or removed if the sources showed it never
happened; a term an editor changed is left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from articles.gazetteer.reading import Gazetteer, gazetteer_read
from articles.models import AgendaItem, Country, Entity, Leader, LeaderTerm
from articles.page_versions import entities_bump


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    terms: int = 0
    corrected: int = 0

    def summary(self) -> str:
        parts = [
            f"{label}: {self.created[kind]} new, {self.updated[kind]} updated"
            for kind, label in (
                ("leader", "leaders"),
                ("country", "countries"),
                ("agenda", "agenda items"),
            )
        ]
        return "; ".join(parts) + f"; {self.terms} new terms, {self.corrected} corrected"


class _Index:
    """The entities of one kind, found by gazetteer key (merged keys too) or by name."""

    def __init__(self, model: type[Entity]):
        self.model = model
        self.by_key: dict[str, Entity] = {}
        self.by_name: dict[str, Entity] = {}
        self.slugs: set[str] = set()
        self.adopted: set[Entity] = set()  # found by name, now given their gazetteer key
        for entity in model.objects.all():
            for key in [entity.key, *entity.merged_keys]:
                if key:
                    self.by_key[key] = entity
            self.by_name[entity.name] = entity
            self.slugs.add(entity.slug)

    def find(self, key: str, name: str) -> Entity | None:
        entity = self.by_key.get(key) or self.by_name.get(name)
        if entity is not None and not entity.key and key not in self.by_key:
            entity.key = key
            self.by_key[key] = entity
            self.adopted.add(entity)
        return entity

    def new(self, key: str, name: str, **fields) -> Entity:
        entity = self.model(key=key, name=name, **fields)
        slug, number = entity.slugify(name), 1
        while slug in self.slugs:
            slug, number = entity.slugify(name, number), number + 1
        entity.slug = slug
        self.slugs.add(slug)
        self.by_key[key] = self.by_name[name] = entity
        return entity


def _merged(stored: list[str], shipped, superseded=(), besides: str = "") -> list[str]:
    """The stored lines (editors' own among them) without those an earlier release shipped
    that turned out wrong, followed by the shipped lines still missing."""
    kept = [line for line in stored if line not in superseded]
    return [*kept, *(line for line in shipped if line not in kept and line != besides)]


def _with_aliases(entity: Entity, aliases, superseded=()) -> bool:
    """Add the aliases the entity lacks and drop `superseded_aliases`; whether any changed."""
    merged = _merged(entity.aliases, aliases, superseded, besides=entity.name)
    changed, entity.aliases = merged != entity.aliases, merged
    return changed


def _with_clues(item: AgendaItem, clues, superseded=()) -> bool:
    """Add the clue lines the item lacks (a widened rule arrives as a new line) and drop
    `superseded_clues`; whether any changed."""
    merged = _merged(item.clues, clues, superseded)
    changed, item.clues = merged != item.clues, merged
    return changed


def _fill(entity: Entity, **values) -> bool:
    """Set the fields that are still blank; whether any was."""
    changed = False
    for name, value in values.items():
        if value and not getattr(entity, name):
            setattr(entity, name, value)
            changed = True
    return changed


def _save(model, report: LoadReport, kind: str, new: list, changed: list, fields: list[str]):
    model.objects.bulk_create(new)
    now = timezone.now()
    for entity in changed:
        entity.updated_at = now
    model.objects.bulk_update(changed, [*fields, "key", "aliases", "updated_at"])
    if new or changed:
        # Bulk writes send no signals: pages naming entities are made again (page_versions).
        entities_bump()
    report.created[kind] += len(new)
    report.updated[kind] += len(changed)


def gazetteer_load(*, gazetteer: Gazetteer | None = None) -> LoadReport:
    """Load the gazetteer (the shipped one unless given); safe to run again at any time."""
    gazetteer = gazetteer or gazetteer_read()
    report = LoadReport()
    with transaction.atomic():
        countries = _Index(Country)
        new, changed = [], []
        for record in gazetteer.countries:
            entity = countries.find(record.key, record.name)
            if entity is None:
                new.append(countries.new(record.key, record.name, code=record.key))
                new[-1].aliases = list(record.aliases)
            elif (
                _with_aliases(entity, record.aliases)
                | _fill(entity, code=record.key)
                | (entity in countries.adopted)
            ):
                changed.append(entity)
        _save(Country, report, "country", new, changed, ["code"])
        by_code = {c.code: c for c in Country.objects.exclude(code="")}

        leaders = _Index(Leader)
        new, changed = [], []
        for record in gazetteer.leaders:
            country = by_code.get(record.country)
            entity = leaders.find(record.key, record.name)
            if entity is None:
                entity = leaders.new(
                    record.key, record.name, family_name=record.family_name, country=country
                )
                entity.aliases = list(record.aliases)
                new.append(entity)
            elif (
                _with_aliases(entity, record.aliases)
                | _fill(entity, family_name=record.family_name, country=country)
                | (entity in leaders.adopted)
            ):
                changed.append(entity)
        _save(Leader, report, "leader", new, changed, ["family_name", "country"])
        report.corrected = _terms_correct(gazetteer, leaders, by_code)
        report.terms = _terms_load(gazetteer, leaders, by_code)

        items = _Index(AgendaItem)
        new, changed = [], []
        for record in gazetteer.agenda:
            entity = items.find(record.key, record.name)
            if entity is None:
                entity = items.new(
                    record.key,
                    record.name,
                    description=record.description,
                    clues=list(record.clues),
                    since=record.since,
                )
                entity.aliases = list(record.aliases)
                new.append(entity)
            elif (
                _with_aliases(entity, record.aliases, record.superseded_aliases)
                | _with_clues(entity, record.clues, record.superseded_clues)
                | _fill(entity, description=record.description, since=record.since)
                | (entity in items.adopted)
            ):
                changed.append(entity)
        _save(AgendaItem, report, "agenda", new, changed, ["description", "clues", "since"])
    return report


def _terms_correct(gazetteer: Gazetteer, leaders: _Index, by_code: dict[str, Country]) -> int:
    """Bring stored terms that still have superseded dates to the corrected term of the same
    office that is not stored yet (the one starting nearest), or remove them; how many."""
    corrected = 0
    for record in gazetteer.leaders:
        if not record.superseded:
            continue
        leader = leaders.by_key[record.key]
        stored = list(LeaderTerm.objects.filter(leader=leader))
        for old in record.superseded:
            row = next(
                (
                    t
                    for t in stored
                    if (t.office, t.start, t.end) == (old.office, old.start, old.end)
                ),
                None,
            )
            if row is None:
                continue  # never loaded, already corrected, or changed by an editor
            have = {(t.office, t.start, t.end) for t in stored}
            fresh = [
                t
                for t in record.terms
                if t.office == old.office and (t.office, t.start, t.end) not in have
            ]
            if fresh:
                term = min(fresh, key=lambda t: abs((t.start - old.start).days))
                row.start, row.end = term.start, term.end
                row.country = by_code.get(term.country)
                row.save()
            else:
                stored.remove(row)
                row.delete()
            corrected += 1
    return corrected


def _terms_load(gazetteer: Gazetteer, leaders: _Index, by_code: dict[str, Country]) -> int:
    """Add the terms each leader lacks (a term is known by its office and start)."""
    known = set(LeaderTerm.objects.values_list("leader_id", "office", "start"))
    terms = []
    for record in gazetteer.leaders:
        leader = leaders.by_key[record.key]
        for term in record.terms:
            if (leader.pk, term.office, term.start) not in known:
                known.add((leader.pk, term.office, term.start))
                terms.append(
                    LeaderTerm(
                        leader=leader,
                        office=term.office,
                        country=by_code.get(term.country),
                        start=term.start,
                        end=term.end,
                    )
                )
    LeaderTerm.objects.bulk_create(terms)
    return len(terms)
