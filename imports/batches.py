"""Confirm a previewed plan into an import batch, run it as a task with progress, resume it
when its worker was killed, and undo it.

Confirm re-checks the held files and the archive against the plan, records the batch and a
snapshot of every article it will update, and queues a task (imports/tasks.py) that runs the
import service on exactly the planned files, in whichever worker takes it. The worker commits
each write batch with its files' outcomes and says it is alive meanwhile; a batch whose worker
fell silent is marked interrupted, and can be resumed (the files not recorded) or undone (the
files recorded). Undo deletes what the batch created and puts back the snapshots with
`paragraphs_replace`, so paragraph ids survive where the text did not change and annotations
are re-anchored.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.importing import FileOutcome, editorials_import
from articles.models import Article
from articles.paragraphs import paragraphs_replace
from imports.models import RESUMABLE, UNDOABLE, FileFate, ImportBatch, ImportFile, Status
from imports.planning import NEW, REFUSED, UNCHANGED, UPDATE, Plan
from imports.uploads import HeldUpload, UploadGone

SNAPSHOT_FIELDS = (
    "import_key",
    "content_hash",
    "label",
    "title",
    "publication",
    "published_at",
    "revised_at",
    "dateline",
    "deck",
    "caption_text",
    "caption_credit",
    "layout",
    "source_name",
)


class PlanChanged(Exception):
    """The upload or the archive changed since the preview; `reasons` lists what."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def plan_check(*, held: HeldUpload, plan: Plan) -> list[str]:
    """What no longer holds of the preview: changed held files and articles changed since."""
    reasons = held.changes()
    keys = [row.import_key for row in plan.rows if row.import_key]
    current = dict(
        Article.objects.filter(import_key__in=keys).values_list("import_key", "content_hash")
    )
    judged: set[str] = set()
    for row in plan.rows:
        if not row.import_key or row.fate == REFUSED or row.import_key in judged:
            continue
        judged.add(row.import_key)
        now = current.get(row.import_key)
        if row.fate == NEW and now is not None:
            reasons.append(f"{row.name}: this editorial was imported by someone else meanwhile")
        elif row.fate in (UPDATE, UNCHANGED) and now != row.base_hash:
            what = "was deleted" if now is None else "was changed by another import"
            reasons.append(f"{row.name}: the archived article {row.slug} {what} since the preview")
    return reasons


def snapshot(article: Article) -> dict:
    """The article's imported fields and paragraph texts, as JSON-ready values."""
    values = {name: getattr(article, name) for name in SNAPSHOT_FIELDS}
    encoder = DjangoJSONEncoder()
    for name in ("published_at", "revised_at", "dateline"):
        if values[name] is not None:
            values[name] = encoder.default(values[name])
    values["paragraphs"] = list(
        article.paragraphs.order_by("position").values_list("text", flat=True)
    )
    return values


def batch_confirm(*, held: HeldUpload, plan: Plan, user) -> ImportBatch:
    """Record a batch for the previewed plan and queue its import; `PlanChanged` if stale."""
    held.claim()
    if reasons := plan_check(held=held, plan=plan):
        held.discard()
        raise PlanChanged(reasons)
    updated_keys = {row.import_key for row in plan.rows if row.fate == UPDATE}
    articles = Article.objects.in_bulk(list(updated_keys), field_name="import_key")
    snapshotted: set[str] = set()
    files = []
    for row in plan.rows:
        previous = None
        if row.fate == UPDATE and row.import_key in articles and row.import_key not in snapshotted:
            previous = snapshot(articles[row.import_key])
            snapshotted.add(row.import_key)
        files.append(
            ImportFile(
                position=row.position,
                name=row.name,
                fate=FileFate.FAILED if row.fate == REFUSED else FileFate.PENDING,
                reason=row.reason if row.fate == REFUSED else "",
                line=row.line,
                title=row.title[:500],
                import_key=row.import_key,
                content_hash=row.content_hash,
                previous=previous,
            )
        )
    refused = sum(1 for row in plan.rows if row.fate == REFUSED)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            created_by=user,
            upload=held.row(),
            total=len(plan.rows),
            done=refused,
            uploaded_names=[file.name for file in held.files],
        )
        for file in files:
            file.batch = batch
        ImportFile.objects.bulk_create(files, batch_size=500)
    batch_enqueue(batch)
    batch.refresh_from_db()
    return batch


