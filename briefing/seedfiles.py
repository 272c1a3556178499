"""The files of seeds/ as `add` and `apply` read and change them.

Changing: all or nothing, whatever happens. Each new file is written beside
the one it replaces and synced; the old one is kept beside it (a hard link,
which needs no space); a journal naming the files is written; then every new
file is renamed into place. Until the change is done, an error puts every
old file back, and after a crash the next `add` or `apply` does. The
project's lock is held throughout, as builds hold it, so two changes never
interleave.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from . import pipeline
from .load import Unreadable, read_regular
from .project import Project

# The journal of a change under way, in seeds/ (check and build read only
# sources.yml and facts/*.yml there).
JOURNAL = ".change-journal.json"
# Beside a file: its new bytes before the rename, its old ones until the change is done.
NEW, OLD = ".{}.new", ".{}.old"
# A file name of seeds/ that `add` or `apply` may write: plain, visible, not too long.
MAX_NAME = 120
_PLAIN_NAME = re.compile(r"^[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*$")


class Interrupted(Exception):
    """A journal that cannot be trusted to roll back: left for the curator."""


def plain_name(name: str) -> Optional[str]:
    """Why `name` cannot be a file name of seeds/, or None."""
    if not name:
        return "an empty file name"
    if len(name) > MAX_NAME:
        return f"a file name of {len(name)} characters; the limit is {MAX_NAME}"
    if not _PLAIN_NAME.fullmatch(name) or name in (".", ".."):
        return (f"'{name}' is not a plain file name (no folders, backslashes, control characters, "
                "or a leading dot)")
    return None


def _allowed(seeds: Path, path: Path) -> bool:
    """Whether `path` is one a change may write: sources.yml, a facts file or
    a source document, by a plain name. A journal is data; these are not."""
    try:
        parts = path.relative_to(seeds).parts
    except ValueError:
        return False
    if parts == ("sources.yml",):
        return True
    return len(parts) == 2 and parts[0] in ("facts", "sources") and plain_name(parts[1]) is None and (
        parts[0] == "sources" or parts[1].endswith(".yml"))


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs folders
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _write_synced(path: Path, data: bytes) -> None:
    """Writes a file that is not there yet (no link is followed), synced."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _beside(path: Path, pattern: str) -> Path:
    return path.with_name(pattern.format(path.name))


@dataclass
class Change:
    """A change to seeds/ under way: files to write, all or none."""

    project: Project
    command: str
    pending: dict[Path, bytes] = field(default_factory=dict)
    placed: list[tuple[Path, bool]] = field(default_factory=list)  # (file, whether it existed) in the journal

    def write(self, path: Path, data: bytes) -> None:
        """Queues `data` for `path`; nothing is written before `commit`."""
        if not _allowed(self.project.seeds, path):
            raise ValueError(f"a change may not write {path}")  # a bug, never the curator's input
        self.pending[path] = data

    def commit(self) -> None:
        """Puts every queued file in place. The old ones stay beside them
        until the change is done, so an error later (a check that fails)
        still rolls everything back."""
        seeds = self.project.seeds
        entries: list[tuple[Path, bool]] = []
        try:
            for path, data in sorted(self.pending.items()):
                path.parent.mkdir(parents=True, exist_ok=True)
                _beside(path, NEW).unlink(missing_ok=True)
                _write_synced(_beside(path, NEW), data)
                existed = _regular_or_absent(path)
                if existed:
                    _keep_old(path)
                entries.append((path, existed))
            _write_journal(seeds, self.command, entries)
        except BaseException:
            for path, existed in entries:
                _beside(path, NEW).unlink(missing_ok=True)
                if existed:
                    _beside(path, OLD).unlink(missing_ok=True)
            for path in self.pending:
                _beside(path, NEW).unlink(missing_ok=True)
            raise
        self.placed = entries
        for path, _ in entries:
            os.replace(_beside(path, NEW), path)
        for folder in sorted({path.parent for path, _ in entries}):
            _sync_folder(folder)
        self.pending.clear()

    def done(self) -> None:
        """The change stands: the journal goes (that is the moment it is
        made), then the old files."""
        journal = self.project.seeds / JOURNAL
        if not journal.exists():
            return
        journal.unlink()
        _sync_folder(self.project.seeds)
        for path, existed in self.placed:
            if existed:
                _beside(path, OLD).unlink(missing_ok=True)

    def undo(self) -> None:
        if (self.project.seeds / JOURNAL).exists():
            _roll_back(self.project.seeds, self.placed)


