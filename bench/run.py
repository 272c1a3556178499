#!/usr/bin/env python3
"""Speed at scale: the generator and MkDocs from 100 to 10,000 engagements.

    python bench/run.py [--sizes 100,1000,10000] [--mkdocs-max 10000] [--serve-sizes 1000]

For each size a synthetic project is written under bench/out/<size>/ (see
bench/corpus.py), then each step runs in a child process of its own, whose
wall time and peak memory (ru_maxrss, from os.wait4) are read from the
operating system:

  check      python build.py check
  generate   briefing.pipeline.generate into an empty generated/ (pages and data)
  no-op      the same again, nothing changed: must write nothing
  edit       the same after one event's summary is changed in the facts
  jinja      the same template renders, with the same context objects, in a
             tight loop: the limit the generator's own code can reach
  mkdocs     mkdocs build into a fresh site folder; the briefing plugin finds
             the generation done (its stamp matches) and writes nothing. Then
             the same again, with MkDocs builds of plain prose pages of the
             same count and size run over and over beside it on the same CPU:
             the ratio of their CPU times
  old path   the same two, with the generated pages converted by
             Python-Markdown as before `briefing/pagehtml.py` (the plugin's
             option `generated_html: python-markdown`, in a copy of mkdocs.yml)
  session    regeneration after an edit as `mkdocs serve` could do it, both
             ways: through a session (only the jobs whose reads changed re-run)
             and as a full re-render in one process; for an edited summary and
             for a new engagement under a visit (this step edits the seeds, so
             it runs after the MkDocs build)
  serve      under `build.py serve` (`mkdocs serve --dirty` with the plugin
             watching seeds/ and templates/), the time from saving an edit to
             the changed page being served

The table goes to stdout and to bench/results.md, with the machine it ran
on; the raw figures go to bench/out/results.json. Steps are bounded by
--step-timeout and the whole run by --budget, so a slow generator shows up as
a timed-out step instead of a run that never ends.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import corpus, prose  # noqa: E402
from bench.steps import RESULT  # noqa: E402

STEPS_SCRIPT = HERE / "steps.py"
OUT = HERE / "out"
RESULTS_MD = HERE / "results.md"
EDIT_WORDS = "A later reading of the reports changes nothing of substance."

# The issues' targets.
PROSE_RATIO = 1.2  # issue 27 (stretch: 1.0)
FULL_BUILD_SECONDS = {1000: 12.0, 10_000: 120.0}  # generator and MkDocs, at these sizes
TARGET_SIZE = 10_000
GENERATOR_SECONDS = 5.0
GENERATOR_BYTES = 1024 ** 3
LINEAR_FACTOR = 11.0
NOOP_SECONDS = 0.5
SHARE_OF_MKDOCS = 0.10
JINJA_FACTOR = 3.0
RELOAD_SECONDS = 1.5
SEARCH_INDEX_BYTES = 2 * 1000 * 1000


@dataclass
class Measured:
    """One child process: wall seconds, peak resident memory, exit status,
    and the JSON it printed after RESULT, if any; its CPU seconds (user and
    system), which other work on the same cores changes less than the wall."""

    seconds: float
    peak_kb: int
    code: int
    timed_out: bool = False
    result: Optional[dict] = None
    error: str = ""
    warnings: int = 0
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.code == 0 and not self.timed_out

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


class Child:
    """A command run as a child in a session of its own, waited for with
    os.wait4, which gives that child's own resource usage (ru_maxrss in KiB).
    `cpu`: the one CPU it may run on."""

    def __init__(self, command: list[str], cwd: Optional[Path] = None, env: Optional[dict] = None,
                 cpu: Optional[int] = None) -> None:
        self.out, self.err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self.started = time.perf_counter()
        pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
        self.process = subprocess.Popen(command, stdout=self.out, stderr=self.err, cwd=cwd, start_new_session=True,
                                        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                                        preexec_fn=pin)

    def done(self) -> Optional[Measured]:
        """Its measurement once it has ended; None while it runs."""
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        return self._measured(status, usage) if pid else None

    def kill(self, timeout: Optional[float] = None) -> Measured:
        os.killpg(self.process.pid, signal.SIGKILL)
        _, status, usage = os.wait4(self.process.pid, 0)
        return self._measured(status, usage, timeout)

    def wait(self, timeout: float) -> Measured:
        while True:
            measured = self.done()
            if measured is not None:
                return measured
            if time.perf_counter() - self.started > timeout:
                return self.kill(timeout)
            time.sleep(0.005)

    def _measured(self, status: int, usage, timed_out: Optional[float] = None) -> Measured:
        seconds = time.perf_counter() - self.started
        code = os.waitstatus_to_exitcode(status)
        with self.out, self.err:
            self.out.seek(0)
            self.err.seek(0)
            stdout = self.out.read().decode("utf-8", "replace")
            stderr = self.err.read().decode("utf-8", "replace")
        result = None
        for line in stdout.splitlines():
            if line.startswith(RESULT):
                result = json.loads(line[len(RESULT):])
        error = ""
        if timed_out is not None:
            error = f"timed out after {timed_out:.0f} s"
        elif code != 0:
            lines = [line for line in stderr.strip().splitlines() if line.strip()]
            error = f"exit {code}: " + (_clip(lines[0]) if lines else "(no message)")
            if len(lines) > 1:
                error += f" (and {len(lines) - 1} more lines; the last: {_clip(lines[-1])})"
        warnings = sum(1 for line in stderr.splitlines() if line.startswith("WARNING"))
        return Measured(seconds, usage.ru_maxrss, code, timed_out is not None, result, error, warnings,
                        usage.ru_utime + usage.ru_stime)


def measure(command: list[str], timeout: float, cwd: Optional[Path] = None,
            env: Optional[dict] = None) -> Measured:
    return Child(command, cwd, env).wait(timeout)


def side_by_side(command: list[str], other: list[str], timeout: float, before_other,
                 cwd: Optional[Path] = None, other_cwd: Optional[Path] = None) -> tuple[Measured, list[Measured]]:
    """`command` run once and `other` over and over, both on one same CPU,
    for as long as `command` runs: their CPU times are measured under the same
    conditions. On this machine each core's speed changed by a third from
    minute to minute (other work on the cores beside it), so builds timed one
    after the other were not comparable. `before_other` runs before each run
    of `other`. Returns `command`'s measurement and those of the runs of
    `other` that ended while it ran (at least one: the last is waited for)."""
    cpu = max(os.sched_getaffinity(0))
    main = Child(command, cwd, cpu=cpu)
    finished: list[Measured] = []
    while True:
        before_other()
        beside = Child(other, other_cwd, cpu=cpu)
        while True:
            measured = main.done()
            if measured is not None or time.perf_counter() - main.started > timeout:
                measured = measured or main.kill(timeout)
                if finished or not measured.ok:
                    beside.kill()
                else:
                    finished.append(beside.wait(timeout))
                return measured, finished
            ended = beside.done()
            if ended is not None:
                finished.append(ended)
                if not ended.ok:
                    return main.wait(timeout), finished
                break
            time.sleep(0.01)


def _clip(text: str, length: int = 160) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


@dataclass
class SizeRun:
    engagements: int
    counts: dict = field(default_factory=dict)
    corpus_seconds: float = 0.0
    steps: dict = field(default_factory=dict)       # name -> Measured
    notes: list = field(default_factory=list)
    edit_target: str = ""
    visit_target: str = ""
    edit_written: list = field(default_factory=list)
    edit_showing: list = field(default_factory=list)      # pages in generated/ that show the edited words
    search_index_bytes: Optional[int] = None
    search_index_js_bytes: Optional[int] = None
    search_index_gzip_bytes: Optional[int] = None   # what a server compressing its answers sends
    largest_page: Optional[tuple] = None            # (bytes, path)
    html_pages: Optional[int] = None
    mkdocs_warnings: Optional[int] = None
    prose_cpu: list = field(default_factory=list)  # CPU seconds of each prose build beside ours
    prose_cpu_old: list = field(default_factory=list)  # the same, beside ours built the old way
    reloads: list = field(default_factory=list)     # seconds, one per edit under serve
    reload_builds: list = field(default_factory=list)  # what MkDocs logged each rebuild took, seconds
    serve_startup: Optional[float] = None


class Budget:
    """The time the whole run may take; each step gets at most what is left."""

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()


def run_size(size: int, args, budget: Budget, log) -> SizeRun:
    run = SizeRun(size)
    project = args.out / str(size)
    log(f"[{size}] writing the corpus into {project}")
    if project.exists():
        shutil.rmtree(project)  # not part of the time it takes to write a corpus
    started = time.perf_counter()
    metadata = corpus.make_project(project, size, args.seed, args.code)
    run.corpus_seconds = time.perf_counter() - started
    run.counts = metadata["counts"]
    run.edit_target = metadata["edit_target"]
    run.visit_target = metadata.get("visit_target") or ""
    # Compile the copied generator and its templates once, so that no step
    # pays for it: as on any run but a project's very first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "briefing")], check=False)
    subprocess.run([sys.executable, str(STEPS_SCRIPT), "compile", str(project)], check=False,
                   stdout=subprocess.DEVNULL)

    def step(name: str, command: list[str], timeout: float, env=None) -> Optional[Measured]:
        if name in args.skip:
            run.notes.append(f"{name}: skipped (--skip)")
            return None
        allowed = min(timeout, budget.left())
        if allowed < 5:
            run.notes.append(f"{name}: skipped, the run's time budget ({args.budget:.0f} s) is spent")
            log(f"[{size}] {name}: skipped (budget)")
            return None
        log(f"[{size}] {name} …")
        measured = measure(command, allowed, cwd=project, env=env)
        if measured.timed_out and allowed < timeout:
            measured.error += f" (what was left of the run's time budget, --budget {args.budget:.0f} s)"
        run.steps[name] = measured
        inside = f", {measured.result['seconds']:.2f} s inside" if measured.result and "seconds" in measured.result else ""
        log(f"[{size}] {name}: {measured.seconds:.2f} s{inside}, {measured.peak_mb:.0f} MB"
            + (f"  ({measured.error})" if measured.error else ""))
        if not measured.ok:
            run.notes.append(f"{name}: {measured.error}")
        return measured

    python = sys.executable
    check = step("check", [python, str(project / "build.py"), "--root", str(project), "check"], args.step_timeout)
    if check is None or not check.ok:
        run.notes.append("the corpus did not pass check: the other steps were not run")
        return run
    generate = [python, str(STEPS_SCRIPT), "generate", str(project)]
    first = step("generate", generate, args.step_timeout)
    if first is None or not first.ok:
        run.notes.append("the generator did not run through: the other steps were not run")
        return run
    step("no-op", generate, args.step_timeout)
    corpus.edit_event_summary(project, run.edit_target, EDIT_WORDS)
    edit = step("edit", generate, args.step_timeout)
    if edit is not None and edit.ok:
        run.edit_written = edit.result["written"]
        run.edit_showing = _pages_showing(project / "generated", EDIT_WORDS.rstrip("."))
    step("jinja", [python, str(STEPS_SCRIPT), "jinja", str(project)], args.step_timeout)

    if "mkdocs" in args.skip:
        run.notes.append("mkdocs: skipped (--skip)")
    elif size <= args.mkdocs_max:
        site = project / "site-bench"
        shutil.rmtree(site, ignore_errors=True)
        # Not strict: a warning must not cost the measurement; warnings are counted instead.
        # The plugin's own generation finds nothing changed since the edit step: a no-op.
        build = [python, "-m", "mkdocs", "build", "--no-strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)]
        mkdocs = step("mkdocs", build, args.mkdocs_timeout)
        if mkdocs is not None and mkdocs.ok:
            _site_sizes(run, site)
            if mkdocs.warnings:
                run.notes.append(f"mkdocs: {mkdocs.warnings} warnings (the build is run without --strict)")
        # The old path builds a copy of the project whose mkdocs.yml says so:
        # the same generation (made before, untimed), as the new path finds it.
        copy = project.parent / f"{size}-python-markdown"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("site-bench"))
        python_markdown_config(copy, "mkdocs.yml")
        subprocess.run([python, str(STEPS_SCRIPT), "generate", str(copy)], check=False, stdout=subprocess.DEVNULL)
        old_site = copy / "site-bench"
        old = [python, "-m", "mkdocs", "build", "--no-strict", "-f", str(copy / "mkdocs.yml"), "--site-dir", str(old_site)]
        old_build = step("mkdocs-old", old, args.mkdocs_timeout)
        if mkdocs is not None and mkdocs.ok:
            _beside_prose(run, project, build, site, min(args.mkdocs_timeout, budget.left()), log)
        if old_build is not None and old_build.ok:
            _beside_prose(run, copy, old, old_site, min(args.mkdocs_timeout, budget.left()), log, old=True)
        shutil.rmtree(copy, ignore_errors=True)
    else:
        run.notes.append(f"mkdocs: not run at {size:,} engagements (over --mkdocs-max {args.mkdocs_max:,}); "
                         "extrapolated from the smaller sizes where a ratio needs it")
    if run.visit_target:
        step("session", [python, str(STEPS_SCRIPT), "session", str(project), run.edit_target, run.visit_target],
             args.step_timeout)
    else:
        run.notes.append("session: not run, the corpus has no visit with engagements inside it")
    # Last: it registers a report in the corpus.
    step("draft", [python, str(STEPS_SCRIPT), "draft", str(project)], args.step_timeout)
    if size in args.serve_sizes and "serve" not in args.skip:
        _serve(run, project, args, budget, log)
    return run


def _pages_showing(content: Path, words: str) -> list[str]:
    """The Markdown pages that hold `words` (letters and spaces only, so that
    escaping leaves them as they are)."""
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")
                  if words in " ".join(p.read_text("utf-8").split()))


def python_markdown_config(project: Path, name: str = "mkdocs-python-markdown.yml") -> Path:
    """The project's mkdocs.yml, written as `name` beside it, with its
    generated pages going through Python-Markdown (the plugin's option
    `generated_html`): the old path, to compare."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    if "  - briefing:\n" not in text:
        raise ValueError(f"{project / 'mkdocs.yml'}: no `- briefing:` plugin entry to set the option on")
    config = project / name
    config.write_text(text.replace("  - briefing:\n", "  - briefing:\n      generated_html: python-markdown\n", 1),
                      "utf-8")
    return config


