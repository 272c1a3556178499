"""Under `build.py serve`: a draft being typed does not stop the preview,
and the search index stays what a fresh build makes."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from conftest import run_build
from test_serve import PATIENCE, fetch, start_serve, wait_for

pytestmark = pytest.mark.slow  # each test runs `mkdocs serve`


def stop(server) -> None:
    os.killpg(server.pid, 15)
    server.wait(timeout=60)


def test_a_half_typed_draft_is_left_out_and_the_preview_goes_on(project, tmp_path):
    log_path = tmp_path / "serve.log"
    drafts = project / "seeds" / "drafts"
    drafts.mkdir()
    good = {"source": "misri-hosts-hooker", "proposals": [
        {"action": "cite", "collection": "officials", "id": "allison-hooker", "fields": {},
         "evidence": [{"source": "misri-hosts-hooker", "quote": "Foreign Secretary Vikram Misri recently hosted "
                       "Under Secretary of State for Political Affairs Allison Hooker in New Delhi"}],
         "confidence": 0.9, "why": "by name"}]}
    (drafts / "good.yml").write_text(yaml.safe_dump(good), encoding="utf-8")
    server, port = start_serve(project, log_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Allison Hooker" in fetch(base + "drafts/good.html"), PATIENCE, "the review page")
        # Half typed: a quote opened and not closed.
        (drafts / "typing.yml").write_text("source: misri-hosts-hooker\nproposals:\n  - action: cite\n"
                                           "    why: 'unclosed\n", encoding="utf-8")
        wait_for(lambda: "seeds/drafts/typing.yml:5: YAML syntax" in log_path.read_text(), PATIENCE, "the message")
        assert "its review page is left out until it can be read" in log_path.read_text()
        # The rest of the preview goes on: an edit to the facts shows, the other draft's page stays.
        (project / "seeds" / "facts" / "zz-serve.yml").write_text(
            "topics:\n  - id: typed-while-drafting\n    name: Typed while drafting\n", encoding="utf-8")
        wait_for(lambda: "Typed while drafting" in fetch(base + "topics/index.html"), PATIENCE, "the facts edit")
        assert "Allison Hooker" in fetch(base + "drafts/good.html")
        assert "Traceback" not in log_path.read_text()
    finally:
        stop(server)


def entries(index: dict) -> list[str]:
    return sorted(json.dumps(entry, sort_keys=True) for entry in index["docs"])


def test_the_search_index_under_serve_equals_a_fresh_builds_after_a_heading_is_renamed(project, tmp_path):
    """A heading every official's page has, renamed: under serve, each of
    those pages' old section leaves the index, as a fresh build has it."""
    log_path = tmp_path / "serve.log"
    server, port = start_serve(project, log_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Vikram Misri" in fetch(base + "officials/vikram-misri.html"), PATIENCE, "the first build")
        template = project / "templates" / "official.md.j2"
        template.write_text(template.read_text("utf-8").replace("## Titles\n", "## Titles held\n"), encoding="utf-8")
        served = wait_for(lambda: (lambda text: "#titles-held" in text and text)(
            fetch(base + "search/search_index.json")), PATIENCE, "the index after the edit")
        # Let the rebuild that wrote it finish with the pages it names.
        wait_for(lambda: "Titles held" in fetch(base + "officials/christopher-landau.html"), PATIENCE, "the pages")
        served = fetch(base + "search/search_index.json")
    finally:
        stop(server)
    assert "#titles\"" not in served
    built = run_build(project, "build")  # today, as the server dates its pages
    assert built.code == 0, built.err
    fresh = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert entries(json.loads(served)) == entries(fresh)
