"""Preview an upload: what each file would become, worked out without writing anything.

Files are parsed one by one (never all in memory) and looked up in chunks; the plan keeps a
summary per file (no paragraphs) and is stored as JSON beside the held upload, so that
confirm can check that nothing changed and import exactly these files. A row is its file's
position in the upload and the file's origin (held file, member), never its name: names repeat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from itertools import islice
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError

from articles.importing import Candidate, length_problem
from articles.models import Article, Paragraph
from articles.parsing import EditorialFormatError, ParsedEditorial, parse_editorial
from articles.sources import SourceError, SourceFile
from imports.uploads import HeldUpload, UploadGone, UploadNotHeld

KST = ZoneInfo("Asia/Seoul")
logger = logging.getLogger(__name__)
LOOKUP_CHUNK = 500

NEW, UPDATE, UNCHANGED, REFUSED = "new", "update", "unchanged", "refused"


@dataclass
class PlanRow:
    """What one file would become; `base_hash` is the archived version the fate was judged on,
    `origin` the file's (held file index, member index) in the upload."""

    position: int
    name: str
    fate: str
    origin: list[int] = field(default_factory=list)
    reason: str = ""
    line: int | None = None
    label: str = ""
    title: str = ""
    published_kst: str = ""
    paragraph_count: int = 0
    deck: list[str] = field(default_factory=list)
    caption_credit: str = ""
    import_key: str = ""
    content_hash: str = ""
    slug: str = ""
    base_hash: str = ""
    changes: list[str] = field(default_factory=list)
    entity_ids: list[list] = field(default_factory=list)  # [kind, id] pairs
    entities: list[str] | None = None  # names; None when tagging cannot be previewed

    @property
    def hidden_by_filter(self) -> bool:
        return self.fate in (UNCHANGED, REFUSED)


@dataclass
class Plan:
    rows: list[PlanRow]

    def count(self, fate: str) -> int:
        return sum(1 for row in self.rows if row.fate == fate)

    @property
    def counts(self) -> dict[str, int]:
        return {fate: self.count(fate) for fate in (NEW, UPDATE, UNCHANGED, REFUSED)}

    def save(self, held: HeldUpload) -> None:
        """Store the plan with the held upload; `UploadNotHeld` (and nothing kept) if it fails."""
        try:
            held.plan_save([asdict(row) for row in self.rows])
        except DatabaseError as error:
            held.discard()
            logger.error("Cannot store the plan of upload %s: %s", held.token, error)
            raise UploadNotHeld(error) from error

    @classmethod
    def load(cls, held: HeldUpload) -> Plan:
        """The stored plan, or `UploadGone` when it is missing, unreadable or from before
        files were told apart by origin."""
        try:
            rows = [PlanRow(**row) for row in held.plan_rows() or []]
        except TypeError:
            rows = []
        if not rows or any(not row.origin for row in rows):
            raise UploadGone("The preview of this upload cannot be read; upload the files again.")
        return cls(rows=rows)

    def positions_by_origin(self) -> dict[tuple[int, ...], int]:
        """Each planned file's position, found by the origin of its source."""
        return {tuple(row.origin): row.position for row in self.rows}


def refused_row(source: SourceFile, reason: str, line: int | None = None) -> PlanRow:
    return PlanRow(
        position=0,
        name=source.name,
        origin=list(source.origin),
        fate=REFUSED,
        reason=reason,
        line=line,
    )


def parsed(source: SourceFile) -> ParsedEditorial | PlanRow:
    """The file's editorial, or a refused row with the reason and line."""
    try:
        editorial = parse_editorial(source.read())
    except SourceError as error:
        return refused_row(source, str(error))
    except EditorialFormatError as error:
        return refused_row(source, error.reason, error.line)
    if problem := length_problem(editorial):
        return refused_row(source, problem)
    return editorial


def described(candidate: Candidate) -> PlanRow:
    editorial = candidate.editorial
    return PlanRow(
        position=0,
        name=candidate.name,
        origin=list(candidate.origin),
        fate=NEW,
        label=editorial.label,
        title=editorial.title,
        published_kst=f"{editorial.published_at.astimezone(KST):%Y-%m-%d %H:%M} KST",
        paragraph_count=len(editorial.paragraphs),
        deck=list(editorial.deck),
        caption_credit=editorial.caption.credit if editorial.caption else "",
        import_key=candidate.import_key,
        content_hash=candidate.content_hash,
    )