def _beside_prose(run: SizeRun, project: Path, build: list[str], site: Path, timeout: float, log,
                  old: bool = False) -> None:
    """Our pages built again, with plain prose pages of the same count and
    mean size (same theme, plugins and Markdown extensions but ours) built
    over and over beside it on the same CPU: what MkDocs costs for pages with
    nothing of ours in them, measured under the same conditions. `old`: our
    pages built the old way (`build` is that build)."""
    plain = project.parent / f"prose-{run.engagements}"
    made = prose.make(project, plain)
    if not old:
        run.notes.append(f"prose: {made['pages']:,} pages of plain prose, {made['mean_bytes']:,} bytes each on average")
    plain_site = plain / "site"
    # Ours builds afresh too, compiling the theme's templates as the prose does.
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / ".cache" / "jinja-theme", ignore_errors=True)
    way = " (the old path)" if old else ""
    log(f"[{run.engagements}] our pages{way} and plain prose, side by side on one CPU …")
    ours, prose_builds = side_by_side(build, [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f",
                                              str(plain / "mkdocs.yml"), "--site-dir", str(plain_site)], timeout,
                                      lambda: shutil.rmtree(plain_site, ignore_errors=True),
                                      cwd=project, other_cwd=plain)
    shutil.rmtree(plain, ignore_errors=True)
    failed = [m for m in [ours, *prose_builds] if not m.ok]
    if failed:
        run.notes.append(f"side by side: {failed[0].error}")
        return
    run.steps["mkdocs-beside-old" if old else "mkdocs-beside"] = ours
    run.steps["prose-old" if old else "prose"] = prose_builds[0]
    if old:
        run.prose_cpu_old = [m.cpu_seconds for m in prose_builds]
    else:
        run.prose_cpu = [m.cpu_seconds for m in prose_builds]
    log(f"[{run.engagements}] side by side: ours{way} {ours.cpu_seconds:.2f} s of CPU, prose "
        + ", ".join(f"{m.cpu_seconds:.2f}" for m in prose_builds) + " s")


