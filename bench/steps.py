"""One measured step of the benchmark, run in a child process of its own.

    python bench/steps.py generate PROJECT   pipeline.generate, timed by phase
    python bench/steps.py jinja PROJECT      the same templates rendered in a tight loop
    python bench/steps.py compile PROJECT    the templates compiled into the bytecode cache
    python bench/steps.py session PROJECT EVENT VISIT
                                             regeneration after an edit: through a
                                             session, and as a full re-render

The step imports the generator of PROJECT (its own copy of briefing/), not
this repository's, and prints its findings as one line of JSON after RESULT.
The parent reads the step's wall time and peak memory from the operating
system (os.wait4), so this file measures only what happens inside.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import json
import sys
import time
from pathlib import Path

RESULT = "BENCH-RESULT "
LISTED = 50
SLOWEST = 5
REPO = Path(__file__).resolve().parent.parent
# The output the "render pages" phase stands for; every other output
# (data, print stylesheet, abbreviations) is "render data".
PAGES_OUTPUT = "pages"
# Words the session step adds to an event's summary (letters and spaces only).
SESSION_EDIT_WORDS = "A second reading of the reports adds nothing of substance."
# Each edit of the session step is made up to this many times (undone in
# between), and the quickest time of each way kept; once only where a full
# re-render takes longer than TRY_AGAIN_SECONDS, which other work on the
# machine disturbs less in proportion.
TRIES = 2
TRY_AGAIN_SECONDS = 5.0
# More items than any briefing has jobs: map_shared then runs all in this process.
NEVER_FORK = 10 ** 9


def _timed(module, name: str, phases: dict, label: str) -> None:
    """Wraps module.name so that its time adds to phases[label]; skips what is not there."""
    original = getattr(module, name, None)
    if original is None or not callable(original):
        return
    setattr(module, name, _timing(original, phases, label))


def _timing(original, phases: dict, label: str):
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

    return wrapper


MODULES = ("pipeline", "load", "verify", "views", "pages", "outputs", "incremental", "parallel", "write", "project")


def _import(project: Path):
    sys.path.insert(0, str(project))
    modules = {}
    for name in MODULES:
        try:
            modules[name] = importlib.import_module(f"briefing.{name}")
        except ImportError:
            pass
    return modules


def _split_run_fresh(m, phases: dict) -> None:
    """pipeline.render runs the jobs of every output together (one fork for
    all); here the page jobs run first and the rest after, each shared with
    the second core as before, so that each has a time of its own. Costs one
    more fork than a plain generation: a few milliseconds."""
    original = m["pipeline"].run_fresh

    def run_fresh(briefing, jobs):
        pages = [job for job in jobs if job.key[0] == PAGES_OUTPUT]
        rest = [job for job in jobs if job.key[0] != PAGES_OUTPUT]
        started = time.perf_counter()
        done = original(briefing, pages)
        phases["pages jobs"] = phases.get("pages jobs", 0.0) + time.perf_counter() - started
        done.update(original(briefing, rest))
        return {job.key: done[job.key] for job in jobs}

    m["pipeline"].run_fresh = run_fresh
    # Planning the page jobs and turning their results into files count as rendering pages.
    outputs = m["outputs"].OUTPUTS  # the very list pipeline.render walks
    for index, output in enumerate(outputs):
        if output.name == PAGES_OUTPUT:
            outputs[index] = dataclasses.replace(output, jobs=_timing(output.jobs, phases, "pages plan"),
                                                 files=_timing(output.files, phases, "pages plan"))


def generate(project: Path) -> dict:
    """pipeline.generate as build.py and the MkDocs plugin call it, with the
    time of each stage it goes through."""
    started_imports = time.perf_counter()
    m = _import(project)
    imports = time.perf_counter() - started_imports
    phases: dict[str, float] = {}
    outputs: dict = {}
    _timed(m["load"], "load_seeds", phases, "load")
    _timed(m["verify"], "verify", phases, "verify")
    _timed(m["pipeline"], "assemble", phases, "assemble")
    _timed(m["pipeline"], "render", phases, "render all")
    _split_run_fresh(m, phases)
    _timed(m["pipeline"], "write_outputs", phases, "write")
    original_write = m["pipeline"].write_outputs

    def capture(project_, batches, *args, **kwargs):
        """Counts the files as they pass, output by output, on their way to be written."""
        outputs.update(pages=0, files=0, bytes=0)

        def counted():
            for produced in batches:
                outputs["pages"] += sum(1 for path in produced if path.endswith(".md"))
                outputs["files"] += len(produced)
                # A page its job left as it was (UNCHANGED) is as long as its file.
                outputs["bytes"] += sum(len(data) if isinstance(data, bytes) else (project_.output / path).stat().st_size
                                        for path, data in produced.items())
                yield produced

        return original_write(project_, counted(), *args, **kwargs)

    m["pipeline"].write_outputs = capture
    started = time.perf_counter()
    generated = m["pipeline"].generate(m["project"].Project(project))
    seconds = time.perf_counter() - started
    if "render all" in phases:
        phases["render pages"] = phases.pop("pages jobs", 0.0) + phases.pop("pages plan", 0.0)
        phases["render data"] = phases.pop("render all") - phases["render pages"]
    known = sum(phases.get(k, 0.0) for k in ("load", "verify", "assemble", "render pages", "render data", "write"))
    phases["other"] = max(0.0, seconds - known)
    report = generated.report
    written, removed = list(report.written), list(report.removed)
    return {"seconds": seconds, "imports": imports, "phases": phases, **outputs,
            "written_count": len(written), "removed_count": len(removed), "unchanged": report.unchanged,
            # The names only when few: a first generation writes every file.
            "written": written if len(written) <= LISTED else written[:LISTED],
            "removed": removed if len(removed) <= LISTED else removed[:LISTED]}


class _RecordingTemplate:
    def __init__(self, template, calls: list):
        self._template = template
        self._calls = calls

    def render(self, *args, **kwargs):
        self._calls.append((self._template, args, kwargs))
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._template, name)


class _RecordingEnvironment:
    """The generator's Jinja environment, noting every template render."""

    def __init__(self, env, calls: list):
        self._env = env
        self._calls = calls

    def get_template(self, *args, **kwargs):
        return _RecordingTemplate(self._env.get_template(*args, **kwargs), self._calls)

    def __getattr__(self, name):
        return getattr(self._env, name)