def batch_enqueue(batch: ImportBatch) -> None:
    """Hand the batch to a worker (at once, in the request, where tasks run immediately)."""
    from imports.tasks import batch_import_task

    batch_import_task.enqueue(batch_id=batch.pk)


def batch_resume(*, batch: ImportBatch) -> None:
    """Queue an interrupted or failed batch again; its worker imports only the files it had not
    recorded. `UploadGone` when the held files are gone or changed, `BatchNotResumable` when
    the batch is not in a state to resume (someone resumed or undid it meanwhile)."""
    if batch.upload is None:
        raise UploadGone("The files of this batch are no longer held; it cannot be resumed.")
    held = HeldUpload.of(batch.upload)
    if problems := held.changes():
        raise UploadGone("The held files cannot be resumed from: " + "; ".join(problems))
    queued = ImportBatch.objects.filter(pk=batch.pk, status__in=RESUMABLE).update(
        status=Status.QUEUED, error="", finished_at=None
    )
    if not queued:
        raise BatchNotResumable("This batch was resumed or undone meanwhile.")
    held.keep_alive()
    batch_enqueue(batch)


class BatchNotResumable(Exception):
    """The batch is no longer interrupted or failed."""


class Superseded(Exception):
    """The batch was marked interrupted and resumed by another worker: this one must stop
    (its uncommitted write batch rolls back)."""


def batches_interrupted_mark() -> int:
    """Mark running batches whose worker has been silent too long as interrupted; how many."""
    silent_since = timezone.now() - timedelta(seconds=settings.IMPORT_INTERRUPTED_AFTER_SECONDS)
    last_heard = Coalesce("heartbeat_at", "progressed_at", "created_at")
    silent = ImportBatch.objects.alias(last_heard=last_heard).filter(
        status=Status.RUNNING, last_heard__lt=silent_since
    )
    return silent.update(
        status=Status.INTERRUPTED,
        error="The worker running this import stopped (it was killed, or its machine went "
        "away) before the import finished. The files recorded below were imported; resume "
        "to import the rest, or undo.",
    )


def batch_interrupted_check(batch: ImportBatch) -> None:
    """Mark a running batch interrupted if its worker fell silent, and refresh it."""
    if batch.status == Status.RUNNING and batches_interrupted_mark():
        batch.refresh_from_db()


def batch_start(batch_id: int) -> int | None:
    """Claim a queued batch for this worker: its attempt number, or None when it is not
    queued any more (undone, or taken by another worker)."""
    with transaction.atomic():
        started = ImportBatch.objects.filter(pk=batch_id, status=Status.QUEUED).update(
            status=Status.RUNNING, attempt=F("attempt") + 1, heartbeat_at=timezone.now()
        )
        if not started:
            return None
        return ImportBatch.objects.values_list("attempt", flat=True).get(pk=batch_id)