def _site_sizes(run: SizeRun, site: Path) -> None:
    index = site / "search" / "search_index.json"
    if index.is_file():
        data = index.read_bytes()
        run.search_index_bytes = len(data)
        run.search_index_gzip_bytes = len(gzip.compress(data, 6))
    script = site / "search" / "search_index.js"
    if script.is_file():
        run.search_index_js_bytes = script.stat().st_size
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    run.html_pages = len(pages)
    run.largest_page = max(pages) if pages else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", "replace")


# MkDocs' line at the end of each build, under serve.
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _serve(run: SizeRun, project: Path, args, budget: Budget, log) -> None:
    """Edit-to-reloaded-page under `build.py serve`: the time from saving a
    facts file to the server answering with the changed page."""
    allowed = min(args.mkdocs_timeout, budget.left())
    if allowed < 30:
        run.notes.append("serve: skipped, the run's time budget is spent")
        return
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = project / "serve.log"
    page = f"events/{run.edit_target}.html"
    log(f"[{run.engagements}] serve: starting `build.py serve` (its first build is a full MkDocs build) …")
    started = time.monotonic()
    with open(log_path, "w") as out:
        server = subprocess.Popen(
            [sys.executable, str(project / "build.py"), "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT, cwd=project, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        while "Serving on" not in log_path.read_text("utf-8", "replace"):
            if server.poll() is not None or time.monotonic() - started > allowed:
                run.notes.append("serve: the server did not start in time" if server.poll() is None
                                 else f"serve: the server exited ({server.returncode}); see {log_path}")
                return
            time.sleep(0.2)
        _fetch(base + page)
        run.serve_startup = time.monotonic() - started
        log(f"[{run.engagements}] serve: up after {run.serve_startup:.1f} s")
        time.sleep(2)
        markers = ["Preview marker alpha", "Preview marker bravo", "Preview marker charlie"][:args.reload_edits]
        for number, marker in enumerate(markers):
            corpus.edit_event_summary(project, run.edit_target, marker + ".")
            saved = time.monotonic()
            while True:
                left = args.reload_timeout - (time.monotonic() - saved)
                if left <= 0:
                    run.notes.append(f"serve: edit {number + 1} not served after {args.reload_timeout:.0f} s")
                    run.reloads.append(None)
                    break
                try:
                    # The server holds a request while it rebuilds, and answers
                    # once the build is done: the time is taken after the answer.
                    if marker in _fetch(base + page, timeout=max(left, 1)):
                        run.reloads.append(time.monotonic() - saved)
                        built = BUILT.findall(log_path.read_text("utf-8", "replace"))
                        run.reload_builds.append(float(built[-1]) if built else None)
                        break
                except OSError:
                    pass
                time.sleep(0.05)
            log(f"[{run.engagements}] serve: edit {number + 1} served after "
                + (f"{run.reloads[-1]:.2f} s" if run.reloads[-1] is not None else "—"))
            time.sleep(1.5)  # let a rebuild that was not needed show itself before the next edit
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait()


# --- the report -------------------------------------------------------------


def _inside(m: Optional[Measured]) -> Optional[float]:
    return m.result["seconds"] if m is not None and m.ok and m.result else None


def _fmt_s(value: Optional[float]) -> str:
    return "—" if value is None else (f"{value:.3f} s" if value < 1 else f"{value:.2f} s")


def _step_cell(m: Optional[Measured], inside: bool = False, cpu: bool = False) -> str:
    if m is None:
        return "not run"
    if not m.ok:
        return "timed out" if m.timed_out else f"failed (exit {m.code})"
    text = f"{_fmt_s(m.result['seconds'])} ({_fmt_s(m.seconds)} wall)" if inside and m.result else _fmt_s(m.seconds)
    if cpu:
        text += f" (CPU {_fmt_s(m.cpu_seconds)})"
    return f"{text}, {m.peak_mb:.0f} MB"


def _bytes(value: Optional[int]) -> str:
    if value is None:
        return "—"
    if value >= 1000 * 1000:
        return f"{value / 1e6:.2f} MB"
    return f"{value / 1e3:.0f} kB"


def _load() -> Optional[float]:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "briefing", "templates"],
                           capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}",
            "commit": commit + (" (briefing/ or templates/ modified)" if dirty else ""),
            "date": time.strftime("%Y-%m-%d %H:%M %Z")}