def _fresh(context):
    """A new page context like `context`, as render_page makes one per page."""
    try:
        return type(context)(context.briefing, context.page)
    except (TypeError, AttributeError):
        fresh = copy.copy(context)
        if hasattr(fresh, "notes"):
            fresh.notes = type(context.notes)()
        return fresh


def jinja(project: Path) -> dict:
    """The limit our own code can reach: every template render that the page
    jobs make, with the same context objects, replayed in a tight loop; no
    front matter, no footnotes, nothing written."""
    m = _import(project)
    project_obj = m["project"].Project(project)
    briefing = m["pipeline"].check(project_obj)
    calls: list = []
    pages = m["pages"]
    original = pages.environment
    pages.environment = lambda *a, **k: _RecordingEnvironment(original(*a, **k), calls)
    started = time.perf_counter()
    # Every page job, in this process, where its renders are recorded; warms the briefing's caches.
    for job in pages.page_jobs(briefing, m["pipeline"].setting(project_obj)):
        job.run(briefing, *job.arguments)
    first = time.perf_counter() - started
    pages.environment = original
    best, by_template, slowest = None, {}, []
    for _ in range(2):
        times: dict[str, float] = {}
        rendered: list = []
        started = time.perf_counter()
        for template, args, kwargs in calls:
            if "ctx" in kwargs:
                kwargs = {**kwargs, "ctx": _fresh(kwargs["ctx"])}
            before = time.perf_counter()
            template.render(*args, **kwargs)
            spent = time.perf_counter() - before
            times[template.name] = times.get(template.name, 0.0) + spent
            rendered.append((spent, getattr(kwargs.get("ctx"), "page", template.name)))
        elapsed = time.perf_counter() - started
        if best is None or elapsed < best:
            best, by_template = elapsed, times
            slowest = sorted(rendered, reverse=True)[:SLOWEST]
        if elapsed > 5:
            break  # one pass is a good enough measure when it is this long
    return {"seconds": best, "renders": len(calls), "render_pages_first": first,
            "by_template": dict(sorted(by_template.items(), key=lambda item: -item[1])),
            "slowest": [[page, spent] for spent, page in slowest]}


def compile_templates(project: Path) -> dict:
    """Every template compiled into the project's bytecode cache, as a first
    generation leaves them."""
    m = _import(project)
    env = m["pages"].environment(project / "templates")
    names = sorted(path.name for path in (project / "templates").glob("*.j2"))
    for name in names:
        env.get_template(name)
    return {"templates": len(names)}


