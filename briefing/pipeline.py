"""The stages in order: load → verify → indexes and views → outputs → write.

`generate` runs them into the output folder; the MkDocs plugin
(`plugin.py`) hands what they wrote to MkDocs, and `build.py` and the
`briefing` command run MkDocs as a user would.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Hashable, Iterator, Mapping, Optional, cast

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not locked
    fcntl = None  # type: ignore[assignment]

from . import stamp
from .incremental import CACHE as MEMO_CACHE
from .incremental import Contents, Job, Memo, run_fresh
from .outputs import OUTPUTS
from .pages import Setting, missing_templates, templates_state
from .problems import BadInput, Problems
from .project import Project
from .schema import schemas
from .verify import check as load_and_verify
from .views import Briefing, assemble
from .write import WriteReport, holds, write_outputs, write_streamed

# The lock a build holds, in a folder that .gitignore's `/.site-*/` covers.
# A build hands it to the MkDocs process it starts through this variable.
LOCK_HANDED = "BRIEFING_LOCK_HELD_BY"
LOCK_FOLDER = ".site-lock"
LOCK_FILE = "lock"


class SiteFailed(Exception):
    """MkDocs could not build the site from pages the generator wrote."""


class Busy(Exception):
    """Another build of the same project is running."""


@dataclass
class Session:
    """What one process keeps from one generation to the next, so that under
    `mkdocs serve` an edit costs about what it touches: the memo (the files
    read, the records verified, the jobs run with what each asked of the
    briefing, and the files written)."""

    memo: Memo = field(default_factory=Memo)

    @property
    def filled(self) -> bool:
        return self.memo.filled


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
    """The briefing, checked: mkdocs.yml and the folders a briefing needs,
    then the seeds; every problem of all of them at once."""
    setup, warnings = project.setup_problems()
    if not project.validated:
        # Under MkDocs the pages are rendered next, which says the same; a
        # check on its own renders nothing, so it looks (a few ms a template).
        setup += missing_templates(project.templates)
    with collector_paused():
        loaded, corpus, problems = load_and_verify(project.seeds, project.root,
                                                   session.memo if session else None)
        if setup or problems or corpus is None:
            # A file reported missing, with what to create, need not also be reported unreadable.
            said = {problem.file for problem in setup}
            found = Problems(setup + [problem for problem in problems if problem.file not in said])
            found.truncated = getattr(problems, "truncated", False)
            raise BadInput(found)
        corpus.warnings[:0] = warnings
        return assemble(loaded, corpus)


_held = threading.local()


@contextlib.contextmanager
def locked(project: Project, wait: bool = False) -> Iterator[None]:
    """Holds the project's build lock, or raises `Busy` at once if another
    process (or thread) holds it; with `wait`, waits for it instead (an `add`
    or `apply` of a few milliseconds). The same thread may take it again inside.
    The lock is an flock: it goes with its process, however that ends."""
    roots = _held.__dict__.setdefault("roots", set())
    root = project.root.resolve()
    # MkDocs run by `build` as a process of its own: the lock is its parent's.
    handed = os.environ.get(LOCK_HANDED) == f"{os.getppid()}:{root}"
    if fcntl is None or root in roots or handed:
        yield
        return
    folder = project.root / LOCK_FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
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


def setting(project: Project) -> Setting:
    return Setting(project.templates, templates_state(project.templates), project.site_name, project.build_date,
                   project.site_url, licence=project.licence, report_text=project.report_text,
                   site_description=project.site_description)


def render_each(briefing: Briefing, project: Project, session: Optional[Session] = None
                ) -> Iterator[Mapping[str, Contents]]:
    """The files of each output in turn, by path relative to the output
    folder: one output's results are let go before the next is made. With a
    session, only the jobs whose inputs changed since its last run are run,
    and a text file whose job was not is UNCHANGED: the output folder holds it."""
    now = setting(project)
    generation = (session.memo.jobs.generation(briefing, _holding(project, session.memo)) if session is not None
                  else contextlib.nullcontext(lambda jobs, texts: run_fresh(briefing, jobs)))
    with generation as run:
        for output in OUTPUTS:
            planned = output.jobs(briefing, now)
            results = run([Job((output.name, job.key), job.run, job.arguments) for job in planned], output.texts)
            yield output.files({job.key: results[(output.name, job.key)] for job in planned})
            del results
            _give_back()


def _holding(project: Project, memo: Memo) -> Callable[[Hashable, bytes], bool]:
    """Whether the file of a job of a text output holds the bytes of a digest."""
    def file_holds(key: Hashable, digest: bytes) -> bool:
        _, path = cast(tuple[str, str], key)  # the output's name, the file's path
        return holds(memo, project.output / path, digest)
    return file_holds


def _give_back() -> None:
    """Hands the memory an output let go back to the system. The C library
    keeps what was freed for its own later use, in pieces the next output
    (of other sizes) may not fit: a session at 10,000 engagements would
    otherwise hold the peak of every output at once."""
    if _trim is not None:
        _trim(0)


try:  # glibc's; elsewhere memory goes back as the C library sees fit
    _trim: Optional[Callable[[int], int]] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
except (OSError, AttributeError):
    _trim = None


def render(briefing: Briefing, project: Project, session: Optional[Session] = None) -> dict[str, bytes]:
    """Every output file, by path relative to the output folder."""
    files: dict[str, bytes] = {}
    for each in render_each(briefing, project, session):
        files.update({path: data if isinstance(data, bytes) else (project.output / path).read_bytes()
                      for path, data in each.items()})
    return files


def schema_files(project: Project) -> dict[Path, bytes]:
    """The JSON Schemas the editor validation reads, beside the seeds."""
    return {project.seeds / name: text.encode("utf-8") for name, text in schemas().items()}


@dataclass
class Generated:
    """What a generation left in the output folder."""

    files: list[str]
    report: WriteReport
    # The briefing checked, or None when nothing changed and nothing was read.
    briefing: Optional[Briefing] = None


def generate(project: Project, session: Optional[Session] = None) -> Generated:
    """Check, then write the schemas and the output files that changed.
    Holds the project's lock. A `session` carries what earlier generations
    in this process found."""
    with locked(project):
        extra = schema_files(project)
        # Taken before reading: an edit made while this runs must not count as seen.
        inputs = stamp.inputs(project, extra)
        # A session not yet filled generates (from what .cache/ holds), so that
        # the next edit finds what it needs in memory (under `mkdocs serve`, the first build).
        if session is None or session.filled:
            files = stamp.unchanged(project, inputs)
            if files is not None:
                return Generated(files, WriteReport(unchanged=len(files)))
        stamp.forget(project)
        kept = session or Session()
        first = not kept.filled
        if first:  # a new process: the memo of the last one, as it left it in .cache/
            kept.memo = Memo.load(project.root / MEMO_CACHE)
        kept.memo.count()
        with collector_paused():
            briefing = check(project, kept)
            made: list[str] = []
            report = write_outputs(project, _listed(render_each(briefing, project, kept), made), extra, kept.memo)
        files = sorted(made)
        stamp.save(project, inputs, files)
        # Under `mkdocs serve` only the first generation is left for the next
        # process: writing the memo after each edit would cost more than the
        # edit; so after a small edit from the command line. A memo left by
        # an earlier generation is still sound, only older: each answer in it
        # is checked before it is used.
        if first and kept.memo.worth_saving():
            _keep_memo(project, kept.memo)
        return Generated(files, report, briefing)


def _listed(batches: Iterator[Mapping[str, Contents]], paths: list[str]) -> Iterator[Mapping[str, Contents]]:
    """The batches, each one's paths added to `paths` as it passes."""
    for batch in batches:
        paths.extend(batch)
        yield batch
        del batch  # not held while the next is made