def table(runs: list[SizeRun]) -> list[str]:
    head = "| | " + " | ".join(f"{r.engagements:,} engagements" for r in runs) + " |"
    rows = [head, "|---" * (len(runs) + 1) + "|"]

    def row(label: str, cells) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("records (sources / officials / events / statements)",
        [f"{r.counts.get('sources', 0):,} / {r.counts.get('officials', 0):,} / {r.counts.get('events', 0):,} / "
         f"{r.counts.get('statements', 0):,}" for r in runs])
    row("corpus written in", [_fmt_s(r.corpus_seconds) for r in runs])
    row("`build.py check`", [_step_cell(r.steps.get("check")) for r in runs])
    row("generator: records and pages (inside, wall), peak",
        [_step_cell(r.steps.get("generate"), inside=True) for r in runs])
    row("pages / files generated",
        [(f"{r.steps['generate'].result['pages']:,} / {r.steps['generate'].result['files']:,}"
          if r.steps.get("generate") and r.steps["generate"].ok else "—") for r in runs])
    row("generator phases: load / verify / pages / data / write",
        [(" / ".join(f"{r.steps['generate'].result['phases'].get(k, 0):.2f}"
                     for k in ("load", "verify", "render pages", "render data", "write")) + " s"
          + (f" (rest {r.steps['generate'].result['phases']['other']:.2f} s: lock, stamp, schemas)"
             if "other" in r.steps["generate"].result["phases"] else "")
          if r.steps.get("generate") and r.steps["generate"].ok else "—") for r in runs])
    row("no-op regeneration (inside, wall), peak", [_step_cell(r.steps.get("no-op"), inside=True) for r in runs])
    row("files written by the no-op",
        [str(r.steps["no-op"].result["written_count"]) if r.steps.get("no-op") and r.steps["no-op"].ok else "—"
         for r in runs])
    row("one event's summary edited (inside, wall), peak", [_step_cell(r.steps.get("edit"), inside=True) for r in runs])
    row("files rewritten by the edit",
        [(f"{r.steps['edit'].result['written_count']}: " + ", ".join(f"`{w}`" for w in r.edit_written[:6])
          + (" …" if len(r.edit_written) > 6 else ""))
         if r.steps.get("edit") and r.steps["edit"].ok else "—" for r in runs])
    row("pure Jinja2 renders (same templates and contexts)",
        [(f"{_fmt_s(r.steps['jinja'].result['seconds'])} for {r.steps['jinja'].result['renders']:,} "
          f"({r.steps['jinja'].result['renders'] / max(r.steps['jinja'].result['seconds'], 1e-9):,.0f}/s)")
         if r.steps.get("jinja") and r.steps["jinja"].ok else _step_cell(r.steps.get("jinja")) for r in runs])
    row("pure Jinja2 time by template (top 3)",
        [", ".join(f"{name.replace('.md.j2', '')} {spent:.2f} s"
                   for name, spent in list(r.steps["jinja"].result.get("by_template", {}).items())[:3])
         if r.steps.get("jinja") and r.steps["jinja"].ok else "—" for r in runs])
    row("MkDocs build, peak", [_step_cell(r.steps.get("mkdocs")) if "mkdocs" in r.steps else
                               (f"skipped; ≥ {_mkdocs_estimate(r, runs):,.0f} s extrapolated" if _mkdocs_estimate(r, runs)
                                else "skipped") for r in runs])
    row("the old path: MkDocs build, generated pages through Python-Markdown, peak",
        [_step_cell(r.steps.get("mkdocs-old")) for r in runs])
    row("full build: generator + MkDocs (wall; the old path's)",
        [(f"{_fmt_s(_full_build(r))} ({_fmt_s(_full_build(r, old=True))})" if _full_build(r) else "—") for r in runs])
    row("side by side on one CPU: MkDocs build of our pages (CPU), peak",
        [_step_cell(r.steps.get("mkdocs-beside"), cpu=True) for r in runs])
    row("beside it: MkDocs builds of plain prose, same pages and size (CPU each), peak",
        [(", ".join(_fmt_s(cpu) for cpu in r.prose_cpu) + f", {r.steps['prose'].peak_mb:.0f} MB")
         if r.prose_cpu else _step_cell(r.steps.get("prose")) for r in runs])
    row("the old path, side by side on one CPU: our pages through Python-Markdown (CPU), peak",
        [_step_cell(r.steps.get("mkdocs-beside-old"), cpu=True) for r in runs])
    row("beside it: the same prose again (CPU each)",
        [", ".join(_fmt_s(cpu) for cpu in r.prose_cpu_old) if r.prose_cpu_old else "—" for r in runs])
    row("`draft` of a report (words; proposals): drafting alone, inside",
        [(f"{r.steps['draft'].result['seconds']:.2f} s ({r.steps['draft'].result['words']:,} words; "
          f"{r.steps['draft'].result['proposals']:,} proposals)") if r.steps.get("draft") and r.steps["draft"].ok
         else _step_cell(r.steps.get("draft")) for r in runs])
    row("our pages ÷ plain prose (MkDocs side by side, CPU ÷ mean CPU)", [_ratio_cell(_prose_ratio(r)) for r in runs])
    row("the old path: our pages through Python-Markdown ÷ plain prose (side by side)",
        [_ratio_cell(_prose_ratio(r, old=True)) for r in runs])
    row("MkDocs pages per second",
        [(f"{r.html_pages / r.steps['mkdocs'].seconds:.1f}" if r.html_pages and r.steps.get("mkdocs") else "—")
         for r in runs])
    row("generator ÷ MkDocs build (wall ÷ wall)",
        [_ratio_cell(_share_of_mkdocs(r)) if _share_of_mkdocs(r) is not None else
         (f"≤ {_share_of_mkdocs(r, runs):.3f} (est.)" if _share_of_mkdocs(r, runs) is not None else "—") for r in runs])
    row("generator pages/s ÷ pure Jinja2 renders/s", [_ratio_cell(_jinja_ratio(r)) for r in runs])
    row("search index (search_index.json; gzipped)",
        [_bytes(r.search_index_bytes) + (f"; {_bytes(r.search_index_gzip_bytes)}" if r.search_index_gzip_bytes else "")
         for r in runs])
    row("largest page", [(f"{_bytes(r.largest_page[0])} `{r.largest_page[1]}`" if r.largest_page else "—")
                         for r in runs])
    row("edit-to-reloaded page under serve",
        [(", ".join(_fmt_s(s) if s is not None else "never" for s in r.reloads) + _serve_detail(r))
         if r.reloads else "—" for r in runs])
    row("first generation through a session (check + render, one process), peak",
        [_session_first(r) for r in runs])
    for edit, label in SESSION_EDITS:
        row(f"{label}: through the session (check + render; jobs re-run / reused)",
            [_session_cell(r, edit, "session") for r in runs])
        row(f"{label}: full re-render in one process (check + render; jobs)",
            [_session_cell(r, edit, "full") for r in runs])
    return rows