def paragraph_changes(old: list[str], new: list[str]) -> list[str]:
    """Which paragraphs a correction changes, adds and removes, said by position."""
    changed, added, removed = [], [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "replace":
            changed.extend(range(j1 + 1, min(j2, j1 + i2 - i1) + 1))
            added.extend(range(j1 + 1 + i2 - i1, j2 + 1))
            removed.extend(range(i1 + 1 + j2 - j1, i2 + 1))
        elif tag == "insert":
            added.extend(range(j1 + 1, j2 + 1))
        elif tag == "delete":
            removed.extend(range(i1 + 1, i2 + 1))
    said = []
    for word, positions in (("changed", changed), ("added", added), ("removed", removed)):
        if positions:
            said.append(f"paragraphs {word}: {', '.join(map(str, positions))}")
    return said


def judged(row: PlanRow, candidate: Candidate, article: Article, old_texts: list[str]) -> None:
    """Set the row's fate against the archived article, as the import service would judge it."""
    editorial = candidate.editorial
    row.slug, row.base_hash = article.slug, article.content_hash
    if article.content_hash == candidate.content_hash:
        row.fate = UNCHANGED
        return
    if article.revised_at and editorial.revised_at and editorial.revised_at < article.revised_at:
        row.fate = REFUSED
        row.reason = (
            f"older than the archived version of {article.slug} (Updated "
            f"{editorial.revised_at.astimezone(KST):%Y-%m-%d %H:%M:%S} is before "
            f"{article.revised_at.astimezone(KST):%Y-%m-%d %H:%M:%S})"
        )
        return
    row.fate = UPDATE
    if article.title != editorial.title:
        row.changes.append(f"title: “{article.title}” → “{editorial.title}”")
    if article.revised_at != editorial.revised_at:
        old = f"{article.revised_at.astimezone(KST):%Y-%m-%d %H:%M}" if article.revised_at else "—"
        new = (
            f"{editorial.revised_at.astimezone(KST):%Y-%m-%d %H:%M}"
            if editorial.revised_at
            else "—"
        )
        row.changes.append(f"revised: {old} → {new}")
    row.changes.extend(paragraph_changes(old_texts, list(editorial.paragraphs)))
    if not row.changes:
        row.changes.append("deck, caption or other details")


def entity_finder() -> Callable[[ParsedEditorial], list[list]] | None:
    """A function giving the [kind, id] pairs an editorial's paragraphs would be tagged with,
    using the import's own matcher; None where the archive has no automatic tagging."""
    try:
        from articles.tagging import article_date, matcher_current, mentions_find
    except ImportError:
        return None
    matcher = matcher_current()

    def find(editorial: ParsedEditorial) -> list[list]:
        found = mentions_find(
            matcher=matcher,
            on=article_date(editorial.published_at),
            paragraphs=enumerate(editorial.paragraphs, start=1),
        )
        return sorted([kind, id_] for kind, id_ in {(m.target.kind, m.target.id) for _, m in found})

    return find


def entities_name(rows: list[PlanRow]) -> None:
    """Fill each row's entity names from its [kind, id] pairs, with one query per kind."""
    from articles.models import KINDS

    wanted: dict[str, set[int]] = {}
    for row in rows:
        for kind, id_ in row.entity_ids:
            wanted.setdefault(kind, set()).add(id_)
    names = {
        kind: dict(KINDS[kind].entity.objects.filter(id__in=ids).values_list("id", "name"))
        for kind, ids in wanted.items()
    }
    for row in rows:
        if row.fate != REFUSED:
            row.entities = [f"{names[kind].get(id_, '?')} ({kind})" for kind, id_ in row.entity_ids]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def plan_make(*, sources: Iterable[SourceFile]) -> Plan:
    """Work out each file's fate; reads the database, writes nothing."""
    rows: list[PlanRow] = []
    seen: dict[str, PlanRow] = {}
    limit = settings.IMPORT_MAX_EDITORIALS
    find_entities = entity_finder()
    for chunk in chunked(sources, LOOKUP_CHUNK):
        pending: list[tuple[PlanRow, Candidate]] = []
        for source in chunk:
            if len(rows) >= limit:
                rows.append(
                    refused_row(
                        source, f"the upload holds more than {limit:,} editorials; not read"
                    )
                )
                continue
            result = parsed(source)
            if isinstance(result, PlanRow):
                rows.append(result)
                continue
            candidate = Candidate.of(source.name, result, source.origin)
            row = described(candidate)
            row.position = len(rows) + 1  # known now: a later row may refer to this one by it
            if find_entities:
                row.entity_ids = find_entities(result)
            rows.append(row)
            pending.append((row, candidate))
        plan_against_archive(pending, seen)
    for position, row in enumerate(rows, start=1):
        row.position = position
    if find_entities:
        entities_name(rows)
    return Plan(rows=rows)


def plan_against_archive(pending: list[tuple[PlanRow, Candidate]], seen: dict) -> None:
    """Judge a chunk of parsed files against the archive and against earlier files."""
    keys = [candidate.import_key for _, candidate in pending]
    existing = Article.objects.in_bulk(keys, field_name="import_key")
    texts: dict[int, list[str]] = {}
    for article_id, text in (
        Paragraph.objects.filter(article__in=list(existing.values()))
        .order_by("article_id", "position")
        .values_list("article_id", "text")
    ):
        texts.setdefault(article_id, []).append(text)
    for row, candidate in pending:
        earlier = seen.get(candidate.import_key)
        if earlier is not None:
            row.fate = UNCHANGED if earlier.content_hash == candidate.content_hash else UPDATE
            if row.fate == UPDATE:
                row.changes.append(
                    f"a later version of file #{earlier.position} ({earlier.name}) in this upload"
                )
        elif (article := existing.get(candidate.import_key)) is not None:
            judged(row, candidate, article, texts.get(article.id, []))
        if row.fate != REFUSED:
            seen[candidate.import_key] = row


def preview_paragraphs(*, held: HeldUpload, rows: Iterable[PlanRow]) -> dict[int, list[str]]:
    """The paragraphs of the given rows by position, read again from the held upload (for the
    page shown); each row's file is found by its origin, so files of one name stay apart."""
    wanted = {tuple(row.origin): row.position for row in rows if row.fate != REFUSED}
    found: dict[int, list[str]] = {}
    if not wanted:
        return found
    with held.sources() as sources:
        for source in sources:
            if (position := wanted.get(source.origin)) is not None:
                result = parsed(source)
                if not isinstance(result, PlanRow):
                    found[position] = list(result.paragraphs)
    return found
