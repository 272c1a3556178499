"""One measured step of the benchmark, run in a child process of its own.

    python bench/steps.py generate PROJECT   pipeline.generate, timed by phase
    python bench/steps.py jinja PROJECT      the same templates rendered in a tight loop
    python bench/steps.py compile PROJECT    the templates compiled into the bytecode cache

The step imports the generator of PROJECT (its own copy of briefing/), not
this repository's, and prints its findings as one line of JSON after RESULT.
The parent reads the step's wall time and peak memory from the operating
system (os.wait4), so this file measures only what happens inside.
"""

from __future__ import annotations

import copy
import functools
import importlib
import json
import sys
import time
from pathlib import Path

RESULT = "BENCH-RESULT "
LISTED = 50
SLOWEST = 5


def _timed(module, name: str, phases: dict, label: str) -> None:
    """Wraps module.name so that its time adds to phases[label]; skips what is not there."""
    original = getattr(module, name, None)
    if original is None or not callable(original):
        return

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)


def _import(project: Path):
    sys.path.insert(0, str(project))
    modules = {}
    for name in ("pipeline", "load", "verify", "records", "render", "write", "project"):
        try:
            modules[name] = importlib.import_module(f"briefing.{name}")
        except ImportError:
            pass
    return modules


def generate(project: Path) -> dict:
    """pipeline.generate as build.py and the MkDocs hook call it, with the
    time of each stage it goes through."""
    started_imports = time.perf_counter()
    m = _import(project)
    imports = time.perf_counter() - started_imports
    phases: dict[str, float] = {}
    outputs: dict = {}
    _timed(m["load"], "load_seeds", phases, "load")
    _timed(m["verify"], "verify", phases, "verify")
    _timed(m["render"], "render_pages", phases, "render pages")
    _timed(m["pipeline"], "render_outputs", phases, "render all")
    _timed(m["pipeline"], "write_outputs", phases, "write")
    original_write = m["pipeline"].write_outputs

    def capture(project_, produced, *args, **kwargs):
        outputs["pages"] = sum(1 for path in produced if path.endswith(".md"))
        outputs["files"] = len(produced)
        outputs["bytes"] = sum(len(data) for data in produced.values())
        return original_write(project_, produced, *args, **kwargs)

    m["pipeline"].write_outputs = capture
    started = time.perf_counter()
    report = m["pipeline"].generate(m["project"].Project(project))
    seconds = time.perf_counter() - started
    if "render all" in phases and "render pages" in phases:
        phases["render data"] = phases.pop("render all") - phases["render pages"]
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
    """A new page context like `context`, as render_pages makes one per page."""
    try:
        return type(context)(context.briefing, context.page)
    except (TypeError, AttributeError):
        fresh = copy.copy(context)
        if hasattr(fresh, "notes"):
            fresh.notes = type(context.notes)()
        return fresh


def jinja(project: Path) -> dict:
    """The limit our own code can reach: every template render that
    render_pages makes, with the same context objects, replayed in a tight
    loop; no front matter, no footnotes, nothing written."""
    m = _import(project)
    project_obj = m["project"].Project(project)
    briefing = m["pipeline"].check(project_obj)
    calls: list = []
    render = m["render"]
    if hasattr(render, "map_shared"):  # every render in this process, where it is recorded
        render.map_shared = lambda function, items: [function(item) for item in items]
    original = render._environment
    render._environment = lambda *a, **k: _RecordingEnvironment(original(*a, **k), calls)
    started = time.perf_counter()
    render.render_pages(briefing, project_obj)  # records the renders; warms the briefing's caches
    first = time.perf_counter() - started
    render._environment = original
    best, by_template, slowest = None, {}, []
    for _ in range(2):
        times: dict[str, float] = {}
        pages: list = []
        started = time.perf_counter()
        for template, args, kwargs in calls:
            if "ctx" in kwargs:
                kwargs = {**kwargs, "ctx": _fresh(kwargs["ctx"])}
            before = time.perf_counter()
            template.render(*args, **kwargs)
            spent = time.perf_counter() - before
            times[template.name] = times.get(template.name, 0.0) + spent
            pages.append((spent, getattr(kwargs.get("ctx"), "page", template.name)))
        elapsed = time.perf_counter() - started
        if best is None or elapsed < best:
            best, by_template = elapsed, times
            slowest = sorted(pages, reverse=True)[:SLOWEST]
        if elapsed > 5:
            break  # one pass is a good enough measure when it is this long
    return {"seconds": best, "renders": len(calls), "render_pages_first": first,
            "by_template": dict(sorted(by_template.items(), key=lambda item: -item[1])),
            "slowest": [[page, spent] for spent, page in slowest]}


def compile_templates(project: Path) -> dict:
    """Every template compiled into the project's bytecode cache, as a first
    generation leaves them."""
    m = _import(project)
    env = m["render"]._environment(project / "templates")
    names = sorted(path.name for path in (project / "templates").glob("*.j2"))
    for name in names:
        env.get_template(name)
    return {"templates": len(names)}


STEPS = {"generate": generate, "jinja": jinja, "compile": compile_templates}


def main(argv: list[str]) -> int:
    step, project = argv[0], Path(argv[1]).resolve()
    result = STEPS[step](project)
    print(RESULT + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
