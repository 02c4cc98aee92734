"""Find the editorial files named on an import: plain files, folders and zip archives.

Pure Python (no Django), so it can be reused and tested quickly. Each file becomes a
`SourceFile` whose `read()` returns its bytes or raises `SourceError` with the reason it
was refused; archive members are read lazily, with limits on size and inflation, and a
member whose path would leave the archive's folder is refused without being read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

EDITORIAL_SUFFIX = ".txt"
READ_CHUNK = 64 * 1024


class SourceError(Exception):
    """A file that cannot be read as an editorial source; the message says why."""


@dataclass(frozen=True)
class SourceLimits:
    max_file_bytes: int = 1_000_000
    max_archive_bytes: int = 512_000_000


@dataclass(frozen=True)
class SourceFile:
    """One file to import: a display name (`folder/a.txt`, `batch.zip:2026/a.txt`) and a reader."""

    name: str
    reader: Callable[[], bytes]

    def read(self) -> bytes:
        return self.reader()


def refused(name: str, reason: str) -> SourceFile:
    """A source that is refused before anything is read."""

    def read() -> bytes:
        raise SourceError(reason)

    return SourceFile(name=name, reader=read)


def read_limited(stream, limit: int, what: str) -> bytes:
    """Read at most `limit` bytes from a stream; refuse (without reading on) past that."""
    chunks, total = [], 0
    while chunk := stream.read(min(READ_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            raise SourceError(f"{what} is larger than the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def plain_file(path: Path, name: str, limits: SourceLimits) -> SourceFile:
    def read() -> bytes:
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise SourceError(
                    f"file is {size:,} bytes, larger than the limit of {limits.max_file_bytes:,}"
                )
            with path.open("rb") as stream:
                return read_limited(stream, limits.max_file_bytes, "file")
        except OSError as error:
            raise SourceError(f"cannot be read ({error.strerror or error})") from error

    return SourceFile(name=name, reader=read)


def member_path_problem(member_name: str) -> str | None:
    """Why an archive member's path is unsafe to take, or None when it stays inside."""
    normalised = member_name.replace("\\", "/")
    path = PurePosixPath(normalised)
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return "path is absolute; archive members must stay inside the archive's folder"
    if ".." in path.parts:
        return "path leaves the archive's folder ('..')"
    return None


class ArchiveReader:
    """Reads the members of one zip archive, counting what it inflates against a limit."""

    def __init__(self, archive: zipfile.ZipFile, display_name: str, limits: SourceLimits):
        self.archive = archive
        self.display_name = display_name
        self.limits = limits
        self.inflated = 0

    def member(self, info: zipfile.ZipInfo) -> SourceFile:
        name = f"{self.display_name}:{info.filename}"
        if problem := member_path_problem(info.filename):
            return refused(name, problem)
        return SourceFile(name=name, reader=lambda: self.read(info))

    def read(self, info: zipfile.ZipInfo) -> bytes:
        limit = self.limits.max_archive_bytes
        if self.inflated >= limit:
            raise SourceError(f"archive inflates past the limit of {limit:,} bytes; not read")
        if info.file_size > self.limits.max_file_bytes:
            raise SourceError(
                f"member is {info.file_size:,} bytes, "
                f"larger than the limit of {self.limits.max_file_bytes:,}"
            )
        # The sizes in the header can lie: count what really comes out, and stop early.
        allowed = min(self.limits.max_file_bytes, limit - self.inflated)
        try:
            with self.archive.open(info) as stream:
                data = read_limited(stream, allowed, "member")
        except SourceError:
            self.inflated += allowed
            if allowed < self.limits.max_file_bytes:
                raise SourceError(
                    f"archive inflates past the limit of {limit:,} bytes; stopped inflating"
                ) from None
            raise
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as error:
            raise SourceError(f"member cannot be inflated ({error})") from error
        self.inflated += len(data)
        return data


def archive_members(path: Path, name: str, limits: SourceLimits, stack: ExitStack):
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError) as error:
        return [refused(name, f"not a readable zip archive ({error})")]
    reader = ArchiveReader(archive, name, limits)
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(EDITORIAL_SUFFIX)
    ]
    return [reader.member(info) for info in sorted(members, key=lambda info: info.filename)]


def folder_files(path: Path, limits: SourceLimits) -> list[SourceFile]:
    files = sorted(p for p in path.rglob(f"*{EDITORIAL_SUFFIX}") if p.is_file())
    return [plain_file(p, str(p), limits) for p in files]


def expand(path: Path, limits: SourceLimits, stack: ExitStack) -> Iterator[SourceFile]:
    name = str(path)
    if path.is_dir():
        yield from folder_files(path, limits)
    elif not path.exists():
        yield refused(name, "no such file or folder")
    elif path.suffix.lower() == ".zip":
        yield from archive_members(path, name, limits, stack)
    else:
        yield plain_file(path, name, limits)


@contextmanager
def opened_sources(
    paths: Iterable[str | Path], *, limits: SourceLimits | None = None
) -> Iterator[list[SourceFile]]:
    """Every editorial file under the given paths, in a stable order; archives stay open."""
    limits = limits or SourceLimits()
    with ExitStack() as stack:
        yield [source for path in paths for source in expand(Path(path), limits, stack)]
