"""Find the editorial files named on an import: plain files, folders and zip archives.

Pure Python (no Django), so it can be reused and tested quickly. Each file becomes a
`SourceFile` whose `read()` returns its bytes or raises `SourceError` with the reason it
was refused; archive members are read lazily, with limits on size and inflation, and a
member whose path would leave the archive's folder is refused without being read. A zip
inside a zip is refused, never ignored. Names are kept as given; `name_shown` is how they
are displayed, with control and bidi characters escaped.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path, PurePosixPath

EDITORIAL_SUFFIX = ".txt"
ARCHIVE_SUFFIX = ".zip"
READ_CHUNK = 64 * 1024
# Control, format (bidi overrides, zero-width), surrogate, private and unassigned characters,
# and line or paragraph separators: shown escaped, as they could hide or reorder a name.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def name_shown(name: str) -> str:
    """A name as it may be displayed (page, report, terminal): hidden characters escaped,
    `\\x07`, `\\u202e`, `\\U000e0001`, everything else as written."""
    return "".join(
        escaped(char) if unicodedata.category(char) in HIDDEN_CATEGORIES else char for char in name
    )


def escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class SourceError(Exception):
    """A file that cannot be read as an editorial source; the message says why."""


@dataclass(frozen=True)
class SourceLimits:
    max_file_bytes: int = 1_000_000
    max_archive_bytes: int = 512_000_000


@dataclass(frozen=True)
class SourceFile:
    """One file to import: a display name (`folder/a.txt`, `batch.zip:2026/a.txt`), a reader,
    and its origin, which tells it apart from every other source of the same listing even where
    names repeat: (path index, member index in the archive or file index in the folder)."""

    name: str
    reader: Callable[[], bytes]
    origin: tuple[int, ...] = ()

    def read(self) -> bytes:
        return self.reader()


def refused(name: str, reason: str, origin: tuple[int, ...] = ()) -> SourceFile:
    """A source that is refused before anything is read."""

    def read() -> bytes:
        raise SourceError(reason)

    return SourceFile(name=name, reader=read, origin=origin)


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

    def member(self, info: zipfile.ZipInfo, index: int, copy: int) -> SourceFile:
        """The member at `index` of the archive's listing; `copy` counts earlier members of
        the same name (a zip may hold one name twice), said in the name so rows differ."""
        name = f"{self.display_name}:{info.filename}"
        if copy > 1:
            name += f" (duplicate {copy})"
        if problem := member_path_problem(info.filename):
            return refused(name, problem, (index,))
        if info.filename.lower().endswith(ARCHIVE_SUFFIX):
            leaf = PurePosixPath(info.filename.replace("\\", "/")).name
            return refused(
                name,
                f"nested archive {name_shown(leaf)}: unpack it and upload its files",
                (index,),
            )
        return SourceFile(name=name, reader=lambda: self.read(info), origin=(index,))

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


class SourceListing(Sequence[SourceFile]):
    """The sources of an opening, each made when it is reached: the listing keeps a path or
    an archive member per file, not a reader, so that its memory stays small however many
    files there are (a folder of 100,000 editorials). Parts are added with a count and a
    function that makes the source at a position of the part."""

    def __init__(self) -> None:
        self._parts: list[tuple[int, Callable[[int], SourceFile]]] = []
        self._ends: list[int] = []

    def add(self, count: int, make: Callable[[int], SourceFile]) -> None:
        if count:
            self._parts.append((count, make))
            self._ends.append(len(self) + count)

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __iter__(self) -> Iterator[SourceFile]:
        for count, make in self._parts:
            for position in range(count):
                yield make(position)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self[position] for position in range(*key.indices(len(self)))]
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError("source listing index out of range")
        part = bisect_right(self._ends, key)
        start = self._ends[part - 1] if part else 0
        return self._parts[part][1](key - start)


def archive_members(
    path: Path, name: str, limits: SourceLimits, stack: ExitStack
) -> tuple[int, Callable[[int], SourceFile]]:
    """How many sources a zip archive holds, and how to make the one at each position."""
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError) as error:
        reason = f"not a readable zip archive ({error})"
        return 1, lambda _: refused(name, reason)
    reader = ArchiveReader(archive, name, limits)
    members = [
        (index, info)
        for index, info in enumerate(archive.infolist())
        if not info.is_dir() and info.filename.lower().endswith((EDITORIAL_SUFFIX, ARCHIVE_SUFFIX))
    ]
    # Sorted by name; the sort is stable, so members of one name keep the archive's order.
    members.sort(key=lambda member: member[1].filename)
    copies: dict[str, int] = {}
    listed = []
    for index, info in members:
        copies[info.filename] = copies.get(info.filename, 0) + 1
        listed.append((info, index, copies[info.filename]))
    return len(listed), lambda position: reader.member(*listed[position])


def folder_files(path: Path, limits: SourceLimits) -> tuple[int, Callable[[int], SourceFile]]:
    """How many editorial files a folder holds (recursively), and how to make each source;
    only their paths are kept, as strings."""
    files = sorted(
        full
        for folder, _, names in os.walk(path)  # not into linked folders, as rglob does not
        for name in names
        if name.endswith(EDITORIAL_SUFFIX) and os.path.isfile(full := os.path.join(folder, name))
    )
    return len(files), lambda position: replace(
        plain_file(Path(files[position]), files[position], limits), origin=(position,)
    )


def expand(path: Path, limits: SourceLimits, stack: ExitStack) -> tuple[int, Callable]:
    name = str(path)
    if path.is_dir():
        return folder_files(path, limits)
    if not path.exists():
        return 1, lambda _: refused(name, "no such file or folder")
    if path.suffix.lower() == ARCHIVE_SUFFIX:
        return archive_members(path, name, limits, stack)
    return 1, lambda _: plain_file(path, name, limits)


@contextmanager
def opened_sources(
    paths: Iterable[str | Path], *, limits: SourceLimits | None = None
) -> Iterator[SourceListing]:
    """Every editorial file under the given paths, in a stable order; archives stay open.
    Each source's origin starts with the index of its path, so no two origins are equal."""
    limits = limits or SourceLimits()
    with ExitStack() as stack:
        listing = SourceListing()
        for index, path in enumerate(paths):
            count, make = expand(Path(path), limits, stack)
            listing.add(count, partial(with_path_index, make, index))
        yield listing


def with_path_index(make: Callable[[int], SourceFile], index: int, position: int) -> SourceFile:
    source = make(position)
    return replace(source, origin=(index, *source.origin))
