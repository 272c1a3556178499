"""Publishing the site: MkDocs builds it whole into a staging folder beside
site/, which takes site/'s place in one rename when the build succeeded. A
failed build, a warning in strict mode included, leaves the last good site in
place, and a build killed at any moment leaves it old or new, never mixed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Optional

from mkdocs.structure.files import File

from . import pipeline
from .acronyms import Abbreviations
from .project import Project
from .routes import url_of
from .write import WriteReport, generated_files


class StagedBuild:
    """One `mkdocs build` of a project into a staging folder: its lock held
    from generating to the last file published, and MkDocs' `site_dir`
    pointing at the staging folder while it builds."""

    def __init__(self, project: Project, config: Any) -> None:
        """Takes the project's lock (raises `pipeline.Busy` when another build
        holds it) and points `config.site_dir` at a new staging folder."""
        self.lock = contextlib.ExitStack()
        self.lock.enter_context(pipeline.locked(project))
        self.config = config
        self.target = Path(config.site_dir)
        try:
            self.staging = staging_folder(self.target)
        except BaseException:
            self.lock.close()
            raise
        config.site_dir = str(self.staging)

    def as_published(self, message: str) -> str:
        """A message naming a file by where it was to be published."""
        return message.replace(str(self.staging), str(self.target))

    def finish(self, built: bool) -> Optional[WriteReport]:
        """Publishes the staged site when it was `built` whole (what changed
        in site/), else leaves site/ as it was (None); either way the
        staging folder goes and the lock is released. An OSError raised
        here leaves site/ untouched."""
        try:
            return publish(self.staging, self.target) if built else None
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.lock.close()
            # What runs after the build (gh-deploy) finds the site where it now is.
            self.config.site_dir = str(self.target)



class LinkedFile(File):
    """A generated file that MkDocs publishes as a hard link to the one in
    the output folder instead of a copy: copying the 2,415 data files of a
    1,000-engagement briefing was a tenth of MkDocs' build. The two stay
    apart in what they hold, as nothing writes into a file: the generator
    replaces the files it changes (`write._replace`), and `publish` keeps an
    unchanged file by linking the published one, never changing a time.
    Copied where the two folders cannot share a file (another file system)."""

    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            return super().copy_file(dirty)
        output = self.abs_dest_path
        os.makedirs(os.path.dirname(output), exist_ok=True)
        try:
            _link(self.abs_src_path, output)
        except OSError:
            super().copy_file(dirty)


def _link(source: str, target: str) -> None:
    """Makes `target` a hard link to `source`, replacing what it was in one step."""
    try:
        os.link(source, target)
    except FileExistsError:
        if os.path.samefile(source, target):
            return  # a rename from one link of a file to another would do nothing
        linked = f"{target}.{os.getpid()}.link"
        os.link(source, linked)
        try:
            os.replace(linked, target)
        except OSError:
            os.unlink(linked)
            raise


class Preview:
    """Under `mkdocs serve --dirty`, what the last build published: a dirty
    build writes only what changed, so what the previous build published
    from files no longer generated is taken away, and the pages whose
    acronyms' tooltips changed are made again (`outdate`)."""

    def __init__(self) -> None:
        self.published: set[str] = set()
        self.abbreviations: Optional[Abbreviations] = None  # those the published pages were made with

    def outdate(self, pages: list[Any]) -> None:
        """Takes away what the last build made of `pages` (MkDocs `File`s):
        a dirty build rebuilds a page only when its source is newer than
        what it made, and these are to be made again though their sources
        did not change."""
        for page in pages:
            Path(page.abs_dest_path).unlink(missing_ok=True)

    def remove_unpublished(self, site: Path, files: list[str]) -> None:
        now = {url_of(path) for path in files}
        for gone in self.published - now:
            (site / gone).unlink(missing_ok=True)
        self.published = now

# The folder MkDocs builds a site into, beside the site it will replace
# (.gitignore: /.site-*/). One left behind by a killed build is removed by the next.
STAGING_PREFIX = ".site-staging-"
# Where the old site waits while two renames swap it for the new one, on a
# system that cannot swap two folders in one step.
PREVIOUS_PREFIX = ".site-previous-"


def staging_folder(target: Path) -> Path:
    """A new, empty folder to build the site into, beside `target`, so that
    it can be renamed into its place. Those left by a build that was killed
    are removed first: the caller holds the project's lock, so no other
    build is using them."""
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    previous = parent / (PREVIOUS_PREFIX + target.name)
    if os.path.lexists(previous):
        if os.path.lexists(target):
            _remove_folder(previous)
        else:  # killed between the two renames of `_exchange`: the old site goes back
            os.rename(previous, target)
    for left in parent.glob(STAGING_PREFIX + "*"):
        _remove_folder(left)
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))


def _remove_folder(path: Path) -> None:
    """Removes a folder and what is in it; a symbolic link only as itself."""
    if path.is_symlink():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def publish(staged: Path, target: Path) -> WriteReport:
    """Makes the complete site built in `staged` the site at `target` in one
    rename, never file by file: whenever the process is stopped, even by
    SIGKILL, `target` holds the old site whole or the new one whole. Files
    whose bytes did not change keep their modification time, so that a copy
    by date (rsync, a web server's caching) sends only what changed. The old
    site is removed afterwards (if this is killed first, by the next build)."""
    if target.is_symlink():
        raise OSError(f"{target} is a symbolic link; set site_dir in mkdocs.yml to the folder it points to")
    report = WriteReport()
    wanted = set(generated_files(staged))
    existing = generated_files(target) if target.is_dir() else set()
    for path in sorted(wanted):
        old, new = target / path, staged / path
        if path in existing and not old.is_symlink() and _same_bytes(old, new):
            _keep(old, new)
            report.unchanged += 1
        else:
            report.written.append(path)
    report.removed = sorted(existing - wanted)
    # Not fsynced file by file (20,000 pages would take a while): the site is
    # a product of the seeds, and a kill, unlike a power cut, loses nothing
    # the kernel was given.
    if target.exists():
        _exchange(staged, target)  # `staged` now holds the old site
        _remove_folder(staged)
    else:
        os.rename(staged, target)
    return report


def _keep(old: Path, new: Path) -> None:
    """The staged file `new`, of the same bytes as the published `old`,
    becomes a link to it: it keeps its time, and a staged file linked to
    the output folder's (`LinkedFile`) leaves that one's time alone."""
    try:
        _link(str(old), str(new))
    except OSError:  # a file system without hard links: the time is copied instead
        status = old.stat()
        os.utime(new, ns=(status.st_atime_ns, status.st_mtime_ns))


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        first, second = a.stat(), b.stat()
        if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
            return True  # one file: a data file published as a link to the generated one, both times
        return first.st_size == second.st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _fsync_folder(directory: str) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> None:
    """Swaps the folders at `a` and `b` in one step: Linux's renameat2 with
    RENAME_EXCHANGE. Where that is missing (another system, a file system
    without it) two renames are the fallback; a process killed between them
    leaves `b` missing and the old site aside, which `staging_folder` puts
    back."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if done == 0:
            _fsync_folder(str(b.absolute().parent))
            return
        number = ctypes.get_errno()
        if number not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(number, os.strerror(number), str(b))
    swap = b.absolute().with_name(PREVIOUS_PREFIX + b.name)
    os.rename(b, swap)
    os.rename(a, b)
    os.rename(swap, a)
    _fsync_folder(str(b.absolute().parent))