def _keep_memo(project: Project, memo: Memo) -> None:
    """Leaves the memo in .cache/ for the next process. Pickling makes a
    state for each object it writes; the cycle collector would walk the
    whole briefing again and again for them."""
    try:
        with collector_paused():
            write_streamed(project.root / MEMO_CACHE, memo.dump)
    except OSError:  # the memo left there before is still sound: each answer is checked before it is used
        pass


def build(project: Project) -> tuple[WriteReport, str]:
    """Generate, then build the site with MkDocs. The plugin builds into a
    staging folder and replaces site/ only when MkDocs succeeds, so a failed
    build leaves the last good site as it was. The project's lock is held
    throughout, and handed to the MkDocs process."""
    with locked(project):
        generated = generate(project)
        return generated.report, build_site(project)


def build_site(project: Project) -> str:
    """Runs MkDocs as its own process, as a user would, in strict mode; the
    plugin finds the generation done and reports what it changed in site/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", LOCK_HANDED: f"{os.getpid()}:{project.root.resolve()}"}
    # MkDocs stamps the sitemap with the build time; a day's resolution keeps
    # rebuilds of unchanged input from rewriting it. Set SOURCE_DATE_EPOCH for
    # builds that must be byte-identical on any day.
    env.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))
    # Not --quiet: it would silence the warnings that --strict counts.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.mkdocs_yml)],
                            cwd=project.root, env=env, capture_output=True, text=True)
    summary = ""
    # MkDocs' progress lines are noise here; its warnings and errors are not.
    for line in (result.stdout + result.stderr).splitlines():
        if SITE_SUMMARY in line:
            summary = line.split(SITE_SUMMARY, 1)[1].strip()
        elif line.strip() and not line.startswith("INFO"):
            print(line, file=sys.stderr)
    if result.returncode != 0:
        raise SiteFailed(f"mkdocs build failed (exit {result.returncode}); the messages above say why")
    return summary


# The line the plugin logs when it has replaced site/ (see plugin.py).
SITE_SUMMARY = "briefing: site updated:"


def serve_site(project: Project, dev_addr: str) -> None:
    """`mkdocs serve --dirty`: the generator rewrites only the files an edit
    changes, so MkDocs need rebuild only those, which keeps reloads quick."""
    # Not strict: MkDocs warns that dirty builds may leave navigation stale.
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                              "-f", str(project.mkdocs_yml), "--dev-addr", dev_addr])
