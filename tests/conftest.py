"""Shared fixtures: a throw-away copy of the project, and running build.py in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a project needs to build (content/ holds only hand-written pages).
PROJECT_FILES = ["build.py", "mkdocs.yml", "pyproject.toml", "briefing", "templates", "seeds", "content", "overrides"]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.strip().splitlines()


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def run_build(root: Path, *args: str, timeout: float = 300, env: dict | None = None) -> Result:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run([sys.executable, str(root / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, env=env)
    return Result(done.returncode, done.stdout, done.stderr)


# Fixtures that build a whole site with MkDocs (two of them live in test
# modules): a test using any of them is marked `slow`; one using `browser`
# is marked `browser`. Other slow tests carry the mark themselves.
SITE_BUILDING_FIXTURES = {"built_site", "site_url", "hostile_site", "two_builds"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & SITE_BUILDING_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project with the default corpus."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default corpus built once for the session; read-only for tests."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_build(root, "build", timeout=600)
    assert result.code == 0, result.err
    return root


CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; CI sets BRIEFING_REQUIRE_BROWSER so it cannot skip."""
    if not CHROMIUM.exists():
        if os.environ.get("BRIEFING_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (BRIEFING_REQUIRE_BROWSER) but /usr/bin/chromium is missing")
        pytest.skip("no /usr/bin/chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built default site served over HTTP on localhost."""
    import functools
    import http.server
    import threading

    handler = functools.partial(QuietHandler, directory=str(built_site / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