def session(project: Path, event_id: str, visit_id: str) -> dict:
    """What an edit costs under `mkdocs serve`, both ways the generator could
    take it, in one process as the server is:

    - session: check and render through a `pipeline.Session` that saw the
      last generation; only the jobs whose recorded reads changed re-run;
    - full: every job re-rendered, in this process (under `mkdocs serve`
      threads run, so map_shared may not fork), of a briefing checked anew.

    First a generation through a new session (all jobs run, each recorded),
    then two edits, each measured both ways: one event's summary edited, and
    a new event added under a visit that has some. Each edit is made up to
    TRIES times, undone in between, and the quickest time each way kept. Both
    ways must give the same files; `same` says whether they did. Writing is
    left out of the times: both would write the same files."""
    m = _import(project)
    # The edits are made as bench/corpus.py makes them; imported after the
    # project's generator, so that `briefing` is the project's own.
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))
    from bench import corpus

    pipeline, parallel = m["pipeline"], m["parallel"]
    project_obj = m["project"].Project(project)
    kept = pipeline.Session()

    def through_session() -> tuple[dict, dict]:
        with pipeline.collector_paused():
            started = time.perf_counter()
            briefing = pipeline.check(project_obj, kept)
            checked = time.perf_counter()
            batches = list(pipeline.render_each(briefing, project_obj, kept))
            done = time.perf_counter()
        # Written as under serve, untimed as the full way's writing is: the
        # session keeps a page's digest, and reuses it while its file holds it.
        pipeline.write_outputs(project_obj, batches, memo=kept.memo)
        files = {path: (project_obj.output / path).read_bytes() for batch in batches for path in batch}
        return files, {"check": checked - started, "render": done - checked, "seconds": done - started,
                       "ran": kept.memo.jobs.ran, "reused": kept.memo.jobs.reused}

    def full(check_seconds: float) -> tuple[dict, dict]:
        """Every job, in this process; the check as the session's (the same
        read and verified files kept), not timed again."""
        with pipeline.collector_paused():
            briefing = pipeline.check(project_obj, kept)
            forking, parallel.WORTH_FORKING = parallel.WORTH_FORKING, NEVER_FORK
            try:
                started = time.perf_counter()
                files = pipeline.render(briefing, project_obj)
                spent = time.perf_counter() - started
            finally:
                parallel.WORTH_FORKING = forking
        jobs = len(kept.memo.jobs.kept)
        return files, {"check": check_seconds, "render": spent, "seconds": check_seconds + spent,
                       "ran": jobs, "reused": 0}

    files, first = through_session()
    first["files"] = len(files)
    _, first_full = full(first["check"])
    result: dict = {"first": first, "first_full": first_full, "edits": {}}
    edits = [("summary", lambda: corpus.edit_event_summary(project, event_id, SESSION_EDIT_WORDS), event_id),
             ("new event", lambda: corpus.add_child_event(project, visit_id), visit_id)]
    facts = project / "seeds" / "facts"
    for name, edit, target in edits:
        before = {path: path.read_bytes() for path in facts.glob("*.yml")}
        tries: list[tuple[dict, dict]] = []
        same = True
        for attempt in range(TRIES):
            if attempt and tries[-1][1]["render"] > TRY_AGAIN_SECONDS:
                break
            if attempt:
                # Undo the edit and let the session see it, then make the edit again.
                for path in set(facts.glob("*.yml")) - before.keys():
                    path.unlink()
                for path, data in before.items():
                    path.write_bytes(data)
                through_session()
            detail = edit()
            a_files, a = through_session()
            b_files, b = full(a["check"])
            same = same and a_files == b_files
            tries.append((a, b))
        changed = sorted(path for path in a_files.keys() | files.keys() if a_files.get(path) != files.get(path))
        files = a_files
        result["edits"][name] = {
            "target": target, "detail": detail if isinstance(detail, str) else str(detail),
            # The quickest of the tries each way: the least disturbed by other work on the machine.
            "session": min((a for a, _ in tries), key=lambda t: t["seconds"]),
            "full": min((b for _, b in tries), key=lambda t: t["seconds"]),
            "tries": [{"session": a["seconds"], "full": b["seconds"]} for a, b in tries],
            "same": same, "files_changed": len(changed), "changed": changed[:LISTED]}
    result["seconds"] = sum(e["session"]["seconds"] for e in result["edits"].values())
    return result


def draft_report(project: Path) -> dict:
    """`add` and `draft` of a report of about 3,000 words against the corpus:
    sentences of the corpus's own reports, so that it names its people,
    offices and initiatives as a new report would."""
    import tempfile

    add = importlib.import_module("briefing.add")
    drafting = importlib.import_module("briefing.draft")
    m = _import(project)
    texts = [p.read_text("utf-8") for p in sorted((project / "seeds" / "sources").glob("*.txt"))]
    words, parts = 0, []
    for text in texts[len(texts) // 3:]:
        parts.append(text.strip())
        words += len(text.split())
        if words >= 3000:
            break
    report = "\n\n".join(parts)
    # A report of its own, dated, not the same bytes as any registered one.
    report = f"date 2025-06-30 Washington, Jun 30 (PTI) {report}\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pti-long-report.txt"
        path.write_text(report, encoding="utf-8")
        project_obj = m["project"].Project(project)
        started = time.perf_counter()
        source_id = add.add(project_obj, path, "bench-long-report")
        added = time.perf_counter() - started
        briefing = m["pipeline"].check(project_obj)
        checked = time.perf_counter() - started - added
        before = time.perf_counter()
        proposals = drafting.draft(briefing, source_id)
        drafted = time.perf_counter() - before
    return {"seconds": drafted, "words": len(report.split()), "add": added, "check": checked,
            "proposals": len(proposals)}


STEPS = {"generate": generate, "jinja": jinja, "compile": compile_templates, "session": session,
         "draft": draft_report}


def main(argv: list[str]) -> int:
    step, project = argv[0], Path(argv[1]).resolve()
    result = STEPS[step](project, *argv[2:])
    print(RESULT + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
