"""`build.py serve` previews the site and regenerates it when the seeds change."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from conftest import copy_project, run_build
from test_incremental import DRAWN_EDITS, EDITS, Seeds, draw

pytestmark = pytest.mark.slow  # each test builds the site and runs `mkdocs serve`

# How long to wait for the server to do something. Generous, as the
# machine may be busy: the tests assert that it happens, not how fast
# (`make bench` measures edit-to-reload).
PATIENCE = 120
# What `mkdocs serve` logs as it notices a change, rebuilds, and has rebuilt.
REBUILD = "Detected file changes"
BUILDING = "Building documentation"
RELOADED = "Reloading browsers\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    # The server answers once a rebuild in progress is done: be patient.
    with urllib.request.urlopen(url, timeout=PATIENCE) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def start_serve(project, log_path) -> tuple[subprocess.Popen, int]:
    """`build.py serve` in its own session (stopped with os.killpg), logging to `log_path`."""
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, str(project / "build.py"), "--root", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    return server, port


def files_of(folder: Path) -> dict[Path, tuple[int, int]]:
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in folder.rglob("*") if path.is_file()}


def watched(log: str) -> list[Path]:
    """The paths `mkdocs serve` says it watches (relative to where it runs, or absolute)."""
    listed = re.search(r"Watching paths for changes: (.*)", log)
    assert listed, log
    return [Path.cwd() / path for path in re.findall(r"'([^']+)'", listed.group(1))]


def test_serve_regenerates_once_per_edit(project, tmp_path):
    """An edit is one rebuild, and nothing that rebuild writes is watched, so
    it cannot set off another: proved from what the rebuild wrote and what
    the server watches, not by waiting to see that nothing happens."""
    log_path = tmp_path / "serve.log"
    server, port = start_serve(project, log_path)
    log = lambda: log_path.read_text()  # noqa: E731
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Vikram Misri" in fetch(base + "officials/index.html"), PATIENCE, "the first build")

        start, before = len(log()), files_of(project)
        edited = project / "seeds" / "facts" / "zz-serve.yml"
        edited.write_text("topics:\n  - id: live-edit-topic\n    name: Live edit topic\n", encoding="utf-8")
        wait_for(lambda: "Live edit topic" in fetch(base + "topics/index.html"), PATIENCE, "the page to change")
        wait_for(lambda: RELOADED in log()[start:], PATIENCE, "the rebuild to end")
        rebuild = log()[start:]
        assert rebuild.count(REBUILD) == 1 and rebuild.count(BUILDING) == 1, rebuild
        written = [path for path, seen in files_of(project).items() if before.get(path) != seen and path != edited]
        assert any(path.is_relative_to(project / "generated" / "topics") for path in written), written
        paths = watched(log())
        assert project / "seeds" in paths and project / "templates" in paths, paths
        assert [(str(path), str(where)) for path in written for where in paths if path.is_relative_to(where)] == []

        # A broken edit keeps the last good pages and says why.
        edited.write_text("topics:\n  - id: Not A Slug\n", encoding="utf-8")
        wait_for(lambda: "problems" in log_path.read_text(), PATIENCE, "the problem report")
        assert "seeds/facts/zz-serve.yml:2: topics[Not A Slug].id" in log_path.read_text()
        assert "Live edit topic" in fetch(base + "topics/index.html")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


def test_the_open_page_reloads_after_a_template_edit(project, browser, tmp_path):
    """In Chromium, as a curator previews: edit a template, the open page updates by itself."""
    log_path = tmp_path / "serve.log"
    server, port = start_serve(project, log_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Engagements" in fetch(base + "topics/index.html"), PATIENCE, "the first build")
        page = browser.new_page()
        page.goto(base + "topics/index.html")
        # The page's livereload script has asked the server to tell it of a rebuild.
        wait_for(lambda: "Browser connected" in log_path.read_text(), PATIENCE, "the page to connect")
        template = project / "templates" / "topics_index.md.j2"
        template.write_text(template.read_text("utf-8").replace("| Topic | Engagements |", "| Subject | Engagements |"),
                            encoding="utf-8")
        # The page updates by itself: nothing here reloads or navigates it.
        page.get_by_role("columnheader", name="Subject").wait_for(timeout=PATIENCE * 1000)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


VISIT = "misri-washington-visit-2025-05"
NEW_MEETING = f"""events:
  - id: zz-new-meeting
    title: Zorblat quimble meeting
    kind: meeting
    summary: Zorblat quimble frobnicated with the visiting delegation.
    parent: {VISIT}
    date: 2025-05-28
    date_basis: stated
    participants: [vikram-misri]
    cite:
      - source: misri-visit-wrap-up
        quote: "Foreign Secretary Vikram Misri concluded a productive three-day visit to the United States from May 27 to 29"
        supports: [date, participants]