def _regular_or_absent(path: Path) -> bool:
    """Whether a file is there to replace; refuses one that is a link or not a file."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(status.st_mode) else "not a regular file"
        raise OSError(errno.EEXIST, f"{path} is {kind}; remove it first")
    return True


def _keep_old(path: Path) -> None:
    old = _beside(path, OLD)
    old.unlink(missing_ok=True)
    try:
        os.link(path, old)
    except OSError:  # a file system without hard links: a synced copy
        _write_synced(old, path.read_bytes())


def _write_journal(seeds: Path, command: str, entries: list[tuple[Path, bool]]) -> None:
    text = json.dumps({"command": command, "files": [
        {"path": path.relative_to(seeds).as_posix(), "existed": existed} for path, existed in entries]})
    journal = seeds / JOURNAL
    _beside(journal, NEW).unlink(missing_ok=True)
    _write_synced(_beside(journal, NEW), text.encode("utf-8"))
    os.replace(_beside(journal, NEW), journal)
    _sync_folder(seeds)


def _roll_back(seeds: Path, entries: list[tuple[Path, bool]]) -> None:
    for path, existed in entries:
        old = _beside(path, OLD)
        if existed and old.exists():
            if path.exists() and os.path.samefile(old, path):
                old.unlink()  # never replaced: renaming a hard link over itself would do nothing
            else:
                os.replace(old, path)
        elif not existed:
            path.unlink(missing_ok=True)
        _beside(path, NEW).unlink(missing_ok=True)
    for folder in sorted({path.parent for path, _ in entries}):
        _sync_folder(folder)
    (seeds / JOURNAL).unlink(missing_ok=True)
    _sync_folder(seeds)


def recovered(project: Project) -> Optional[str]:
    """Rolls back a change a crash interrupted, holding the lock: what was
    done, or None when nothing was under way."""
    with pipeline.locked(project, wait=True):
        return recover(project)


def recover(project: Project) -> Optional[str]:
    """Rolls back a change a crash interrupted (the lock held)."""
    seeds = project.seeds
    journal = seeds / JOURNAL
    if not journal.exists():
        return None
    try:
        recorded = json.loads(read_regular(journal, 1 << 20).decode("utf-8"))
        command = str(recorded["command"])
        entries = [(seeds / item["path"], bool(item["existed"])) for item in recorded["files"]]
    except (Unreadable, ValueError, KeyError, TypeError) as error:
        raise Interrupted(f"{project.display(journal)} records an interrupted change but cannot be read "
                          f"({error}); compare seeds/ with your last commit, then delete it") from None
    if command not in ("add", "apply") or not all(_allowed(seeds, path) for path, _ in entries):
        raise Interrupted(f"{project.display(journal)} names files a change never writes; "
                          "compare seeds/ with your last commit, then delete it")
    _roll_back(seeds, entries)
    names = ", ".join(project.display(path) for path, _ in entries) or "no file"
    return f"an interrupted {command} was rolled back ({names} as they were before it)"


@contextlib.contextmanager
def changing(project: Project, command: str) -> Iterator[Change]:
    """Holds the project's lock (waiting for a build or another change to
    finish), rolls back what a crash left, and yields a change that is done
    when the block ends, or undone if it raises."""
    with pipeline.locked(project, wait=True):
        recover(project)
        change = Change(project, command)
        try:
            yield change
        except BaseException:
            change.undo()
            raise
        change.done()
