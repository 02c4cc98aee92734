"""Hold an upload on the server for a limited time, so that confirm imports what was previewed.

Each upload gets a folder under `settings.IMPORT_UPLOAD_DIR` named by a random token, with the
files as uploaded and a manifest (owner, time, each file's SHA-256). Nothing goes to the
database until confirm; the manifest is re-checked then. Expired folders are swept away on
every upload, preview and confirm, and by `manage.py sweep_uploads` on a schedule.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePath

from django.conf import settings

from articles.sources import SourceFile, SourceLimits, opened_sources, refused

MANIFEST = "manifest.json"
PLAN = "plan.json"
CLAIMED = "confirmed"
ACCEPTED_SUFFIXES = (".txt", ".zip")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
HASH_CHUNK = 1024 * 1024
STORED_NAME_BYTES = 200  # file systems take 255 bytes in a name; leave room

logger = logging.getLogger(__name__)


class UploadGone(Exception):
    """The held upload is missing, expired or not this user's; the message says which."""


class UploadNotHeld(Exception):
    """The server could not store the upload (its folder is missing or not writable); nothing
    of it was kept. The message is for the user; the cause is logged for the administrators."""

    def __init__(self, error: OSError):
        super().__init__(
            "The server could not store the upload, so nothing was saved: its upload folder "
            "cannot be written to. Please tell the site's administrators."
        )
        self.error = error


def upload_root() -> Path:
    return Path(settings.IMPORT_UPLOAD_DIR)


