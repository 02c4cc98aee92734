"""Hold an upload on the server for a limited time, so that confirm imports what was previewed.

Each upload gets a random token; its files go to the `imports` storage under that token, and
a row in the database (`imports.models.Upload`) records the owner, the time, each file's
SHA-256 and, once previewed, the plan. So any app server can preview, confirm or resume what
another one received. Nothing goes into the archive until confirm; the hashes are re-checked
then. Expired uploads are swept on every upload, preview and confirm, by a task scheduled for
each upload's expiry, and by `manage.py sweep_uploads` from cron.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from articles.sources import SourceFile, SourceLimits, SourceListing, opened_sources, refused
from imports.models import Upload
from imports.storage import upload_storage

ACCEPTED_SUFFIXES = (".txt", ".zip")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
HASH_CHUNK = 1024 * 1024

logger = logging.getLogger(__name__)


class UploadGone(Exception):
    """The held upload is missing, expired or not this user's; the message says which."""


class UploadNotHeld(Exception):
    """The server could not store the upload (its storage is missing or not writable); nothing
    of it was kept. The message is for the user; the cause is logged for the administrators."""

    def __init__(self, error: Exception):
        super().__init__(
            "The server could not store the upload, so nothing was saved: its upload folder "
            "cannot be written to. Please tell the site's administrators."
        )
        self.error = error


def source_limits() -> SourceLimits:
    return SourceLimits(
        max_file_bytes=settings.EDITORIAL_MAX_FILE_BYTES,
        max_archive_bytes=settings.EDITORIAL_MAX_ARCHIVE_BYTES,
    )


def stored_sha256(name: str) -> str | None:
    """The SHA-256 of a stored file, or None when the storage no longer has it."""
    digest = hashlib.sha256()
    try:
        with upload_storage().open(name, "rb") as stream:
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
    except (OSError, FileNotFoundError):
        return None
    return digest.hexdigest()


def unique_name(name: str, taken: set[str]) -> str:
    """The file's own name, or `name (2)` when the upload already holds one by that name."""
    base = PurePath(name.replace("\\", "/")).name
    if base in ("", ".", ".."):
        base = "unnamed"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        stem, dot, suffix = base.rpartition(".")
        candidate = f"{stem} ({number}).{suffix}" if dot else f"{base} ({number})"
    taken.add(candidate)
    return candidate


def stored_leaf(name: str) -> str:
    """The name a held file is stored under: a plain one with the file's accepted suffix (the
    name the user knows is kept in the database; storages differ in the names they take)."""
    suffix = next((s for s in ACCEPTED_SUFFIXES if name.lower().endswith(s)), "")
    return f"upload{suffix}"


@dataclass(frozen=True)
class HeldFile:
    name: str
    stored: str  # the file's name in the `imports` storage
    sha256: str
    size: int
    refused: str = ""


