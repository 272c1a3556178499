"""The stages in order: load → verify → records → render → write → MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .problems import BadInput
from .project import Project
from .records import Briefing, assemble
from .render import render_outputs, schema_outputs
from .verify import check as load_and_verify
from .write import WriteReport, sync_tree, write_outputs


class SiteFailed(Exception):
    """MkDocs could not build the site from pages the generator wrote."""


def check(project: Project) -> Briefing:
    loaded, corpus, problems = load_and_verify(project.seeds, project.root)
    if problems:
        raise BadInput(problems)
    return assemble(loaded, corpus)


def generate(project: Project):
    """Check, then write the schemas, records and pages that changed."""
    briefing = check(project)
    schemas = {project.seeds / name: data for name, data in schema_outputs().items()}
    return write_outputs(project, render_outputs(briefing, project), schemas)


def build_site(project: Project) -> WriteReport:
    """Runs MkDocs as its own process, as a user would, in strict mode, into a
    staging folder; only then are the changed files copied into site/, so a
    failed build leaves the last good site as it was."""
    env = {**os.environ, "BRIEFING_GENERATED": "1", "NO_MKDOCS_2_WARNING": "1"}
    # MkDocs stamps the sitemap with the build time; a day's resolution keeps
    # rebuilds of unchanged input from rewriting it.
    env.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))
    with tempfile.TemporaryDirectory(prefix=".site-", dir=project.root) as staging:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
             "-f", str(project.mkdocs_yml), "--site-dir", staging],
            cwd=project.root, env=env,
        )
        if result.returncode != 0:
            raise SiteFailed(f"mkdocs build failed (exit {result.returncode}); the messages above say why")
        return sync_tree(Path(staging), project.site)


def serve_site(project: Project, dev_addr: str) -> None:
    """`mkdocs serve --dirty`: the generator rewrites only the pages an edit
    changes, so MkDocs need rebuild only those, which keeps reloads quick."""
    # Not strict: MkDocs warns that dirty builds may leave navigation stale.
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                              "-f", str(project.mkdocs_yml), "--dev-addr", dev_addr])
