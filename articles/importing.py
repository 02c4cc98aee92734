"""The import service: turn editorial files into articles, in batches, file by file all-or-nothing.

New articles are written in batches (one transaction and a few statements per batch) because
that is where the time goes in a bulk import; should a batch fail, its files are retried one
transaction each, so one bad file never spoils the others. Changed articles are updated one
by one, keeping the rows of paragraphs whose text did not change, and `paragraphs_changed`
is sent so that other apps can follow the text. Both paths tag what they write
(articles.tagging): new articles with a few statements per batch, updated ones again from
their new paragraphs, with the matcher built once per import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from django.db import DatabaseError, transaction

from articles.matching import Matcher
from articles.models import Article, Paragraph
from articles.models.articles import CAPTION_MAX_CHARS, PARAGRAPH_MAX_CHARS
from articles.page_versions import articles_bump
from articles.paragraphs import paragraphs_replace
from articles.parsing import EditorialFormatError, ParsedEditorial, parse_editorial
from articles.planner_statistics import planner_statistics_refresh
from articles.slugs import unique_slugs
from articles.sources import SourceError, SourceFile
from articles.tagging import (
    Found,
    article_date,
    article_retag,
    matcher_current,
    mentions_find,
    tags_write,
)

BATCH_SIZE = 500


class Fate(StrEnum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: its fate, the article it made or matched, or why it failed."""

    name: str
    fate: Fate
    reason: str = ""
    slug: str = ""
    origin: tuple[int, ...] = ()  # the source's origin: names can repeat, origins cannot


@dataclass
class ImportReport:
    """How many files met each fate, and the refused ones with their reasons. Only the
    failures are kept, so that an import's memory does not grow with the files it imports
    (`on_file_done` hears of every outcome)."""

    counts: Counter = field(default_factory=Counter)
    failures: list[FileOutcome] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        self.counts[outcome.fate] += 1
        if outcome.fate is Fate.FAILED:
            self.failures.append(outcome)

    def count(self, fate: Fate) -> int:
        return self.counts[fate]

    def summary(self) -> str:
        return ", ".join(f"{fate.value} {self.count(fate)}" for fate in Fate)


@dataclass(frozen=True)
class Candidate:
    """A file that parsed, waiting to be written, with its key and fingerprint worked out once."""

    name: str
    editorial: ParsedEditorial
    import_key: str
    content_hash: str
    origin: tuple[int, ...] = ()

    @classmethod
    def of(cls, name: str, editorial: ParsedEditorial, origin: tuple[int, ...] = ()) -> Candidate:
        return cls(name, editorial, import_key_for(editorial), editorial.content_hash(), origin)


def import_key_for(editorial: ParsedEditorial) -> str:
    """Identifies an editorial across corrected versions: its paper and its Input time."""
    return f"{editorial.publication}|{editorial.published_at.isoformat()}"


def article_fields(candidate: Candidate) -> dict:
    """The Article field values a parsed file sets (everything but the slug)."""
    editorial, caption = candidate.editorial, candidate.editorial.caption
    return {
        "import_key": candidate.import_key,
        "content_hash": candidate.content_hash,
        "label": editorial.label,
        "title": editorial.title,
        "publication": editorial.publication,
        "published_at": editorial.published_at,
        "revised_at": editorial.revised_at,
        "dateline": editorial.page_date,
        "deck": list(editorial.deck),
        "caption_text": caption.text if caption else "",
        "caption_credit": caption.credit if caption else "",
        "layout": editorial.layout,
        "source_name": candidate.name[-500:],
    }