"""


def test_a_meeting_added_under_serve_reaches_every_sibling_and_the_next_build(project, tmp_path):
    """The issue's scenario: with the preview running, a new facts file adds
    a meeting to the May 2025 visit. Every other meeting of the visit lists
    it ("Other meetings in …") in the preview, and the next `build.py build`
    publishes the same."""
    log_path = tmp_path / "serve.log"
    server, port = start_serve(project, log_path)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Vikram Misri" in fetch(base + "officials/index.html"), 120, "the first build")
        events = json.loads((project / "generated" / "data" / "briefing.json").read_text("utf-8"))["events"]
        siblings = [event["id"] for event in events if event["parent"] == VISIT]
        assert len(siblings) == 8
        for sibling in siblings:
            assert "Zorblat" not in fetch(base + f"events/{sibling}.html")
        (project / "seeds" / "facts" / "zz-new-meeting.yml").write_text(NEW_MEETING, encoding="utf-8")
        wait_for(lambda: "Zorblat" in fetch(base + "events/zz-new-meeting.html"), 120, "the new meeting's page")
        stale = [sibling for sibling in siblings if "Zorblat" not in fetch(base + f"events/{sibling}.html")]
        assert stale == [], log_path.read_text()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)

    built = run_build(project, "build")
    assert built.code == 0, built.err
    for sibling in siblings:
        html = (project / "site" / "events" / f"{sibling}.html").read_text("utf-8")
        assert "Zorblat quimble meeting" in html, sibling


# --- what a dirty rebuild under serve skips equals a fresh build ---------------------

SERVE_URL = "http://127.0.0.1:8000/"
# A fresh build as `mkdocs serve` makes it (its preview's address, its
# drafts), in a process of its own, into an empty folder.
_FRESH_SERVE_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2], strict=False)
config.site_url = sys.argv[3]
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=sys.argv[3], dirty=False)
config.plugins.on_shutdown()
"""


class DirtyPreview:
    """`mkdocs serve --dirty` in this process, as mkdocs.commands.serve runs
    it, without the server: one site folder, the configuration read again
    for each build (MkDocs keeps the plugins' instances), each build dirty:
    MkDocs makes again only the pages whose source is newer than what it
    made of them, and copies only such files."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)

    def _config(self):
        from mkdocs.config import load_config

        # Not strict, as build.py serve runs it: MkDocs warns of every dirty build.
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site), strict=False)
        config.site_url = SERVE_URL
        return config

    def build(self) -> dict[str, bytes]:
        from mkdocs.commands.build import build

        build(self.config, serve_url=SERVE_URL, dirty=True)
        self.config = self._config()
        return site_files(self.site)

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fresh_serve_build(root: Path, site: Path) -> dict[str, bytes]:
    done = subprocess.run([sys.executable, "-c", _FRESH_SERVE_BUILD, str(root / "mkdocs.yml"), str(site), SERVE_URL],
                          capture_output=True, text=True, cwd=root, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    return site_files(site)


def toggle_acronym(seeds, data, step: int) -> str:
    """An acronym taken away from its record, or given back: its tooltip
    goes from, or comes to, pages whose Markdown does not change."""
    held = getattr(seeds, "taken_acronyms", {})
    seeds.taken_acronyms = held
    # Not one a discrepancy is about: the check needs it.
    disputed = {d["subject"] for d in seeds.records("discrepancies") if d.get("field") == "acronym"}
    choices = sorted([(c, r["id"]) for c in ("initiatives", "organizations") for r in seeds.records(c)
                      if r.get("acronym") and r["id"] not in disputed] + list(held))
    collection, record_id = draw(data, st.sampled_from(choices), "acronym")
    record = seeds.record(collection, record_id)
    if (collection, record_id) in held:
        record["acronym"] = held.pop((collection, record_id))
        return f"{collection}/{record_id}: acronym {record['acronym']} given back"
    held[(collection, record_id)] = record.pop("acronym")
    return f"{collection}/{record_id}: acronym {held[(collection, record_id)]} taken away"


@pytest.mark.slow
@settings(max_examples=4, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_what_a_dirty_rebuild_under_serve_keeps_equals_a_fresh_build(tmp_path_factory, monkeypatch, data):
    """After every edit (those of test_incremental.py, and an acronym's
    tooltip coming or going), the preview's site — the pages MkDocs did not
    make again, the files it did not copy again, the search index — is the
    site a fresh build under serve makes, file for file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748563200")  # one build date for both
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    folder = tmp_path_factory.mktemp("dirty")
    root = copy_project(folder / "project")
    monkeypatch.chdir(root)
    edits = {**EDITS, "toggle_acronym": toggle_acronym}
    preview = DirtyPreview(root, folder / "served")
    try:
        served = preview.build()
        seeds = Seeds(root)
        for step in range(1, draw(data, st.integers(1, 3), "steps") + 1):
            name = draw(data, st.sampled_from(["toggle_acronym", "toggle_acronym", *DRAWN_EDITS]), f"edit {step}")
            did = edits[name](seeds, data, step)
            seeds.save()
            note(f"step {step}: {did}")
            served = preview.build()
            fresh = fresh_serve_build(root, folder / f"fresh-{step}")
            differing = sorted(path for path in served.keys() | fresh.keys() if served.get(path) != fresh.get(path))
            assert differing == [], f"after step {step} ({did}), the preview differs from a fresh build: {differing}"
    finally:
        preview.close()
