"""MkDocs hooks: plain `mkdocs build` and `mkdocs serve` run the generator too.

Named in mkdocs.yml under `hooks:`. Only changed files are written, so the
pages written during a build do not make `mkdocs serve` rebuild in a loop.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# MkDocs loads this file by path; make its package importable from a clone.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from briefing import pipeline  # noqa: E402
from briefing.problems import BadInput  # noqa: E402
from briefing.project import Project  # noqa: E402

log = logging.getLogger("mkdocs.briefing")


def _project(config) -> Project:
    return Project(Path(config["config_file_path"]).resolve().parent)


def on_pre_build(config) -> None:
    if os.environ.get("BRIEFING_GENERATED"):
        return  # build.py has just generated the pages itself
    try:
        report = pipeline.generate(_project(config))
    except BadInput as bad:
        raise PluginError("the curated facts have problems:\n" + bad.report()) from None
    log.info("briefing: %s", report.summary())


def on_serve(server, config, builder):
    project = _project(config)
    for folder in (project.seeds, project.templates):
        server.watch(str(folder))
    return server
