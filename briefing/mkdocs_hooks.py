"""MkDocs hooks: plain `mkdocs build` and `mkdocs serve` run the generator too.

Named in mkdocs.yml under `hooks:`. Only changed files are written, so pages
written during a build do not make `mkdocs serve` rebuild in a loop.

Under `mkdocs serve`, edits to the seeds or templates are regenerated at once
by a watcher of our own, before MkDocs notices anything: MkDocs then sees only
the changed pages in content/ and rebuilds once. (Had MkDocs watched the seeds
itself, the pages its build wrote would have asked for a second rebuild.)
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

# MkDocs loads this file by path; make its package importable from a clone.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from watchdog.events import FileSystemEventHandler  # noqa: E402
from watchdog.observers import Observer  # noqa: E402

from briefing import pipeline  # noqa: E402
from briefing.problems import BadInput  # noqa: E402
from briefing.project import Project  # noqa: E402
from briefing.render import ABBREVIATIONS_FILE  # noqa: E402

log = logging.getLogger("mkdocs.briefing")
# One generation at a time: the watcher and a build may both ask for one.
_generating = threading.Lock()
# Editors save in several steps; regenerate once they are done.
SETTLE_SECONDS = 0.15


def _project(config) -> Project:
    return Project(Path(config["config_file_path"]).resolve().parent)


# Under `mkdocs serve`, what earlier generations in this process found, by
# project, so that an edit costs about what it touches.
_sessions: dict[Path, pipeline.Session] = {}
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _generate(project: Project) -> None:
    with _generating:
        session = _sessions.setdefault(project.root, pipeline.Session()) if _serving else None
        report = pipeline.generate(project, session=session)
    if report.written or report.removed:
        log.info("briefing: %s", report.summary())


def on_pre_build(config) -> None:
    if os.environ.get("BRIEFING_GENERATED"):
        return  # build.py has just generated the pages itself
    project = _project(config)
    if project.root in _observers:
        return  # serving: the watcher regenerates as soon as the seeds change
    try:
        _generate(project)
    except BadInput as bad:
        raise PluginError("the curated facts have problems:\n" + bad.report()) from None
    except pipeline.Busy as busy:
        raise PluginError(str(busy)) from None


class _Regenerate(FileSystemEventHandler):
    def __init__(self, project: Project):
        self.project = project
        self.timer: threading.Timer | None = None

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(SETTLE_SECONDS, self.run)
        self.timer.daemon = True
        self.timer.start()

    def run(self) -> None:
        try:
            _generate(self.project)
        except BadInput as bad:
            log.error("the curated facts have problems; the preview keeps the last good pages:\n%s", bad.report())
        except pipeline.Busy as busy:
            log.warning("briefing: %s; not regenerated", busy)
        except Exception:  # keep the preview alive whatever one edit does
            log.exception("briefing: regeneration failed")


_observers: dict[Path, Observer] = {}


def on_serve(server, config, builder):
    project = _project(config)
    if project.root not in _observers:
        observer = Observer()
        handler = _Regenerate(project)
        for folder in (project.seeds, project.templates):
            observer.schedule(handler, str(folder), recursive=True)
        observer.daemon = True
        observer.start()
        _observers[project.root] = observer
    return server


def on_page_markdown(markdown, page, config, files):
    """Acronyms show their expansion as a tooltip on every page, hand-written ones too."""
    definitions = _project(config).content / ABBREVIATIONS_FILE
    try:
        return markdown + "\n\n" + definitions.read_text("utf-8")
    except OSError:
        return markdown


# Material's search dialog has no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output, page, config):
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_page_content(html, page, config, files):
    """The notes repeat the quotes each page's sources give, which the
    source pages list once: keep them out of the search index."""
    return html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
def on_post_build(config) -> None:
    """Material's search index repeats a page's tags on every section of the
    page; the page's own entry carrying them is enough to rank it first, and
    the repeats were a third of the index. Under `serve --dirty`, Material's
    search also keeps its previous index and replaces the entries of one
    changed page only; an edit that changes several pages would leave their
    old entries beside the new. Keep the newest."""
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    newest = {}
    for entry in index.get("docs", []):
        newest.pop(entry["location"], None)
        if "#" in entry["location"]:
            entry.pop("tags", None)
        newest[entry["location"]] = entry
    index["docs"] = list(newest.values())
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