def _serve_detail(r: SizeRun) -> str:
    """What MkDocs said each rebuild took (the rest is noticing the edit), and the start-up."""
    parts = []
    if r.reload_builds and None not in r.reload_builds:
        parts.append("MkDocs' rebuilds " + ", ".join(_fmt_s(s) for s in r.reload_builds))
    if r.serve_startup:
        parts.append(f"server up after {r.serve_startup:.0f} s")
    return f" ({'; '.join(parts)})" if parts else ""


# The edits of the session step, as its result names them, and as the table does.
SESSION_EDITS = [("summary", "one event's summary edited"), ("new event", "new engagement under a visit")]


def _session(r: SizeRun) -> Optional[dict]:
    m = r.steps.get("session")
    return m.result if m is not None and m.ok and m.result else None


def _session_first(r: SizeRun) -> str:
    result = _session(r)
    if result is None:
        return _step_cell(r.steps.get("session")) if "session" in r.steps else "—"
    first, full = result["first"], result["first_full"]
    return (f"{_fmt_s(first['seconds'])} for {first['ran']:,} jobs (a full render in one process, unrecorded: "
            f"{_fmt_s(full['seconds'])}), {r.steps['session'].peak_mb:.0f} MB")


def _session_cell(r: SizeRun, edit: str, way: str) -> str:
    result = _session(r)
    if result is None or edit not in result["edits"]:
        return "—"
    e = result["edits"][edit]
    t = e[way]
    jobs = f"{t['ran']:,} / {t['reused']:,}" if way == "session" else f"{t['ran']:,}"
    text = f"{_fmt_s(t['seconds'])} ({t['check']:.3f} + {t['render']:.3f} s; {jobs})"
    if way == "session":
        text += f"; {e['files_changed']:,} files changed"
        if not e["same"]:
            text += "; **files differ from the full re-render**"
    return text


