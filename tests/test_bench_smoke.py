"""The benchmark of `make bench`, at a tiny size, so that it cannot rot.

The synthetic corpus must keep passing `build.py check` as the verifier's
rules evolve, and every measuring step (check, generate, no-op, edit, pure
Jinja2, MkDocs, regeneration through a session and in full, edit-to-reload
under serve) must still run and report.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from bench import corpus, run
from conftest import run_build


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_the_synthetic_corpus_passes_check_and_is_deterministic(tmp_path):
    metadata = corpus.make_project(tmp_path / "a", 30, seed=7)
    result = run_build(tmp_path / "a", "check")
    assert result.code == 0, result.err
    assert result.out.startswith(f"ok: {metadata['counts']['sources']} sources")
    assert metadata["counts"]["events"] == 30

    corpus.make_project(tmp_path / "b", 30, seed=7)
    assert _digest(tmp_path / "a" / "seeds") == _digest(tmp_path / "b" / "seeds")

    # Realistic shape: visits with meetings in them, officials with several
    # titles, undated and uncertain dates, statements, discrepancies.
    facts = {}
    for path in (tmp_path / "a" / "seeds" / "facts").glob("*.yml"):
        for key, records in yaml.safe_load(path.read_text("utf-8")).items():
            facts.setdefault(key, []).extend(records)
    events = facts["events"]
    assert any(e["kind"] == "visit" for e in events)
    assert any(e.get("parent") for e in events)
    assert any(len(o["roles"]) > 1 for o in facts["officials"])
    assert any(e["date"] is None for e in events) and any("?" in (e["date"] or "") for e in events)
    assert facts["statements"] and facts["discrepancies"]


def test_an_edited_summary_still_passes_check(tmp_path):
    metadata = corpus.make_project(tmp_path / "p", 20, seed=3)
    edited = corpus.edit_event_summary(tmp_path / "p", metadata["edit_target"], "Nothing new here.")
    assert "Nothing new here." in edited.read_text("utf-8")
    result = run_build(tmp_path / "p", "check")
    assert result.code == 0, result.err


@pytest.mark.slow  # builds and serves a site
def test_the_benchmark_measures_every_step_at_a_tiny_size(tmp_path):
    # The limits are safety nets against a hang, generous for a busy machine:
    # this checks that every step runs and reports, not how fast.
    args = run.parse(["--sizes", "12", "--mkdocs-max", "12", "--serve-sizes", "12", "--reload-edits", "1",
                      "--out", str(tmp_path / "out"), "--results", str(tmp_path / "results.md"),
                      "--budget", "900", "--step-timeout", "300", "--mkdocs-timeout", "300",
                      "--reload-timeout", "120"])
    runs, text = run.bench(args)
    (size,) = runs
    for name in ("check", "generate", "no-op", "edit", "jinja", "mkdocs", "mkdocs-old", "mkdocs-beside",
                 "mkdocs-beside-old", "prose", "session"):
        assert name in size.steps, f"{name} did not run: {size.notes}"
        assert size.steps[name].ok, f"{name}: {size.steps[name].error}"
        assert size.steps[name].peak_kb > 0
    assert size.steps["no-op"].result["written_count"] == 0
    assert size.steps["mkdocs-beside"].cpu_seconds > 0 and size.prose_cpu and min(size.prose_cpu) > 0
    assert f"events/{size.edit_target}.md" in size.edit_written
    assert size.steps["jinja"].result["renders"] > 0
    session = size.steps["session"].result
    assert session["first"]["ran"] > 0 and session["first"]["reused"] == 0
    for edit in ("summary", "new event"):
        measured = session["edits"][edit]
        assert measured["same"], f"{edit}: the session's files differ from a full re-render's"
        assert measured["session"]["ran"] > 0 and measured["session"]["reused"] > 0
        assert measured["full"]["ran"] == measured["session"]["ran"] + measured["session"]["reused"]
    assert size.search_index_bytes and size.largest_page
    assert len(size.reloads) == 1 and size.reloads[0] is not None, size.notes
    assert (tmp_path / "results.md").read_text("utf-8") == text
    for row in ("`build.py check`", "generator ÷ MkDocs build", "pure Jinja2", "search index", "largest page",
                "through the session", "full re-render in one process", "## Targets", "nproc",
                "our pages ÷ plain prose (MkDocs side by side, CPU ÷ mean CPU)",
                "Our pages cost MkDocs at most 1.2× plain prose (12)",
                "the old path: our pages through Python-Markdown ÷ plain prose (side by side)"):
        assert row in text
