"""Stage 5, write: only files whose bytes change, each replaced atomically.

Unchanged files keep their modification time, so that `mkdocs serve
--dirty` rebuilds only the pages that changed. The output folder holds only
what the generator writes: a file there that is no longer generated is removed.

A write is all or nothing: a `Journal` keeps what every file was before, so
that a failure half-way (a full disk, an interrupt) puts every file back as
it was. Nothing is written or removed outside the
folder being written, whatever a path or a symbolic link says.

The site is published otherwise (`publish.py`): MkDocs builds it whole into a
staging folder beside site/, which then takes site/'s place in one rename.
"""

from __future__ import annotations

import errno
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Mapping, Optional

from .incremental import UNCHANGED, UNKNOWN, Contents, Memo, digest_of
from .problems import BadInput, Problem
from .project import Project

# Where new files are written before they are renamed into the output
# folder, so that a reader sees only finished files. (.gitignore: /.site-*/)
SCRATCH = ".site-writing"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


class Journal:
    """What each changed file was before, in the order of the changes, so
    that `undo` can put it back: the file itself, kept under another name in
    a folder of `scratch` (linked: nothing is copied or held, where the
    bytes held were the last database and data file, 70 MB at 10,000
    engagements), or its bytes where it cannot be linked there; None: there
    was none. `close` lets the files kept go."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.keep: Optional[Path] = None  # made when a file is first kept
        self.before: dict[Path, Optional[bytes | Path]] = {}
        self.folders: dict[Path, Path] = {}  # a file's folder → the folder written into

    def remember(self, path: Path, base: Path) -> None:
        """Keeps what `path` is, before it is replaced or removed."""
        if path not in self.before:
            self.before[path] = self._kept(path)
            self.folders[path] = base

    def _kept(self, path: Path) -> Optional[bytes | Path]:
        if not os.path.lexists(path):
            return None
        try:
            if self.keep is None:
                self.scratch.mkdir(parents=True, exist_ok=True)
                self.keep = Path(tempfile.mkdtemp(prefix="before-", dir=self.scratch))
            kept = self.keep / str(len(self.before))
            os.link(path, kept, follow_symlinks=False)
            return kept
        except (OSError, NotImplementedError):  # another file system, or no links
            return _read(path)

    def undo(self) -> None:
        """Puts every file back as it was, newest change first."""
        for path, was in reversed(list(self.before.items())):
            if was is None:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                _remove_empty_parents(path.parent, self.folders[path])
            elif isinstance(was, Path):
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(was, path)
            else:
                _replace(path, was)
        self.before.clear()

    def close(self) -> None:
        """Lets the files kept go: the changes stand."""
        if self.keep is not None:
            shutil.rmtree(self.keep, ignore_errors=True)
            self.keep = None
        self.before.clear()


def _replace(path: Path, data: bytes | Callable[[BinaryIO], None], scratch: Optional[Path] = None) -> None:
    """Writes `data` (or what `data` writes into the file it is given) to a
    temporary file, in `scratch` if given, and renames it over `path`. A
    scratch folder outside content/ keeps `mkdocs serve` from seeing the
    temporary files; on another file system it cannot be renamed from, so
    the file's own folder is used instead. A folder is made only when the
    file system says it is missing: a cold build writes thousands of files
    into a few folders."""
    temporary = (scratch or path.parent) / f".{path.name}.{os.getpid()}.tmp"
    try:
        _fill(temporary, data)
        try:
            os.replace(temporary, path)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if scratch is None or error.errno != errno.EXDEV:
            raise
        _replace(path, data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _fill(temporary: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Creates `temporary` (and its folder if missing) holding `data`: bytes
    through the descriptor itself, without a buffered file around it (a
    few system calls less for each of thousands of small files)."""
    try:
        descriptor = os.open(temporary, _NEW_FILE, 0o666)
    except FileNotFoundError:
        temporary.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, _NEW_FILE, 0o666)
    try:
        if isinstance(data, bytes):
            left = memoryview(data)
            while left:
                left = left[os.write(descriptor, left):]
        else:
            with open(descriptor, "wb", closefd=False) as file:
                data(file)
    finally:
        os.close(descriptor)


def _read(path: Path) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_if_changed(path: Path, data: bytes, journal: Optional[Journal] = None, base: Optional[Path] = None,
                     scratch: Optional[Path] = None) -> bool:
    if _read(path) == data:
        return False
    if journal is not None:
        journal.remember(path, base or path.parent)
    _replace(path, data, scratch)
    return True


def write_streamed(path: Path, fill: Callable[[BinaryIO], None]) -> None:
    """Replaces `path` atomically with what `fill` writes into the file it is
    given: for data too large to hold in memory twice (the jobs in .cache/)."""
    _replace(path, fill)