def _session_ratios(r: SizeRun) -> list[tuple[str, float, float]]:
    """(edit label, session seconds, full seconds) for each edit measured."""
    result = _session(r)
    if result is None:
        return []
    return [(label, result["edits"][edit]["session"]["seconds"], result["edits"][edit]["full"]["seconds"])
            for edit, label in SESSION_EDITS if edit in result["edits"]]


def _ratio_cell(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def _mkdocs_estimate(r: SizeRun, runs: list[SizeRun]) -> Optional[float]:
    """Where MkDocs did not run: its time at the largest size it ran at, scaled
    by the number of pages. A lower bound: its cost per page grows with the
    size of the index pages."""
    g = r.steps.get("generate")
    if g is None or not g.ok:
        return None
    measured = [x for x in runs if x.steps.get("mkdocs") and x.steps["mkdocs"].ok
                and x.steps.get("generate") and x.steps["generate"].ok]
    if not measured:
        return None
    ref = max(measured, key=lambda x: x.engagements)
    return ref.steps["mkdocs"].seconds * g.result["pages"] / ref.steps["generate"].result["pages"]


def _share_of_mkdocs(r: SizeRun, runs: Optional[list[SizeRun]] = None) -> Optional[float]:
    """Generator wall time ÷ MkDocs wall time; with `runs`, against the
    extrapolated MkDocs time where MkDocs was not run."""
    g, m = r.steps.get("generate"), r.steps.get("mkdocs")
    if g is None or not g.ok:
        return None
    if m is not None and m.ok:
        return g.seconds / m.seconds
    estimate = _mkdocs_estimate(r, runs) if runs else None
    return g.seconds / estimate if estimate else None


def _jinja_ratio(r: SizeRun) -> Optional[float]:
    g, j = r.steps.get("generate"), r.steps.get("jinja")
    if g is None or j is None or not g.ok or not j.ok:
        return None
    generator_rate = g.result["pages"] / g.result["seconds"]
    jinja_rate = j.result["renders"] / j.result["seconds"]
    return generator_rate / jinja_rate


def _prose_ratio(r: SizeRun, old: bool = False) -> Optional[float]:
    ours = r.steps.get("mkdocs-beside-old" if old else "mkdocs-beside")
    prose_cpu = r.prose_cpu_old if old else r.prose_cpu
    if ours is None or not prose_cpu:
        return None
    return ours.cpu_seconds / (sum(prose_cpu) / len(prose_cpu))


def _full_build(r: SizeRun, old: bool = False) -> Optional[float]:
    """What `build.py build` costs from nothing: the generator and MkDocs, wall seconds."""
    g, m = r.steps.get("generate"), r.steps.get("mkdocs-old" if old else "mkdocs")
    if g is None or m is None or not g.ok or not m.ok:
        return None
    return g.seconds + m.seconds


def targets(runs: list[SizeRun]) -> list[str]:
    """Each target of the issue: met, missed, or not measured, with the figures."""
    lines = []
    by_size = {r.engagements: r for r in runs}

    def verdict(ok: Optional[bool]) -> str:
        return "not measured" if ok is None else ("met" if ok else "MISSED")

    largest = by_size.get(TARGET_SIZE) or by_size[max(by_size)]
    where = f"{largest.engagements:,}" + ("" if largest.engagements == TARGET_SIZE else
                                         f" (the target is at {TARGET_SIZE:,}; this run's largest size)")
    g = largest.steps.get("generate")
    if g is not None and g.ok:
        ok = g.result["seconds"] < GENERATOR_SECONDS and g.peak_kb * 1024 < GENERATOR_BYTES
        lines.append(f"- Generator at {where} engagements under {GENERATOR_SECONDS:.0f} s and 1 GiB: "
                     f"**{verdict(ok)}** ({g.result['seconds']:.2f} s inside, {g.seconds:.2f} s wall, "
                     f"{g.peak_mb:.0f} MB peak)")
    else:
        lines.append(f"- Generator at {where} engagements under {GENERATOR_SECONDS:.0f} s and 1 GiB: "
                     f"**{verdict(None)}** ({g.error if g else '; '.join(largest.notes) or 'not run'})")
    sizes = sorted(by_size)
    for small, big in zip(sizes, sizes[1:]):
        a, b = _inside(by_size[small].steps.get("generate")), _inside(by_size[big].steps.get("generate"))
        factor = big / small
        allowed = LINEAR_FACTOR * factor / 10
        if a and b:
            lines.append(f"- Linear growth {small:,} → {big:,}: at most {allowed:.0f}× the time: "
                         f"**{verdict(b / a <= allowed)}** ({b / a:.1f}×: {a:.2f} s → {b:.2f} s)")
        else:
            lines.append(f"- Linear growth {small:,} → {big:,}: **not measured**")
    noop = largest.steps.get("no-op")
    if noop is not None and noop.ok:
        ok = noop.result["written_count"] == 0 and noop.result["seconds"] < NOOP_SECONDS
        lines.append(f"- No-op regeneration at {where} writes nothing, under {NOOP_SECONDS} s: "
                     f"**{verdict(ok)}** ({noop.result['written_count']} files written, "
                     f"{noop.result['seconds']:.2f} s inside, {noop.seconds:.2f} s wall)")
    else:
        lines.append(f"- No-op regeneration at {where} under {NOOP_SECONDS} s: **not measured** "
                     f"({noop.error if noop else 'not run'})")
    for r in runs:
        n = r.steps.get("no-op")
        if r is not largest and n is not None and n.ok:
            lines.append(f"  - at {r.engagements:,}: {n.result['written_count']} files written, "
                         f"{n.result['seconds']:.2f} s inside")
    for r in runs:
        e = r.steps.get("edit")
        if e is None or not e.ok:
            continue
        pages = [w for w in r.edit_written if w.endswith(".md")]
        needless = [w for w in pages if w not in r.edit_showing]
        stale = [w for w in r.edit_showing if w not in pages]
        other = [w for w in r.edit_written if not w.endswith(".md")]
        ok = not needless and not stale and f"events/{r.edit_target}.md" in pages
        lines.append(f"- One edited event rewrites only the pages that show it ({r.engagements:,}): **{verdict(ok)}** "
                     f"({len(pages)} page(s) rewritten: {', '.join(pages[:5]) or 'none'}{' …' if len(pages) > 5 else ''}"
                     f"{'; rewritten without showing the edit: ' + ', '.join(needless[:5]) if needless else ''}"
                     f"{'; showing the edit but not rewritten: ' + ', '.join(stale[:5]) if stale else ''}"
                     f"; data files: {', '.join(other[:4])}{' …' if len(other) > 4 else ''})")
    for r in runs:
        share = _share_of_mkdocs(r)
        if share is not None:
            lines.append(f"- Generator under 10% of the MkDocs build ({r.engagements:,}): "
                         f"**{verdict(share < SHARE_OF_MKDOCS)}** ({share:.1%}: {r.steps['generate'].seconds:.2f} s "
                         f"vs {r.steps['mkdocs'].seconds:.1f} s)")
        elif "mkdocs" not in r.steps:
            estimate = _share_of_mkdocs(r, runs)
            lines.append(f"- Generator under 10% of the MkDocs build ({r.engagements:,}): **not measured** "
                         "(MkDocs not run at this size" + (f"; against a linear extrapolation of MkDocs it is "
                                                            f"≤ {estimate:.1%}" if estimate else "") + ")")
    for r in runs:
        ratio = _jinja_ratio(r)
        if ratio is not None:
            lines.append(f"- Generator within {JINJA_FACTOR:.0f}× of the pure-Jinja2 limit ({r.engagements:,}): "
                         f"**{verdict(ratio >= 1 / JINJA_FACTOR)}** (pages/s ratio {ratio:.2f}: generator "
                         f"{r.steps['generate'].result['seconds']:.2f} s, pure renders {r.steps['jinja'].result['seconds']:.2f} s)")
    for r in runs:
        if r.reloads:
            worst = None if any(s is None for s in r.reloads) else max(r.reloads)
            lines.append(f"- Edit-to-reloaded page under serve under {RELOAD_SECONDS} s ({r.engagements:,}): "
                         f"**{verdict(worst is not None and worst < RELOAD_SECONDS)}** "
                         f"(worst of {len(r.reloads)} edits: {_fmt_s(worst) if worst is not None else 'never served'})")
    for r in runs:
        measured = _session_ratios(r)
        if not measured:
            continue
        session_total = sum(a for _, a, _ in measured)
        full_total = sum(b for _, _, b in measured)
        cheaper = "through the session" if session_total < full_total else "a full re-render"
        ratio = max(session_total, full_total) / max(min(session_total, full_total), 1e-9)
        same = all(e["same"] for e in _session(r)["edits"].values())
        lines.append(f"- Regeneration after an edit in one process, as under serve ({r.engagements:,}): "
                     f"**{cheaper}** is cheaper, {ratio:.1f}× over both edits ("
                     + "; ".join(f"{label}: {_fmt_s(a)} through the session vs {_fmt_s(b)} in full, "
                                 f"{b / max(a, 1e-9):.1f}×" for label, a, b in measured)
                     + f"); the session's files equal the full re-render's: **{'yes' if same else 'NO'}**")
    at_1000 = by_size.get(1000)
    if at_1000 is not None and at_1000.search_index_bytes is not None:
        lines.append(f"- Search index under 2 MB at 1,000: **{verdict(at_1000.search_index_bytes < SEARCH_INDEX_BYTES)}** "
                     f"({_bytes(at_1000.search_index_bytes)})")
    else:
        lines.append("- Search index under 2 MB at 1,000: **not measured**")
    at_1000 = by_size.get(1000)
    drafted = at_1000.steps.get("draft") if at_1000 else None
    if drafted is not None and drafted.ok:
        lines.append(f"- A draft of a 3,000-word report against 1,000 engagements under 2 s: "
                     f"**{verdict(drafted.result['seconds'] < 2)}** ({drafted.result['seconds']:.2f} s for "
                     f"{drafted.result['words']:,} words)")
    for r in runs:
        ratio, old = _prose_ratio(r), _prose_ratio(r, old=True)
        lines.append(f"- Our pages cost MkDocs at most {PROSE_RATIO}× plain prose ({r.engagements:,}): "
                     + (f"**{verdict(ratio <= PROSE_RATIO)}** ({ratio:.2f}: {_fmt_s(r.steps['mkdocs-beside'].cpu_seconds)} "
                        f"vs {_fmt_s(sum(r.prose_cpu) / len(r.prose_cpu))} of CPU, side by side"
                        + (f"; the old path {old:.2f}" if old is not None else "") + ")"
                        if ratio is not None else "**not measured**"))
    for r in runs:
        limit = FULL_BUILD_SECONDS.get(r.engagements)
        full = _full_build(r)
        if limit is not None:
            lines.append(f"- A full build (generator and MkDocs) within {limit:.0f} s ({r.engagements:,}): "
                         + (f"**{verdict(full <= limit)}** ({_fmt_s(full)}: {r.steps['generate'].seconds:.2f} s + "
                            f"{r.steps['mkdocs'].seconds:.2f} s; the old path {_fmt_s(_full_build(r, old=True))})"
                            if full is not None else "**not measured**"))
    return lines


def report(runs: list[SizeRun], info: dict, total: float, args) -> str:
    lines = ["# Benchmark results", "",
             f"`make bench` (`python bench/run.py`), {info['date']}: {total / 60:.1f} minutes in all.", "",
             f"- Machine: {info['nproc']} CPUs (nproc), {info['cpu']}; {info['system']}; Python {info['python']}",
             f"- Code: {info['commit']}",
             *([f"- Load average (1 minute): {info['load'][0]:.2f} before the first step (other work on the "
                f"same cores, which slows every step), {info['load'][1]:.2f} at the end (this run's own steps "
                "included)"] if info.get("load") and None not in info["load"] else []),
             f"- Corpus seed {args.seed}; the generator's Python and Jinja2 templates are compiled before the "
             "steps, as on any run but a project's first; times are wall-clock seconds of a child process per step, and "
             "\"inside\" is the time of the call itself, without starting Python and importing; peak is the "
             "step's maximum resident memory (ru_maxrss). The ratio to plain prose is of CPU times (user and "
             "system) measured side by side: our pages built once more while the prose is built over and over "
             "on the same CPU, so that both run under the same conditions (on this machine a core's speed "
             "changed by a third from minute to minute); the ratio divides by the prose builds' mean.", ""]
    lines += table(runs)
    lines += ["", "## Targets", ""] + targets(runs)
    notes = [f"- {r.engagements:,}: {note}" for r in runs for note in r.notes]
    if notes:
        lines += ["", "## Notes", ""] + notes
    return "\n".join(lines) + "\n"


def parse(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="engagements per corpus, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mkdocs-max", type=int, default=10000,
                        help="largest size the MkDocs build runs at (at 10,000 it takes many minutes)")
    parser.add_argument("--serve-sizes", default="1000", help="sizes to time edit-to-reload under serve at ('' for none)")
    parser.add_argument("--reload-edits", type=int, default=2, help="edits timed under serve")
    parser.add_argument("--step-timeout", type=float, default=300, help="seconds a generator step may take")
    parser.add_argument("--mkdocs-timeout", type=float, default=600, help="seconds a MkDocs build may take")
    parser.add_argument("--reload-timeout", type=float, default=60, help="seconds to wait for an edit under serve")
    parser.add_argument("--budget", type=float, default=40 * 60, help="seconds the whole run may take")
    parser.add_argument("--skip", default="", help="steps to leave out, comma-separated "
                                                   "(no-op, edit, jinja, mkdocs, session, serve, draft)")
    parser.add_argument("--code", type=Path, default=REPO, help="benchmark the generator of this folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the synthetic projects are written")
    parser.add_argument("--results", type=Path, default=RESULTS_MD, help="where to write the Markdown table")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    args.serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s.strip()}
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    args.code = args.code.resolve()
    args.out = args.out.resolve()
    return args