@dataclass(frozen=True)
class HeldUpload:
    token: str
    user_id: int
    created: datetime
    files: tuple[HeldFile, ...]
    plan: list[dict] | None = None  # as read with the upload (see `plan_save`)

    @classmethod
    def of(cls, row: Upload) -> HeldUpload:
        return cls(
            token=row.token,
            user_id=row.owner_id,
            created=row.created_at,
            files=tuple(HeldFile(**file) for file in row.files),
            plan=row.plan,
        )

    def row(self) -> Upload:
        return Upload.objects.get(token=self.token)

    @property
    def expires_at(self) -> datetime:
        return self.created + timedelta(seconds=settings.IMPORT_UPLOAD_TTL_SECONDS)

    def changes(self) -> list[str]:
        """What differs in the held files since they were uploaded (empty when nothing)."""
        problems = []
        for held in self.files:
            digest = stored_sha256(held.stored)
            if digest is None:
                problems.append(f"{held.name}: the held file is gone")
            elif digest != held.sha256:
                problems.append(f"{held.name}: the held file changed since the preview")
        return problems

    @contextmanager
    def sources(self) -> Iterator[SourceListing]:
        """Every editorial in the upload, named as the user knows it (`batch.zip:2026/a.txt`);
        each source's origin is (held file index, member index), the same on every reading.
        Sources are made as they are reached (see `SourceListing`)."""
        listing = SourceListing()
        with ExitStack() as stack:
            for index, held in enumerate(self.files):
                if held.refused:
                    listing.add(1, partial(held_refusal, held, index))
                    continue
                local = stack.enter_context(local_path(held.stored))
                found = stack.enter_context(opened_sources([local], limits=source_limits()))
                listing.add(len(found), partial(as_uploaded, found, held.name, local, index))
            yield listing

    def claim(self) -> None:
        """Mark the upload as being confirmed, once, on whichever server: a second confirm (a
        double click, another tab) gets `UploadGone` instead of importing the files twice."""
        now = timezone.now()
        claimed = Upload.objects.filter(token=self.token, claimed_at__isnull=True).update(
            claimed_at=now, touched_at=now
        )
        if not claimed:
            raise UploadGone("This upload has already been confirmed.")

    def keep_alive(self) -> None:
        """Say the claimed upload is still being imported, so that no sweep takes it away."""
        Upload.objects.filter(token=self.token).update(touched_at=timezone.now())

    def plan_save(self, rows: list[dict]) -> None:
        Upload.objects.filter(token=self.token).update(plan=rows)

    def plan_rows(self) -> list[dict] | None:
        if self.plan is not None:
            return self.plan
        return Upload.objects.filter(token=self.token).values_list("plan", flat=True).first()

    def discard(self) -> None:
        """Delete the held files and their row (a batch keeps its record of them)."""
        files_delete(self.token, [held.stored for held in self.files])
        Upload.objects.filter(token=self.token).delete()


def held_refusal(held: HeldFile, index: int, _position: int) -> SourceFile:
    return refused(held.name, held.refused, (index,))


def as_uploaded(
    found: SourceListing, name: str, local: str, index: int, position: int
) -> SourceFile:
    """A source of a held file, with the name and the place the user uploaded it under."""
    source = found[position]
    return replace(
        source, name=name + source.name[len(local) :], origin=(index, *source.origin[1:])
    )


@contextmanager
def local_path(name: str) -> Iterator[str]:
    """A path on this machine to a stored file: its own in a folder storage, else a temporary
    copy (zip archives are read by seeking, which a remote object does not offer)."""
    storage = upload_storage()
    try:
        yield storage.path(name)
        return
    except NotImplementedError:
        pass
    with tempfile.TemporaryDirectory(prefix="held-upload-") as folder:
        copy = f"{folder}/{PurePath(name).name}"
        with storage.open(name, "rb") as source, open(copy, "wb") as target:
            shutil.copyfileobj(source, target, HASH_CHUNK)
        yield copy


def files_delete(token: str, names: Iterable[str]) -> None:
    storage = upload_storage()
    for name in names:
        with suppress(OSError, FileNotFoundError):
            storage.delete(name)
    # A folder storage leaves the token's empty folders behind.
    with suppress(NotImplementedError):
        shutil.rmtree(storage.path(token), ignore_errors=True)


class HashingFile(File):
    """An uploaded file read once: chunks go to the storage and into the SHA-256."""

    def __init__(self, upload):
        super().__init__(upload, name=upload.name)
        self.digest = hashlib.sha256()
        self.upload = upload

    def chunks(self, chunk_size=None):
        for chunk in self.upload.chunks(chunk_size):
            self.digest.update(chunk)
            yield chunk


def upload_hold(*, files: Iterable, user_id: int) -> HeldUpload:
    """Store uploaded files under a new token; files that are not .txt or .zip are refused.
    Raises `UploadNotHeld` (and keeps nothing) when the storage cannot be written."""
    uploads_sweep()
    token = secrets.token_urlsafe(24)
    written: list[str] = []
    try:
        held = held_files_write(token=token, files=files, written=written)
        row = Upload.objects.create(
            token=token, owner_id=user_id, files=[vars(file) for file in held]
        )
    except (OSError, DatabaseError) as error:
        files_delete(token, written)
        logger.error("Cannot hold an upload in the imports storage: %s", error, exc_info=True)
        raise UploadNotHeld(error) from error
    sweep_schedule(after=settings.IMPORT_UPLOAD_TTL_SECONDS)
    return HeldUpload.of(row)


