"""`build.py serve` previews the site and regenerates it when the seeds change."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # each test builds the site and runs `mkdocs serve`

# How long to wait for the server to do something. Generous, as the
# machine may be busy: the tests assert that it happens, not how fast
# (`make bench` measures edit-to-reload).
PATIENCE = 120


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


def test_serve_regenerates_once_per_edit(project, tmp_path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, str(project / "build.py"), "--root", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    builds = lambda: log_path.read_text().count("Building documentation")  # noqa: E731
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Vikram Misri" in fetch(base + "officials/index.html"), PATIENCE, "the first build")
        time.sleep(1)
        before = builds()

        edited = project / "seeds" / "facts" / "zz-serve.yml"
        edited.write_text("topics:\n  - id: live-edit-topic\n    name: Live edit topic\n", encoding="utf-8")
        wait_for(lambda: "Live edit topic" in fetch(base + "topics/index.html"), PATIENCE, "the page to change")
        time.sleep(3)  # a second, unwanted rebuild would have started by now
        assert builds() - before == 1, log_path.read_text()

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
    port = free_port()
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, str(project / "build.py"), "--root", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Engagements" in fetch(base + "topics/index.html"), PATIENCE, "the first build")
        page = browser.new_page()
        page.goto(base + "topics/index.html")
        page.wait_for_timeout(1000)  # livereload connects
        template = project / "templates" / "topics_index.md.j2"
        template.write_text(template.read_text("utf-8").replace("| Topic | Engagements |", "| Subject | Engagements |"),
                            encoding="utf-8")
        # The page updates by itself: nothing here reloads or navigates it.
        page.get_by_role("columnheader", name="Subject").wait_for(timeout=PATIENCE * 1000)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)