def length_problem(editorial: ParsedEditorial) -> str | None:
    """The first field too long for its column, said as a reader would, or None."""
    for field_name, value in (
        ("label", editorial.label),
        ("title", editorial.title),
        ("caption_credit", editorial.caption.credit if editorial.caption else ""),
    ):
        limit = Article._meta.get_field(field_name).max_length
        if len(value) > limit:
            label = field_name.replace("_", " ")
            return f"{label} is {len(value):,} characters long; the limit is {limit:,}"
    # The limits editors have in the admin hold for imported text too, so that every
    # imported editorial can be corrected there.
    caption = editorial.caption.text if editorial.caption else ""
    if len(caption) > CAPTION_MAX_CHARS:
        return f"caption is {len(caption):,} characters long; the limit is {CAPTION_MAX_CHARS:,}"
    for position, text in enumerate(editorial.paragraphs, start=1):
        if len(text) > PARAGRAPH_MAX_CHARS:
            return (
                f"paragraph {position} is {len(text):,} characters long; "
                f"the limit is {PARAGRAPH_MAX_CHARS:,}"
            )
    return None


def parse_source(source: SourceFile) -> Candidate | FileOutcome:
    try:
        editorial = parse_editorial(source.read())
    except (SourceError, EditorialFormatError) as error:
        return FileOutcome(
            name=source.name, fate=Fate.FAILED, reason=str(error), origin=source.origin
        )
    if problem := length_problem(editorial):
        return FileOutcome(name=source.name, fate=Fate.FAILED, reason=problem, origin=source.origin)
    return Candidate.of(source.name, editorial, source.origin)


def batches_with_distinct_keys(
    candidates: Iterable[Candidate], size: int
) -> Iterator[list[Candidate]]:
    """Batches in file order; a key seen again starts a new batch, so versions apply in order."""
    batch: list[Candidate] = []
    keys: set[str] = set()
    for candidate in candidates:
        if len(batch) >= size or candidate.import_key in keys:
            yield batch
            batch, keys = [], set()
        batch.append(candidate)
        keys.add(candidate.import_key)
    if batch:
        yield batch


def articles_create(
    candidates: list[Candidate], *, matcher: Matcher | None = None
) -> list[FileOutcome]:
    """Create new articles, their paragraphs and their tags with a few statements per batch."""
    slugs = unique_slugs([c.editorial for c in candidates])
    articles = [
        Article(slug=slug, **article_fields(candidate))
        for candidate, slug in zip(candidates, slugs, strict=True)
    ]
    # Matching is pure work: done before the transaction, so the write lock is held briefly.
    found = [
        mentions_find(
            matcher=matcher,
            on=article_date(candidate.editorial.published_at),
            paragraphs=enumerate(candidate.editorial.paragraphs, start=1),
        )
        if matcher
        else []
        for candidate in candidates
    ]
    with transaction.atomic():
        Article.objects.bulk_create(articles)
        Paragraph.objects.insert_rows(
            (article.id, position, text)
            for article, candidate in zip(articles, candidates, strict=True)
            for position, text in enumerate(candidate.editorial.paragraphs, start=1)
        )
        if any(found):
            tags_write(found=with_paragraph_ids(articles, found), fresh=True)
        # Bulk inserts send no signals: the lists that now show these editorials are told here.
        articles_bump([article.pk for article in articles])
    return [
        FileOutcome(
            name=candidate.name, fate=Fate.IMPORTED, slug=article.slug, origin=candidate.origin
        )
        for candidate, article in zip(candidates, articles, strict=True)
    ]


def with_paragraph_ids(articles: list[Article], found: list[list]) -> list[Found]:
    """Mentions found by paragraph position, pointed at the paragraph rows just inserted."""
    rows = Paragraph.objects.filter(article_id__in=[a.id for a in articles]).order_by()
    ids = {(a, p): pk for a, p, pk in rows.values_list("article_id", "position", "pk")}
    return [
        Found(article.id, [(ids[article.id, position], m) for position, m in mentions])
        for article, mentions in zip(articles, found, strict=True)
        if mentions
    ]