def held_files_write(*, token: str, files: Iterable, written: list[str]) -> list[HeldFile]:
    """Write the files to the storage, noting each stored name in `written` (OSError on
    failure, when the caller deletes what was written)."""
    storage = upload_storage()
    taken: set[str] = set()
    held = []
    for index, upload in enumerate(files):
        name = unique_name(upload.name, taken)
        content = HashingFile(upload)
        stored = storage.save(f"{token}/{index}/{stored_leaf(name)}", content)
        written.append(stored)
        reason = ""
        if not name.lower().endswith(ACCEPTED_SUFFIXES):
            reason = "not a .txt editorial or a .zip archive; only those are imported"
        held.append(HeldFile(name, stored, content.digest.hexdigest(), upload.size, reason))
    return held


def held_upload(*, token: str, user_id: int) -> HeldUpload:
    """The upload held under `token` for this user, or `UploadGone` saying why not.
    Then sweeps expired uploads: previews and confirms keep the storage tidy too."""
    try:
        return held_upload_read(token=token, user_id=user_id)
    finally:
        uploads_sweep()


def held_upload_read(*, token: str, user_id: int) -> HeldUpload:
    if not TOKEN_PATTERN.match(token):
        raise UploadGone("This upload does not exist.")
    row = Upload.objects.filter(token=token).first()
    if row is None:
        raise UploadGone(
            "This upload is no longer held (it was imported, or it expired); upload again."
        )
    upload = HeldUpload.of(row)
    if row.claimed_at is not None:
        raise UploadGone("This upload has already been confirmed; see the import batches.")
    if upload.user_id != user_id:
        raise UploadGone("This upload belongs to someone else.")
    if timezone.now() > upload.expires_at:
        upload.discard()
        raise UploadGone("This upload expired before it was confirmed; upload the files again.")
    return upload


@dataclass(frozen=True)
class SweptUpload:
    token: str
    touched_at: datetime
    size: int


def expired_uploads():
    """Uploads nobody will import any more: unconfirmed ones past their time limit, and those
    of interrupted or failed batches past the time kept for a resume. A confirmed upload
    whose batch is queued or running is renewed as it goes, so it is never among them."""
    now = timezone.now()
    unconfirmed = Q(claimed_at__isnull=True) & Q(
        touched_at__lt=now - timedelta(seconds=settings.IMPORT_UPLOAD_TTL_SECONDS)
    )
    left = (
        Q(claimed_at__isnull=False)
        & Q(touched_at__lt=now - timedelta(seconds=settings.IMPORT_RESUME_TTL_SECONDS))
        & ~Q(batches__status__in=["queued", "running"])
    )
    orphaned = (
        Q(claimed_at__isnull=False)
        & Q(batches__isnull=True)
        & Q(touched_at__lt=now - timedelta(seconds=settings.IMPORT_UPLOAD_TTL_SECONDS))
    )
    return Upload.objects.filter(unconfirmed | left | orphaned).distinct()


def uploads_sweep() -> list[SweptUpload]:
    """Delete the held uploads nobody will import any more; return what went."""
    swept = []
    for row in expired_uploads():
        upload = HeldUpload.of(row)
        # Only if untouched since it was read: a claim or progress meanwhile keeps it.
        deleted, _ = Upload.objects.filter(pk=row.pk, touched_at=row.touched_at).delete()
        if deleted:
            files_delete(upload.token, [held.stored for held in upload.files])
            size = sum(held.size for held in upload.files)
            swept.append(SweptUpload(upload.token, row.touched_at, size))
    return swept


def sweep_schedule(*, after: float) -> None:
    """Enqueue a sweep for when this upload expires, on a queue that can run tasks later."""
    from imports.tasks import uploads_sweep_task

    if uploads_sweep_task.get_backend().supports_defer:
        uploads_sweep_task.using(run_after=timezone.now() + timedelta(seconds=after + 60)).enqueue()
