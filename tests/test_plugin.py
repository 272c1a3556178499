"""The generator as an MkDocs plugin: installed from the package, configured
in mkdocs.yml, and run by plain `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.project import Project
from conftest import ROOT, copy_project, run_build

pytestmark = pytest.mark.slow

EPOCH = "1764000000"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mkdocs(root: Path, *args: str, python: str = sys.executable) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([python, "-m", "mkdocs", "build", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def test_pip_install_into_an_empty_venv_builds_the_same_site(tmp_path):
    """`pip install .` into a new venv, then `mkdocs build` in a copy of the
    project that has no generator code of its own: the same site as build.py's."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + ["-r", str(ROOT / "requirements.txt")], check=True, timeout=900)
    # From a copy: building a package leaves build/ and *.egg-info beside its source.
    package = tmp_path / "package"
    package.mkdir()
    for name in ["pyproject.toml", "README.md", "briefing", "templates", "content", "overrides"]:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, package / name)
    installed = subprocess.run(pip + ["--no-deps", str(package)], capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(package)  # what the package needs, it carries

    # No templates/: the project uses those the package ships.
    user = tmp_path / "user"
    user.mkdir()
    for name in ["mkdocs.yml", "seeds", "content", "overrides"]:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, user / name)
    assert not (user / "briefing").exists()  # only the installed plugin can generate the pages
    built = mkdocs(user, "--strict", python=python)
    assert built.returncode == 0, built.stderr

    reference = copy_project(tmp_path / "reference")
    result = run_build(reference, "build", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.code == 0, result.err
    mine, theirs = files_of(user / "site"), files_of(reference / "site")
    assert mine.keys() == theirs.keys()
    assert [path for path in mine if mine[path] != theirs[path]] == []
    # The installed console script is the same command line.
    check = subprocess.run([str(venv / "bin" / "briefing"), "--root", str(user), "check"],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and check.stdout.startswith("ok: "), check.stderr

    # A briefing of one's own from the installed package alone: new, check, build.
    for command in (["new", "mine", "--title", "Mine", "--description", "Mine, in my words.", "--countries", "India"],
                    ["--root", "mine", "check"], ["--root", "mine", "build"]):
        done = subprocess.run([str(venv / "bin" / "briefing"), *command], cwd=tmp_path, capture_output=True,
                              text=True, timeout=600, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, (command, done.stderr)
    assert "<title>Mine - Mine</title>" in (tmp_path / "mine" / "site" / "index.html").read_text("utf-8")


def test_generated_files_stay_out_of_content(project):
    before = files_of(project / "content")
    result = run_build(project, "build")
    assert result.code == 0, result.err
    assert files_of(project / "content") == before
    assert (project / "generated" / "index.md").is_file()
    assert (project / "generated" / "data" / "briefing.json").is_file()


def test_the_title_is_mkdocs_own_site_name_with_env_and_inherit(project, monkeypatch):
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    site_name = next(line for line in text.splitlines() if line.startswith("site_name:"))
    config.write_text(text.replace(site_name, 'site_name: !ENV [BRIEFING_TITLE, "Untitled"]'), encoding="utf-8")
    monkeypatch.setenv("BRIEFING_TITLE", "Desk briefing: Delhi & Washington")
    outputs = pipeline.render(pipeline.check(Project(project)), Project(project))
    assert outputs["index.md"].decode().splitlines()[1] == 'title: "Desk briefing: Delhi &amp; Washington"'
    assert b"Desk briefing" in outputs["assets/print-page.css"]

    (project / "base.yml").write_text("site_name: Inherited briefing\n", encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("site_name:")]
    config.write_text("INHERIT: base.yml\n" + "\n".join(lines) + "\n", encoding="utf-8")
    outputs = pipeline.render(pipeline.check(Project(project)), Project(project))
    assert outputs["index.md"].decode().splitlines()[1] == "title: Inherited briefing"


def test_a_failed_plain_mkdocs_build_leaves_the_last_good_site(project):
    first = mkdocs(project, "--strict")
    assert first.returncode == 0, first.stderr
    good = files_of(project / "site")

    # A strict warning: a hand-written page with a broken link.
    (project / "content" / "broken.md").write_text("# Broken\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    failed = mkdocs(project, "--strict")
    assert failed.returncode != 0
    assert "nowhere.md" in failed.stderr
    assert files_of(project / "site") == good
    (project / "content" / "broken.md").unlink()

    # Bad facts: the problems are reported, nothing is built.
    facts = project / "seeds" / "facts" / "zz-bad.yml"
    facts.write_text("topics:\n  - id: Not A Slug\n    name: Bad\n", encoding="utf-8")
    failed = mkdocs(project, "--strict")
    assert failed.returncode != 0
    assert "seeds/facts/zz-bad.yml:2: topics[Not A Slug].id" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert files_of(project / "site") == good
    assert not list(project.glob(".site-staging-*"))


def test_under_serve_the_seeds_and_templates_are_looked_at_more_often_than_mkdocs_looks(tmp_path):
    """MkDocs' server looks for changes every half second; the seeds and
    templates are looked at as often as a look costs a twentieth of a core,
    no more often than every 0.1 s and no less often than MkDocs looks;
    what is watched after them keeps MkDocs' own interval."""
    from mkdocs.livereload import LiveReloadServer

    from briefing.plugin import MKDOCS_POLL, QUICKEST_POLL, _polled_every, poll_interval

    root = copy_project(tmp_path / "project")
    project = Project(root)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    interval = poll_interval([project.seeds, project.templates])
    assert QUICKEST_POLL <= interval <= MKDOCS_POLL
    with _polled_every(server, interval):
        server.watch(str(project.seeds))
        server.watch(str(project.templates))
    server.watch(str(project.docs))
    looked = {emitter.watch.path: emitter.timeout for emitter in server.observer.emitters}
    assert looked == {str(project.seeds): interval, str(project.templates): interval, str(project.docs): MKDOCS_POLL}