@contextmanager
def heartbeat(batch_id: int, attempt: int) -> Iterator[None]:
    """Say every IMPORT_HEARTBEAT_SECONDS, from a thread of its own, that this worker is still
    running the batch; a killed worker falls silent and its batch is then marked interrupted."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.IMPORT_HEARTBEAT_SECONDS):
                with suppress(DatabaseError):  # a busy database: the next beat will do
                    ImportBatch.objects.filter(
                        pk=batch_id, attempt=attempt, status=Status.RUNNING
                    ).update(heartbeat_at=timezone.now())
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"import-{batch_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def outcomes_record(rows: list[tuple[str, str, str, int]]) -> None:
    """Set `(fate, reason, slug, id)` on file rows with one `executemany`.

    `bulk_update` builds a CASE expression per row and field, which costs more than the import
    of the files themselves; a plain parameterised UPDATE does not.
    """
    quote = connection.ops.quote_name
    table = quote(ImportFile._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {quote('fate')} = %s, {quote('reason')} = %s, "
            f"{quote('slug')} = %s WHERE {quote('id')} = %s",
            rows,
        )


def batch_run(*, batch_id: int) -> None:
    """Run a queued batch in this worker: import the files it has not recorded yet.

    Each write batch commits with the outcome of each of its files and the batch's progress,
    so a worker killed at any point leaves a batch whose recorded files are exactly those
    imported; a resume (`batch_resume`) then imports the rest, nothing twice. Files are matched
    to their rows by origin (held file, member) and position, never by name, which two
    members of one zip can share; a planned file not met again is recorded as refused.
    """
    attempt = batch_start(batch_id)
    if attempt is None:
        return
    batch = ImportBatch.objects.select_related("upload").get(pk=batch_id)
    status, error = Status.DONE, ""
    try:
        if batch.upload is None:
            raise UploadGone("the held files of this batch are gone")
        held = HeldUpload.of(batch.upload)
        with heartbeat(batch_id, attempt):
            files_import(batch_id=batch_id, attempt=attempt, held=held)
    except Superseded:
        return
    except Exception as exc:  # the batch row must say it stopped, whatever stopped it
        status, error = Status.FAILED, f"{type(exc).__name__}: {exc}"
    finished = ImportBatch.objects.filter(pk=batch_id, attempt=attempt, status=Status.RUNNING)
    finished.update(status=status, error=error, finished_at=timezone.now())
    if status == Status.DONE:
        held.discard()


def files_import(*, batch_id: int, attempt: int, held: HeldUpload) -> None:
    plan = Plan.load(held)
    pending = dict(
        ImportFile.objects.filter(batch_id=batch_id, fate=FileFate.PENDING).values_list(
            "position", "pk"
        )
    )
    planned = {
        origin: pending[position]
        for origin, position in plan.positions_by_origin().items()
        if position in pending
    }
    waiting: list[FileOutcome] = []

    def progress_record() -> None:
        """Inside the write batch's transaction: its files' outcomes and the progress."""
        still_ours = ImportBatch.objects.filter(
            pk=batch_id, attempt=attempt, status=Status.RUNNING
        ).update(
            done=F("done") + len(waiting),
            progressed_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        if not still_ours:
            raise Superseded
        outcomes_record([(o.fate.value, o.reason, o.slug, planned[o.origin]) for o in waiting])
        held.keep_alive()
        waiting.clear()

    with held.sources() as sources:
        editorials_import(
            sources=(source for source in sources if source.origin in planned),
            batch_size=settings.IMPORT_WRITE_BATCH,
            on_file_done=waiting.append,
            on_batch_done=progress_record,
        )
    missed_record(batch_id=batch_id)


def missed_record(*, batch_id: int) -> None:
    """Refuse, with the reason, any planned file the import did not meet again."""
    missed = ImportFile.objects.filter(batch_id=batch_id, fate=FileFate.PENDING).update(
        fate=FileFate.FAILED,
        reason="not imported: the file was not found again in the held upload",
    )
    if missed:
        ImportBatch.objects.filter(pk=batch_id).update(done=F("done") + missed)


@dataclass
class UndoPlan:
    """What undo would do to each article the batch touched, and what stops it."""

    remove: list[Article] = field(default_factory=list)
    restore: list[tuple[Article, dict]] = field(default_factory=list)
    annotated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.annotated)


def undo_plan(*, batch: ImportBatch) -> UndoPlan:
    """Sort the batch's articles into removable, restorable and kept (with reasons)."""
    files = list(batch.files.filter(fate__in=[FileFate.IMPORTED, FileFate.UPDATED]))
    last_hash = {file.import_key: file.content_hash for file in files}
    articles = Article.objects.in_bulk(list(last_hash), field_name="import_key")
    annotation_counts = annotated_counts([article.id for article in articles.values()])
    plan = UndoPlan()
    handled: set[str] = set()
    for file in files:
        key = file.import_key
        if key in handled:
            continue
        handled.add(key)
        article = articles.get(key)
        if article is None:
            plan.kept.append(f"{file.name}: its article was deleted since; nothing to undo")
            continue
        changed = article.content_hash != last_hash[key] or (
            batch.finished_at and article.updated_at > batch.finished_at
        )
        if changed:
            plan.kept.append(
                f"{article.slug}: changed since this import (by another import or an edit); "
                "left as it is"
            )
            continue
        count = annotation_counts.get(article.id, 0)
        if file.fate == FileFate.IMPORTED:
            if count:
                plan.kept.append(
                    f"{article.slug}: created by this import and annotated since "
                    f"({count} annotation{'s' if count != 1 else ''}); kept, never deleted by undo"
                )
            else:
                plan.remove.append(article)
        elif file.previous is not None:
            if count:
                plan.annotated.append(
                    f"{article.slug}: has {count} annotation{'s' if count != 1 else ''}; "
                    "they would be kept and re-anchored on the previous text"
                )
            plan.restore.append((article, file.previous))
    return plan