def is_plain_path(path: str) -> bool:
    """A relative path going down only: no `..`, no root, no drive, no empty part."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return False
    parts = path.split("/")
    return "" not in parts and ".." not in parts and "." not in parts and ":" not in parts[0]


def _escapes(folder: Path, path: Path) -> bool:
    """Whether writing `path` would land outside `folder`, through `..` or a
    symbolic link on the way (the file itself, if a link, is replaced, not followed)."""
    try:
        return not path.parent.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def holds(memo: Memo, path: Path, digest: bytes) -> bool:
    """Whether `path` holds bytes of `digest`: as the memo knows while the
    file is as it was last written or read, else read. A digest is kept, not
    the bytes: a session at 10,000 engagements would hold every file twice."""
    signature = _signature(path)
    known = memo.recall("written", str(path), signature)
    if known is UNKNOWN:
        data = _read(path)
        if data is None:
            return False
        known = digest_of(data)
        memo.remember("written", str(path), signature, known)
    return known == digest


def _saw(memo: Memo, path: Path, data: bytes) -> None:
    memo.remember("written", str(path), _signature(path), digest_of(data))


def _signature(path: Path) -> tuple:
    try:
        status = path.lstat()
    except OSError:
        return ()
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def generated_files(folder: Path) -> set[str]:
    """The files in the output folder, which holds only what the generator wrote."""
    found: set[str] = set()
    top = str(folder)
    for directory, _, names in os.walk(top):
        # Plain strings: thousands of files, and a Path for each was a tenth of a rebuild under serve.
        inside = os.path.relpath(directory, top).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        found.update(prefix + name for name in names)
    return found


def write_outputs(project: Project, batches: Iterable[Mapping[str, Contents]], extra: dict[Path, bytes] | None = None,
                  memo: Optional[Memo] = None) -> WriteReport:
    """Writes the outputs in `batches` (each a mapping of paths relative to
    the output folder to bytes, or to UNCHANGED where the file holds them
    already, written as it comes, so that its bytes can be let go before the
    next is made) and `extra` (absolute paths inside the project), and
    removes the files of the output folder no longer wanted. A path that
    would lead outside is refused, with every other such path of every
    batch; then, or if anything fails on the way, every file is put back as
    it was (see `Journal`)."""
    folder = project.output
    previous = generated_files(folder)
    extra = extra or {}
    escaping: dict[str, bool] = {}  # by folder: pages share a few folders

    def escapes(path: str) -> bool:
        parent = posixpath.dirname(path)
        if parent not in escaping:
            escaping[parent] = _escapes(folder, folder / path)
        return escaping[parent]

    outside: list[Problem] = []
    outside_project = [Problem(project.display(path), 0, "", "would be written outside the project")
                       for path in extra if _escapes(project.root, path)]
    scratch = project.root / SCRATCH
    journal = Journal(scratch)
    report = WriteReport()
    wanted: set[str] = set()
    try:
        for outputs in batches:
            wanted.update(outputs)
            outside += [Problem(project.display(folder / path), 0, "", "would be written outside the output "
                                "folder; is a folder in it a symbolic link?")
                        for path in sorted(outputs) if not is_plain_path(path) or escapes(path)]
            if not (outside or outside_project):  # else nothing more is written: what was is put back below
                _write_batch(outputs, folder, scratch, journal, report, memo, previous)
            # Let go before the next output is made, which would otherwise be
            # held beside this one (the database beside the pages: 50 MB at 10,000 engagements).
            del outputs
        if outside or outside_project:
            raise BadInput(outside + outside_project)
        for target, data in extra.items():
            if write_if_changed(target, data, journal, project.root):
                report.written.append(project.display(target))
        for path in sorted(previous - wanted):
            target = folder / path
            if target.is_file() and not target.is_symlink() and not _escapes(folder, target):
                journal.remember(target, folder)
                target.unlink()
                if memo is not None:
                    memo.forget("written", str(target))
                report.removed.append(path)
                _remove_empty_parents(target.parent, folder)
    except BaseException:
        journal.undo()
        raise
    finally:
        journal.close()
    return report


def _write_batch(outputs: Mapping[str, Contents], folder: Path, scratch: Path, journal: Journal,
                 report: WriteReport, memo: Optional[Memo], listed: set[str]) -> None:
    """Writes the files of one output that changed: compared first, then written in one burst.
    A file not `listed` in the folder before the build is new: it is not read."""
    changed = {}
    for path, data in sorted(outputs.items()):
        if data is UNCHANGED:  # a text its file holds: so its job found (see incremental.Jobs)
            continue
        assert isinstance(data, bytes)
        if path not in listed or not (holds(memo, folder / path, digest_of(data)) if memo is not None
                                      else _read(folder / path) == data):
            changed[path] = data
    report.unchanged += len(outputs) - len(changed)
    for path, data in changed.items():
        target = folder / path
        journal.remember(target, folder)
        _replace(target, data, scratch)
        report.written.append(path)
        if memo is not None:
            _saw(memo, target, data)


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_relative_to(stop) and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