def article_update(
    *, article: Article, candidate: Candidate, matcher: Matcher | None = None
) -> FileOutcome:
    """Bring an archived article up to a corrected version of its file."""
    editorial = candidate.editorial
    if article.revised_at and editorial.revised_at and editorial.revised_at < article.revised_at:
        return FileOutcome(
            name=candidate.name,
            fate=Fate.FAILED,
            origin=candidate.origin,
            reason=(
                f"older than the archived version of {article.slug} "
                f"(Updated {editorial.revised_at:%Y-%m-%d %H:%M:%S} is before "
                f"{article.revised_at.astimezone(editorial.revised_at.tzinfo):%Y-%m-%d %H:%M:%S})"
            ),
        )
    with transaction.atomic():
        for name, value in article_fields(candidate).items():
            setattr(article, name, value)
        article.save()
        paragraphs = paragraphs_replace(article=article, texts=editorial.paragraphs)
        article_retag(article=article, paragraphs=paragraphs, matcher=matcher)
    return FileOutcome(
        name=candidate.name, fate=Fate.UPDATED, slug=article.slug, origin=candidate.origin
    )


def batch_write(
    batch: list[Candidate], matcher: Callable[[], Matcher] = matcher_current
) -> list[FileOutcome]:
    existing = Article.objects.in_bulk([c.import_key for c in batch], field_name="import_key")
    outcomes, new = [], []
    for candidate in batch:
        article = existing.get(candidate.import_key)
        if article is None:
            new.append(candidate)
        elif article.content_hash == candidate.content_hash:
            outcomes.append(
                FileOutcome(
                    candidate.name, Fate.UNCHANGED, slug=article.slug, origin=candidate.origin
                )
            )
        else:
            outcomes.append(article_update(article=article, candidate=candidate, matcher=matcher()))
    if new:
        outcomes.extend(new_articles_write(new, matcher()))
    return outcomes


def new_articles_write(
    candidates: list[Candidate], matcher: Matcher | None = None
) -> list[FileOutcome]:
    """Write new articles as one batch; if the batch fails, file by file, so each stands alone."""
    if matcher is None:
        matcher = matcher_current()
    try:
        return articles_create(candidates, matcher=matcher)
    except DatabaseError:
        return [retry_alone(candidate, matcher) for candidate in candidates]


def retry_alone(candidate: Candidate, matcher: Matcher | None = None) -> FileOutcome:
    """One file in its own transaction: it may have been created meanwhile by another import."""
    if matcher is None:
        matcher = matcher_current()
    try:
        article = Article.objects.filter(import_key=candidate.import_key).first()
        if article is not None:
            if article.content_hash == candidate.content_hash:
                return FileOutcome(
                    candidate.name, Fate.UNCHANGED, slug=article.slug, origin=candidate.origin
                )
            return article_update(article=article, candidate=candidate, matcher=matcher)
        return articles_create([candidate], matcher=matcher)[0]
    except DatabaseError as error:
        return FileOutcome(
            candidate.name,
            Fate.FAILED,
            reason=f"could not be saved ({error})",
            origin=candidate.origin,
        )


def editorials_import(
    *,
    sources: Iterable[SourceFile],
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    on_file_done: Callable[[FileOutcome], None] | None = None,
    on_batch_done: Callable[[], None] | None = None,
) -> ImportReport:
    """Import editorial files; with `dry_run`, do all the work and then roll it back.

    `on_file_done` hears of each file as it is done; `on_batch_done` is called after each
    write batch inside the batch's transaction, so that what it records (the admin import's
    progress) commits with the articles or not at all: an import killed at any point has
    recorded exactly the files it wrote.
    """
    report = ImportReport()
    # Built on first need, once per import: an import of unchanged files never builds it.
    matcher = cache(matcher_current)

    def record(outcomes: Iterable[FileOutcome]) -> None:
        for outcome in outcomes:
            report.add(outcome)
            if on_file_done:
                on_file_done(outcome)

    def parsed() -> Iterator[Candidate]:
        for source in sources:
            result = parse_source(source)
            if isinstance(result, FileOutcome):
                record([result])
            else:
                yield result

    with transaction.atomic() if dry_run else nullcontext():
        for batch in batches_with_distinct_keys(parsed(), batch_size):
            with transaction.atomic():
                record(batch_write(batch, matcher))
                if on_batch_done:
                    on_batch_done()
        if on_batch_done:
            with transaction.atomic():
                on_batch_done()  # files refused after the last batch
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run and (report.count(Fate.IMPORTED) or report.count(Fate.UPDATED)):
        planner_statistics_refresh()
    return report
