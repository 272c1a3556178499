"""`build.py build`: records and pages into generated/, the site into site/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project, run_build

COLLECTIONS = ["sources", "officials", "organizations", "initiatives", "events", "statements", "discrepancies"]


def snapshot(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_site_and_data_are_published(built_site):
    site = built_site / "site"
    assert (site / "index.html").is_file()
    data = json.loads((site / "data" / "briefing.json").read_text("utf-8"))
    for name in COLLECTIONS:
        assert name in data, name
    for name in ["officials", "initiatives", "events"]:
        assert data[name], f"no {name} published"
    for name, records in data.items():
        for record in records:
            page = record["url"].split("#")[0]
            assert (site / page).is_file(), f"{name} {record['id']}: {record['url']} is not in the site"


def test_each_record_also_has_its_yaml(built_site):
    data = json.loads((built_site / "site" / "data" / "briefing.json").read_text("utf-8"))
    for official in data["officials"]:
        text = (built_site / "generated" / "data" / "officials" / f"{official['id']}.yml").read_text("utf-8")
        assert f"id: {official['id']}" in text
        assert "events:" in text  # derived back-references are included


def test_pages_for_every_kind_of_record(built_site):
    site = built_site / "site"
    data = json.loads((site / "data" / "briefing.json").read_text("utf-8"))
    for page in ["timeline.html", "notes.html", "officials/index.html", "initiatives/index.html", "events/index.html"]:
        assert (site / page).is_file(), page
    official = data["officials"][0]
    html = (site / official["url"]).read_text("utf-8")
    assert official["name"] in html
    assert 'class="footnote"' in html  # citations are footnotes with their quotes


@pytest.mark.slow
def test_second_build_writes_nothing(project):
    assert run_build(project, "build").code == 0
    generated, site = snapshot(project / "generated"), snapshot(project / "site")
    second = run_build(project, "build")
    assert second.code == 0, second.err
    assert "generated into generated/: 0 written, 0 removed" in second.out
    assert "site: 0 written, 0 removed" in second.out
    assert snapshot(project / "generated") == generated
    assert snapshot(project / "site") == site


@pytest.mark.slow
def test_hand_written_pages_are_left_alone_and_stale_pages_go(project):
    about = project / "content" / "about.md"
    original = about.read_bytes()
    assert run_build(project, "build").code == 0
    assert about.read_bytes() == original
    events_file = next(p for p in (project / "seeds" / "facts").glob("*.yml") if "events:" in p.read_text("utf-8"))
    # Rename one event everywhere: its old page must disappear, the new one appear.
    data = json.loads((project / "site" / "data" / "briefing.json").read_text("utf-8"))
    old = next(e["id"] for e in data["events"] if not e["children"])
    for path in (project / "seeds" / "facts").glob("*.yml"):
        path.write_text(path.read_text("utf-8").replace(old, old + "-renamed"), encoding="utf-8")
    result = run_build(project, "build")
    assert result.code == 0, result.err
    assert not (project / "generated" / "events" / f"{old}.md").exists()
    assert not (project / "site" / "events" / f"{old}.html").exists()
    assert (project / "site" / "events" / f"{old}-renamed.html").exists()
    assert about.read_bytes() == original
    assert events_file.exists()


@pytest.mark.slow
def test_bad_input_leaves_the_last_good_site(project):
    assert run_build(project, "build").code == 0
    generated, site = snapshot(project / "generated"), snapshot(project / "site")
    facts = sorted((project / "seeds" / "facts").glob("*.yml"))[0]
    facts.write_text(facts.read_text("utf-8") + "\nbroken: [\n", encoding="utf-8")
    result = run_build(project, "build")
    assert result.code == 2
    assert snapshot(project / "generated") == generated
    assert snapshot(project / "site") == site


@pytest.mark.slow
def test_plain_mkdocs_build_works_from_a_clone(tmp_path):
    """`mkdocs build` alone generates the pages through the plugin."""
    import os
    import subprocess
    import sys

    root = copy_project(tmp_path / "clone")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, timeout=600,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    assert (root / "site" / "officials" / "index.html").is_file()
    assert (root / "site" / "data" / "briefing.json").is_file()
