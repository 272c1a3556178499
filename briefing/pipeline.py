"""The stages in order: load → verify → records → render → write → MkDocs."""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not locked
    fcntl = None

from . import stamp
from .load import ReadFiles
from .problems import BadInput
from .project import Project
from .records import Briefing, assemble
from .render import Rendered, render_outputs, schema_outputs
from .verify import Verified, check as load_and_verify
from .write import Journal, WriteReport, Written, read_manifest, sync_tree, write_outputs

# The lock a build holds, in a folder that .gitignore's `/.site-*/` covers.
LOCK_FOLDER = ".site-lock"
LOCK_FILE = "lock"


class SiteFailed(Exception):
    """MkDocs could not build the site from pages the generator wrote."""


class Busy(Exception):
    """Another build of the same project is running."""


@dataclass
class Session:
    """What one process keeps from one generation to the next, so that under
    `mkdocs serve` an edit costs about what it touches: the files read, the
    records verified, the pages rendered and the files written."""

    read: ReadFiles = field(default_factory=ReadFiles)
    verified: Verified = field(default_factory=Verified)
    rendered: Rendered = field(default_factory=Rendered)
    written: Written = field(default_factory=Written)

    @property
    def filled(self) -> bool:
        return self.rendered.collections is not None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for one generation: the nodes, records and
    pages it makes live until it ends and hold no garbage cycles worth the
    trouble, and the collector would walk all of them again each time they
    grow by a fraction (a third of the time at 10,000 engagements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(project: Project, session: Optional[Session] = None) -> Briefing:
    with collector_paused():
        loaded, corpus, problems = load_and_verify(project.seeds, project.root, session and session.read,
                                                   session and session.verified)
        if problems:
            raise BadInput(problems)
        return assemble(loaded, corpus)


_held = threading.local()


@contextlib.contextmanager
def locked(project: Project) -> Iterator[None]:
    """Holds the project's build lock, or raises `Busy` at once if another
    process (or thread) holds it. The same thread may take it again inside.
    The lock is an flock: it goes with its process, however that ends."""
    roots = _held.__dict__.setdefault("roots", set())
    root = project.root.resolve()
    if fcntl is None or root in roots:
        yield
        return
    folder = project.root / LOCK_FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            raise Busy(f"another build of this project is running{holder}; "
                       f"nothing was written. Try again when it has finished "
                       f"(the lock is {project.display(path)}).") from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        roots.add(root)
        try:
            yield
        finally:
            roots.discard(root)
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)  # releases the flock


def _holder(descriptor: int) -> str:
    try:
        pid = os.pread(descriptor, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def generate(project: Project, journal: Optional[Journal] = None, session: Optional[Session] = None) -> WriteReport:
    """Check, then write the schemas, records and pages that changed. Holds
    the project's lock, so that the MkDocs hook takes it too. A `session`
    carries what earlier generations in this process found."""
    with locked(project):
        schemas = {project.seeds / name: data for name, data in schema_outputs().items()}
        # Taken before reading: an edit made while this runs must not count as seen.
        inputs = stamp.inputs(project, schemas)
        previous = read_manifest(project.content)
        # A session not yet filled generates in full, so that the next edit
        # finds what it needs in memory (under `mkdocs serve`, the first build).
        if (session is None or session.filled) and stamp.unchanged(project, inputs, previous):
            return WriteReport(unchanged=len(previous))
        stamp.forget(project)
        with collector_paused():
            briefing = check(project, session)
            outputs = render_outputs(briefing, project, session and session.rendered)
            report = write_outputs(project, outputs, schemas, journal, session and session.written)
        stamp.save(project, inputs, read_manifest(project.content))
        return report


def build(project: Project) -> tuple[WriteReport, WriteReport]:
    """Generate, then build the site, under one lock. The last good build is
    what content/ and site/ hold after a build that succeeded; a build that
    fails at any step leaves both as they were, so content/ never runs ahead
    of site/."""
    with locked(project):
        journal = Journal()
        generated = generate(project, journal)
        try:
            site = build_site(project)
        except BaseException:
            journal.undo()
            raise
        return generated, site


def build_site(project: Project) -> WriteReport:
    """Runs MkDocs as its own process, as a user would, in strict mode, into a
    staging folder; only then are the changed files copied into site/, so a
    failed build leaves the last good site as it was."""
    env = {**os.environ, "BRIEFING_GENERATED": "1", "NO_MKDOCS_2_WARNING": "1"}
    # MkDocs stamps the sitemap with the build time; a day's resolution keeps
    # rebuilds of unchanged input from rewriting it. Set SOURCE_DATE_EPOCH for
    # builds that must be byte-identical on any day.
    env.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))
    with locked(project), tempfile.TemporaryDirectory(prefix=".site-", dir=project.root) as staging:
        # Not --quiet: it would silence the warnings that --strict counts.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "-f", str(project.mkdocs_yml), "--site-dir", staging],
            cwd=project.root, env=env, capture_output=True, text=True,
        )
        # MkDocs' progress lines are noise here; its warnings and errors are not.
        for line in (result.stdout + result.stderr).splitlines():
            if line.strip() and not line.startswith("INFO"):
                print(line, file=sys.stderr)
        if result.returncode != 0:
            raise SiteFailed(f"mkdocs build failed (exit {result.returncode}); the messages above say why")
        return sync_tree(Path(staging), project.site)


def serve_site(project: Project, dev_addr: str) -> None:
    """`mkdocs serve --dirty`: the generator rewrites only the pages an edit
    changes, so MkDocs need rebuild only those, which keeps reloads quick."""
    # Not strict: MkDocs warns that dirty builds may leave navigation stale.
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                              "-f", str(project.mkdocs_yml), "--dev-addr", dev_addr])