def annotated_counts(article_ids: list[int]) -> dict[int, int]:
    """Annotations per article; the annotations app is optional to the importer, so look it up."""
    from django.apps import apps

    if not apps.is_installed("annotations"):
        return {}
    annotation = apps.get_model("annotations", "Annotation")
    return dict(
        annotation.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )


class UndoRefused(Exception):
    """Undo would touch annotated articles and the user did not confirm; `reasons` lists them."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def article_restore(*, article: Article, previous: dict) -> None:
    """Put back an article's snapshot; unchanged paragraphs keep their rows (and ids)."""
    for name in SNAPSHOT_FIELDS:
        field_object = Article._meta.get_field(name)
        setattr(article, name, field_object.to_python(previous[name]))
    article.save()
    paragraphs = paragraphs_replace(article=article, texts=previous["paragraphs"])
    try:
        from articles.tagging import article_retag
    except ImportError:  # an archive without automatic tagging
        return
    # Automatic tags follow the restored text, as they followed the imported one.
    article_retag(article=article, paragraphs=paragraphs)


def batch_undo(*, batch: ImportBatch, user, keep_annotations: bool = False) -> UndoPlan:
    """Undo a finished batch; refuses (UndoRefused) on annotated articles unless confirmed."""
    if batch.status not in UNDOABLE:
        raise UndoRefused([f"this batch is {batch.get_status_display().lower()}; cannot undo"])
    plan = undo_plan(batch=batch)
    if plan.needs_confirmation and not keep_annotations:
        raise UndoRefused(plan.annotated)
    with transaction.atomic():
        # Taken from its state first, so that no worker resumes it while it is being undone.
        if not ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
            status=Status.UNDONE
        ):
            raise UndoRefused(["this batch was resumed or undone meanwhile"])
        never_run = batch.files.filter(fate=FileFate.PENDING).update(
            fate=FileFate.FAILED,
            reason="not imported: the batch was undone before it reached this file",
        )
        if never_run:
            plan.kept.append(f"{never_run} files the batch had not reached were not imported")
        for article in plan.remove:
            article.delete()
        for article, previous in plan.restore:
            article_restore(article=article, previous=previous)
        batch.status = Status.PARTLY_UNDONE if plan.kept else Status.UNDONE
        batch.undone_at, batch.undone_by, batch.undo_notes = timezone.now(), user, plan.kept
        batch.save(update_fields=["status", "undone_at", "undone_by", "undo_notes"])
    if batch.upload is not None:
        HeldUpload.of(batch.upload).discard()
    return plan