def bench(args: argparse.Namespace) -> tuple[list[SizeRun], str]:
    """Runs every size; writes the Markdown report and the raw figures; returns both."""
    started = time.monotonic()
    budget = Budget(args.budget)
    load_at_start = _load()

    def log(message: str) -> None:
        print(f"{time.monotonic() - started:7.1f}s  {message}", file=sys.stderr, flush=True)

    # The last run's projects go only after this one is measured: deleting
    # tens of thousands of files keeps the disk busy for a while after, and
    # would slow the writes measured here.
    previous = None
    if args.out.exists():
        previous = args.out.with_name(f".{args.out.name}-previous-{os.getpid()}")
        args.out.rename(previous)
    try:
        runs = [run_size(size, args, budget, log) for size in args.sizes]
    finally:
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    info = {**machine(), "load": [load_at_start, _load()]}
    text = report(runs, info, time.monotonic() - started, args)
    if "draft" not in args.skip:
        import draftbench  # bench/draftbench.py: draft's CPU time, and on issue 25's hostile texts

        log("draft: a 3,000-word report at 1,000 engagements, and hostile texts")
        # At 1,000 engagements (the target's size), or the largest size asked for below it.
        size = max([s for s in args.sizes if s <= 1000] or [1000])
        text += "\n" + "\n".join(draftbench.figures(args.out / "draft", size)) + "\n"
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    raw = [{**asdict(r), "steps": {k: asdict(v) for k, v in r.steps.items()}} for r in runs]
    (args.out / "results.json").write_text(json.dumps({"machine": info, "runs": raw}, indent=1) + "\n",
                                           encoding="utf-8")
    return runs, text


def main(argv=None) -> int:
    runs, text = bench(parse(argv))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