def source_limits() -> SourceLimits:
    return SourceLimits(
        max_file_bytes=settings.EDITORIAL_MAX_FILE_BYTES,
        max_archive_bytes=settings.EDITORIAL_MAX_ARCHIVE_BYTES,
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
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


@dataclass(frozen=True)
class HeldFile:
    name: str
    stored: str  # path relative to the upload's folder
    sha256: str
    size: int
    refused: str = ""


@dataclass(frozen=True)
class HeldUpload:
    token: str
    user_id: int
    created: float
    files: tuple[HeldFile, ...]

    @property
    def folder(self) -> Path:
        return upload_root() / self.token

    @property
    def expires(self) -> float:
        return self.created + settings.IMPORT_UPLOAD_TTL_SECONDS

    @property
    def expires_at(self) -> datetime:
        return datetime.fromtimestamp(self.expires, tz=UTC)

    def changes(self) -> list[str]:
        """What differs in the held files since they were uploaded (empty when nothing)."""
        problems = []
        for held in self.files:
            path = self.folder / held.stored
            if not path.is_file():
                problems.append(f"{held.name}: the held file is gone")
            elif file_sha256(path) != held.sha256:
                problems.append(f"{held.name}: the held file changed since the preview")
        return problems

    @contextmanager
    def sources(self) -> Iterator[list[SourceFile]]:
        """Every editorial in the upload, named as the user knows it (`batch.zip:2026/a.txt`);
        each source's origin is (held file index, member index), the same on every reading."""
        sources = []
        with ExitStack() as stack:
            for index, held in enumerate(self.files):
                if held.refused:
                    sources.append(refused(held.name, held.refused, (index,)))
                    continue
                stored = str(self.folder / held.stored)
                found = stack.enter_context(opened_sources([stored], limits=source_limits()))
                sources.extend(
                    replace(
                        source,
                        name=held.name + source.name[len(stored) :],
                        origin=(index, *source.origin[1:]),
                    )
                    for source in found
                )
            yield sources

    def claim(self) -> None:
        """Mark the upload as being confirmed, once: a second confirm (a double click, another
        tab) gets `UploadGone` instead of importing the same files twice."""
        try:
            os.close(os.open(self.folder / CLAIMED, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            raise UploadGone("This upload has already been confirmed.") from None

    def keep_alive(self) -> None:
        """Say the claimed upload is still being imported, so that no sweep takes it away."""
        with suppress(OSError):
            os.utime(self.folder / CLAIMED)

    def plan_path(self) -> Path:
        return self.folder / PLAN

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def upload_hold(*, files: Iterable, user_id: int) -> HeldUpload:
    """Store uploaded files in a new held folder; files that are not .txt or .zip are refused.
    Raises `UploadNotHeld` (and keeps nothing) when the folder cannot be written."""
    uploads_sweep()
    token = secrets.token_urlsafe(24)
    folder = upload_root() / token
    try:
        return held_files_write(folder=folder, token=token, files=files, user_id=user_id)
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        logger.error("Cannot hold an upload in %s: %s", upload_root(), error, exc_info=True)
        raise UploadNotHeld(error) from error


def stored_leaf(name: str) -> str:
    """The name a held file is stored under: its own where the file system takes it, else a
    plain one with the same suffix (the name the user knows is kept in the manifest)."""
    try:
        fits = len(name.encode("utf-8")) <= STORED_NAME_BYTES and "\x00" not in name
    except UnicodeEncodeError:
        fits = False
    if fits:
        return name
    suffix = next((s for s in ACCEPTED_SUFFIXES if name.lower().endswith(s)), "")
    return f"upload{suffix}"


def held_files_write(*, folder: Path, token: str, files: Iterable, user_id: int) -> HeldUpload:
    """Write the files and then their manifest into a new folder (OSError on failure)."""
    folder.mkdir(parents=True)
    taken: set[str] = set()
    held = []
    for index, upload in enumerate(files):
        name = unique_name(upload.name, taken)
        stored = f"{index}/{stored_leaf(name)}"
        path = folder / stored
        path.parent.mkdir()
        digest = hashlib.sha256()
        with path.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        reason = ""
        if not name.lower().endswith(ACCEPTED_SUFFIXES):
            reason = "not a .txt editorial or a .zip archive; only those are imported"
        held.append(HeldFile(name, stored, digest.hexdigest(), upload.size, reason))
    upload = HeldUpload(token=token, user_id=user_id, created=time.time(), files=tuple(held))
    manifest = {
        "user_id": user_id,
        "created": upload.created,
        "files": [vars(file) for file in held],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return upload


def held_upload(*, token: str, user_id: int) -> HeldUpload:
    """The upload held under `token` for this user, or `UploadGone` saying why not.
    Then sweeps expired uploads: previews and confirms keep the folder tidy too."""
    try:
        return held_upload_read(token=token, user_id=user_id)
    finally:
        uploads_sweep()


def held_upload_read(*, token: str, user_id: int) -> HeldUpload:
    if not TOKEN_PATTERN.match(token):
        raise UploadGone("This upload does not exist.")
    path = upload_root() / token / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UploadGone(
            "This upload is no longer held (it was imported, or it expired); upload again."
        ) from None
    upload = HeldUpload(
        token=token,
        user_id=manifest["user_id"],
        created=manifest["created"],
        files=tuple(HeldFile(**file) for file in manifest["files"]),
    )
    if (upload.folder / CLAIMED).exists():
        raise UploadGone("This upload has already been confirmed; see the import batches.")
    if upload.user_id != user_id:
        raise UploadGone("This upload belongs to someone else.")
    if time.time() > upload.expires:
        upload.discard()
        raise UploadGone("This upload expired before it was confirmed; upload the files again.")
    return upload


@dataclass(frozen=True)
class SweptUpload:
    token: str
    touched_at: datetime
    size: int


def last_touched(folder: Path) -> float:
    """When the held folder was last written: its claim (renewed while an import runs), its
    manifest, or the folder itself while the upload is still being written."""
    for marker in (folder / CLAIMED, folder / MANIFEST, folder):
        try:
            return marker.stat().st_mtime
        except OSError:
            continue
    return 0.0


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def uploads_sweep() -> list[SweptUpload]:
    """Delete held uploads untouched for longer than the time limit; return what went.

    Only folders named like a token are touched, so a misconfigured IMPORT_UPLOAD_DIR never
    loses anything else. An upload being imported is kept while the import makes progress.
    """
    root = upload_root()
    if not root.is_dir():
        return []
    limit = time.time() - settings.IMPORT_UPLOAD_TTL_SECONDS
    swept = []
    for folder in sorted(root.iterdir()):
        if not (TOKEN_PATTERN.match(folder.name) and folder.is_dir()):
            continue
        touched = last_touched(folder)
        if touched >= limit:
            continue
        try:
            size = folder_size(folder)
        except OSError:
            size = 0
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            swept.append(SweptUpload(folder.name, datetime.fromtimestamp(touched, tz=UTC), size))
    return swept
